using JuniperFts.Host.Cli;
using JuniperFts.Ingest.Sample;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Ingest;

/// <summary><c>fts run</c> twice against one database, into two new output folders: the same files, issued once; one line per step.</summary>
public class FtsRunRerunTests
{
    [Fact]
    public async Task Run_TwiceIntoNewFolders_SameFilesIdenticalCsvAndJsonNothingIssuedTwice()
    {
        using var temp = new TempWarehouse();
        var drop = temp.PathOf("drop");
        SampleDropFolder.Write(drop, new SampleOptions(150, 5));

        var first = await Run(temp, drop, "out1", Instant.FromUtc(2026, 10, 2, 8, 0));
        var revisions = temp.Scalar<int>("SELECT count(*) FROM trueup_statement_revisions");
        // A later day: only the PDFs' issue date could tell the runs apart, and the statements keep the first one.
        var second = await Run(temp, drop, "out2", Instant.FromUtc(2026, 11, 20, 8, 0), "--verbose");

        Assert.Matches(@"true-up: due by \S+: [1-9]\d* issued, 0 already issued", first);
        Assert.Matches($@"true-up: due by \S+: 0 issued, {revisions} already issued \(written as issued\)", second);
        Assert.Equal(revisions, temp.Scalar<int>("SELECT count(*) FROM trueup_statement_revisions"));
        var files1 = Files(temp.PathOf("out1"));
        var files2 = Files(temp.PathOf("out2"));
        Assert.Equal(files1, files2);
        Assert.Equal(3 * revisions, files1.Count(f => f.StartsWith("trueup/TU-", StringComparison.Ordinal)));
        Assert.All(files1.Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.StartsWith("trueup/TU-", StringComparison.Ordinal)),
            f => Assert.True(File.ReadAllBytes(temp.PathOf("out1/" + f)).SequenceEqual(File.ReadAllBytes(temp.PathOf("out2/" + f))), f + " differs"));

        // One line per step after the as-of; the files of the true-up and the review packs only with --verbose.
        var steps = first.Split('\n').SkipWhile(l => !l.StartsWith("as of ", StringComparison.Ordinal)).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(["sla", "excel", "true-up", "forecast", "staffing", "review-packs", "review-decks"], steps.Select(l => l[..l.IndexOf(':')]));
        Assert.DoesNotContain("TU-", first);
        Assert.Contains("  " + temp.PathOf("out2/trueup/TU-"), second);
        Assert.Contains("  " + temp.PathOf("out2/review-packs/review-pack-"), second);
    }

    private static async Task<string> Run(TempWarehouse temp, string drop, string outFolder, Instant now, params string[] more)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await FtsCli.RunAsync(["run", "--data", drop, "--out", temp.PathOf(outFolder), "--db", temp.DatabasePath, .. more],
            TestCli.Context(output, error, new FakeClock(now)));
        Assert.True(exit == 0, error.ToString());
        return output.ToString().Replace("\r\n", "\n");
    }

    private static List<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
}
