namespace JuniperFts.Reports.Tests.ReviewPack;

/// <summary>
/// Compares text with a file under <c>tests/Reports.Tests/golden/</c>. Set <c>FTS_UPDATE_GOLDEN=1</c>
/// to (re)write the files in the source tree instead, then review the diff and commit it.
/// </summary>
public static class GoldenFile
{
    public static void Verify(string relativePath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("FTS_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceFolder(), relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "golden", relativePath);
        Assert.True(File.Exists(path), $"golden file {relativePath} is missing: run the tests once with FTS_UPDATE_GOLDEN=1 and commit it");
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    /// <summary>The golden folder in the source tree: the test project's folder, found above the test binaries.</summary>
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "JuniperFts.Reports.Tests.csproj")))
                return Path.Combine(dir.FullName, "golden");
        throw new InvalidOperationException("cannot find the Reports.Tests project folder above " + AppContext.BaseDirectory);
    }
}
