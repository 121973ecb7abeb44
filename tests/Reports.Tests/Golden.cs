using System.Runtime.CompilerServices;
using System.Text;

namespace JuniperFts.Reports.Tests;

/// <summary>
/// Golden files under <c>tests/Reports.Tests/golden/</c> (workbook sheets as CSV, review-pack word dumps, true-up
/// statements), compared exactly. With <c>FTS_UPDATE_GOLDEN=1</c> they are rewritten in the source tree instead:
/// review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void Verify(string relativePath, string actual)
    {
        var path = Path.Combine(Folder(), relativePath);
        if (Environment.GetEnvironmentVariable("FTS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {relativePath} is missing: run the tests once with FTS_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    // This file sits in the test project's folder, beside golden/.
    private static string Folder([CallerFilePath] string self = "") => Path.Combine(Path.GetDirectoryName(self)!, "golden");
}
