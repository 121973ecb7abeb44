using JuniperFts.Host.Tests.Ingest;

namespace JuniperFts.Host.Tests;

/// <summary>
/// A mistyped <c>--db</c> on a command that reads: one line saying there is no database there and how to make one,
/// exit 2, and nothing created (no database, no folder, no output file). Only ingest, run and serve create one.
/// </summary>
public sealed class MissingDatabaseTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fts-missing-" + Guid.NewGuid().ToString("N"));

    public MissingDatabaseTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every command of cli.md (and the extra ones) that reads the database, with the arguments it needs.</summary>
    public static TheoryData<string> ReadCommands => new()
    {
        "quarantine",
        "quarantine --format csv",
        "compliance",
        "sla cases",
        "sla summary --by priority,region",
        "sla explain K1",
        "sla refresh",
        "trueup --contract C-1001 --year 1",
        "trueup --due 2026-03-31 --out {out}",
        "report excel --quarter 2026Q3 --out {out}/sla.xlsx",
        "report review-pack --account A0001 --quarter 2026Q3 --out {out}/pack.pdf",
        "forecast",
        "staffing",
        "deliver --subscription packs-to-share --period 2026Q3 --dry-run",
    };

    [Theory]
    [MemberData(nameof(ReadCommands))]
    public void ReadCommand_NoDatabaseAtPath_OneLineExit2NothingCreated(string command)
    {
        var database = Path.Combine(_folder, "data", "ftsx.duckdb");
        var args = command.Replace("{out}", Path.Combine(_folder, "out")).Split(' ').Concat(["--db", database]).ToArray();
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:Subscriptions:0:Name"] = "packs-to-share",
            ["Delivery:Subscriptions:0:Report"] = "review-packs",
            ["Delivery:Subscriptions:0:Folder"] = Path.Combine(_folder, "share"),
        };

        var run = Fts.Run(settings, args);

        Assert.Equal(2, run.Exit);
        Assert.Equal(
            $"fts: there is no database at {database}: make one by ingesting a drop folder (`fts ingest DIR` or `fts run`), or name the right file",
            run.Error.TrimEnd('\n'));
        Assert.Equal("", run.Out);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }
}
