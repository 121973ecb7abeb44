using JuniperFts.Host.Cli;
using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Sla;

/// <summary>The real pipeline: a drop folder through ingest, then <c>fts sla cases</c>; a later export re-evaluates the case.</summary>
public class SlaAfterIngestTests
{
    private static async Task<string> SlaCasesCsv(TempWarehouse temp)
    {
        var output = new StringWriter();
        var context = TestCli.Context(output, new StringWriter(), new FakeClock(Instant.FromUtc(2026, 11, 25, 12, 0)));
        Assert.Equal(0, await FtsCli.RunAsync(["sla", "cases", "--db", temp.DatabasePath, "--format", "csv"], context));
        return output.ToString().Split('\n')[1];
    }

    [Fact]
    public async Task SlaCases_AfterIngestAndReingest_ReflectsTheLatestExport()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        // Case K1 (24x7, Sunnyvale): P1 at 16:59 PST, P2 from 17:00, answered 17:10: 11 minutes against P2's 30.
        drop.IngestInto(temp);

        Assert.Equal("K1,met,,P2,24x7,AMERICAS,SUNNYVALE,false,660,1800", await SlaCasesCsv(temp));

        // A later export moves the response to 17:40 PST: 41 minutes.
        drop.Set("cases", "K1,A1,S1,SN1,P1,2026-03-02T16:59:00-08:00,2026-03-02T17:40:00-08:00,2026-03-03T10:00:00-08:00,,E1,Router down");
        drop.IngestInto(temp);

        Assert.Equal("K1,breached,,P2,24x7,AMERICAS,SUNNYVALE,false,2460,1800", await SlaCasesCsv(temp));
    }

    [Fact]
    public async Task SlaExplain_AfterIngest_RulesStepByStepAgreeingWithTheStoredRow_UnknownCaseOneLine()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        drop.IngestInto(temp);
        var output = new StringWriter();
        var error = new StringWriter();
        var context = TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 11, 25, 12, 0)));

        Assert.Equal(0, await FtsCli.RunAsync(["sla", "explain", "K1", "--db", temp.DatabasePath], context));
        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal("priority: P1 at creation, P2 at 2026-03-03T01:00:00Z; in effect when the clock stops: P2", lines[1]);
        Assert.Equal("   answered 2026-03-03T01:10:00Z: elapsed 660 s against 1800 s", lines[^3]);
        Assert.Equal("stored evaluation (what the reports show): agrees", lines[^1]);

        Assert.Equal(2, await FtsCli.RunAsync(["sla", "explain", "NOPE", "--db", temp.DatabasePath], context));
        Assert.Equal("fts: case 'NOPE' is not in the database\n", error.ToString().Replace("\r\n", "\n"));
    }
}
