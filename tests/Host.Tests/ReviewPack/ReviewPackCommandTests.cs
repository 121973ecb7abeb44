using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using UglyToad.PdfPig;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Tests.ReviewPack;

/// <summary><c>fts report review-pack</c> run in-process against a real DuckDB file.</summary>
public sealed class ReviewPackCommandTests : IDisposable
{
    private readonly TempWarehouse _temp = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    // 2026-04-15: the latest complete quarter is 2026Q1.
    private readonly CliContext _context;

    public ReviewPackCommandTests()
    {
        _context = TestCli.Context(_out, _error, new FakeClock(Instant.FromUtc(2026, 4, 15, 0, 0)));
        _temp.Seed()
            .Account("A1", name: "Acme Networks").Account("A2", name: "Quiet Co")
            .Site("S1", "A1").Site("S2", "A2")
            .Contract("K1", "A1", "S1").Contract("K2", "A2", "S2")
            .Unit("SN1", "K1", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P1", new DateTime(2026, 2, 2, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 2, 10, 10, 0, DateTimeKind.Utc))
            .Case("C2", "A1", "S1", "SN1", "P1", new DateTime(2026, 2, 3, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 3, 10, 20, 0, DateTimeKind.Utc));
    }

    private Task<int> Run(params string[] args) => FtsCli.RunAsync([.. args, "--db", _temp.DatabasePath], _context);

    private static string Text(string path)
    {
        using var pdf = PdfDocument.Open(path);
        return string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task ReviewPack_AccountAndFile_WritesThePackAndPrintsItsPath()
    {
        var file = _temp.PathOf("packs/a1.pdf");

        var exit = await Run("report", "review-pack", "--account", "A1", "--quarter", "2026Q1", "--out", file, "--as-of", "2026-04-01T00:00:00Z");

        Assert.True(exit == 0, _error.ToString());
        Assert.Equal(file, _out.ToString().Trim());
        var text = Text(file);
        Assert.Contains("Acme Networks (A1) · 2026Q1", text);
        Assert.Contains("All priorities 2 1 1 0 50.00 %", text);
        Assert.Contains("Data as of 2026-04-01 00:00 UTC", text);
    }

    [Fact]
    public async Task ReviewPack_All_OnePackPerAccountInTheFolder()
    {
        var folder = _temp.PathOf("packs");

        var exit = await Run("report", "review-pack", "--all", "--quarter", "2026Q1", "--out", folder);

        Assert.True(exit == 0, _error.ToString());
        Assert.Equal(["review-pack-A1-2026Q1.pdf", "review-pack-A2-2026Q1.pdf"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("No cases were created for this account in 2026Q1.", Text(Path.Combine(folder, "review-pack-A2-2026Q1.pdf")));
    }

    [Fact]
    public async Task ReviewPack_NoQuarter_LatestCompleteQuarterAtTheClock()
    {
        var folder = _temp.PathOf("packs");
        Directory.CreateDirectory(folder);

        var exit = await Run("report", "review-pack", "--account", "A1", "--out", folder);

        Assert.True(exit == 0, _error.ToString());
        Assert.True(File.Exists(Path.Combine(folder, "review-pack-A1-2026Q1.pdf")), _error.ToString());
    }

    [Theory]
    [InlineData("neither", "give either --account ID")]
    [InlineData("both", "give either --account ID")]
    [InlineData("bad-quarter", "--quarter: '2026Q5' is not a quarter")]
    [InlineData("unknown-account", "account 'NOPE' is not in the data")]
    public async Task ReviewPack_UserMistake_OneLineExit2AndNoFile(string mistake, string message)
    {
        var file = _temp.PathOf("pack.pdf");
        string[] args = mistake switch
        {
            "neither" => ["--quarter", "2026Q1"],
            "both" => ["--account", "A1", "--all"],
            "bad-quarter" => ["--account", "A1", "--quarter", "2026Q5"],
            _ => ["--account", "NOPE", "--quarter", "2026Q1"],
        };

        var exit = await Run(["report", "review-pack", .. args, "--out", file]);

        Assert.Equal(FtsCli.UserErrorExit, exit);
        var line = Assert.Single(_error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("fts: ", line);
        Assert.Contains(message, line);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.GetFiles(_temp.Folder, "*" + ReportFile.PartialSuffix));
    }

    [Fact]
    public void Step_FtsRun_PacksOfEveryAccountForTheLatestCompleteQuarter()
    {
        var outFolder = _temp.PathOf("out");
        var run = new FtsRun(_context, _temp.Warehouse, outFolder, Instant.FromUtc(2026, 4, 15, 0, 0));

        ReviewPackCommands.Steps.First().Run(run);

        Assert.Equal(["review-pack-A1-2026Q1.pdf", "review-pack-A2-2026Q1.pdf"],
            Directory.GetFiles(Path.Combine(outFolder, ReviewPackCommands.RunFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Review packs 2026Q1 (2 accounts)", _out.ToString());
    }

    public void Dispose() => _temp.Dispose();
}
