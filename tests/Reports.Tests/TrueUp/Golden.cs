using System.Runtime.CompilerServices;

namespace JuniperFts.Reports.Tests.TrueUp;

/// <summary>
/// Compares rendered output with a file under <c>tests/Reports.Tests/golden/trueup/</c>.
/// Refresh after an intended change with <c>FTS_UPDATE_GOLDEN=1 dotnet test tests/Reports.Tests --filter FullyQualifiedName~TrueUp</c>
/// and review the diff before committing.
/// </summary>
internal static class Golden
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(caller)!, "..", "golden", "trueup", name);
        if (Environment.GetEnvironmentVariable("FTS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"No golden file {name}; create it with FTS_UPDATE_GOLDEN=1.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
