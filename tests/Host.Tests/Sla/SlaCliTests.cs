using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Sla;

/// <summary><c>fts sla</c>, <c>fts clock</c> and the SLA step of <c>fts run</c>, in-process against a real DuckDB file.</summary>
public class SlaCliTests
{
    private const string CalendarJson = """
        {"time_zone": "Europe/Amsterdam",
         "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"], "wed": ["09:00-17:00"],
                   "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]},
         "holidays": ["2026-12-25"],
         "overrides": {"2026-12-24": ["09:00-13:00"]},
         "breaks": {"2026-06-01": ["12:00-13:00"]}}
        """;

    private static async Task<(int Exit, string Out, string Error)> Fts(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 3, 3, 0, 0)));
        var exit = await FtsCli.RunAsync(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Calendar(TempWarehouse temp, string json = CalendarJson)
    {
        var path = temp.PathOf("calendar.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static TempWarehouse Seeded()
    {
        var temp = new TempWarehouse();
        temp.Seed().Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON")
            .Unit("SN1", "K1", "2025-01-01")
            // Monday 2 March 09:00 EST: met on target, and one unanswered since 09:10 EST.
            .Case("C1", "A1", "S1", "SN1", "P1", new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 14, 15, 0, DateTimeKind.Utc))
            .Case("C2", "A1", "S1", "SN1", "P2", new DateTime(2026, 3, 2, 14, 10, 0, DateTimeKind.Utc))
            .Case("C3", "A1", "S1", "SNX", "P1", new DateTime(2026, 3, 2, 14, 10, 0, DateTimeKind.Utc));
        return temp;
    }

    [Fact]
    public async Task ClockElapsed_FridayToMondayAcrossEuDst_PrintsWholeSeconds()
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "elapsed", "--calendar", Calendar(temp), "--from", "2026-03-27T16:55:00+01:00", "--to", "2026-03-30T09:10:00+02:00");

        Assert.Equal((0, "900\n"), (r.Exit, r.Out));
    }

    [Fact]
    public async Task ClockElapsed_WithPause_RemovesIt()
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "elapsed", "--calendar", Calendar(temp), "--from", "2026-03-02T08:00:00Z", "--to", "2026-03-02T09:00:00Z",
            "--pause", "2026-03-02T08:10:00Z/2026-03-02T08:20:00Z", "--pause", "2026-03-02T08:50:00Z/2026-03-02T10:00:00Z");

        Assert.Equal((0, "2400\n"), (r.Exit, r.Out));
    }

    [Fact]
    public async Task ClockDue_FifteenMinutesFromFridayClose_PrintsUtcInstant()
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "due", "--calendar", Calendar(temp), "--from", "2026-03-27T16:55:00+01:00", "--seconds", "900");

        Assert.Equal((0, "2026-03-30T07:10:00Z\n"), (r.Exit, r.Out));
    }

    [Theory]
    [InlineData("2026-12-24T11:59:59Z", "true\n")]
    [InlineData("2026-12-24T12:00:00Z", "false\n")]
    public async Task ClockOpen_HalfDayOverride_TrueUntilItsEnd(string at, string expected)
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "open", "--calendar", Calendar(temp), "--at", at);

        Assert.Equal((0, expected), (r.Exit, r.Out));
    }

    [Theory]
    [InlineData("{\"time_zone\": ", "not valid JSON")]
    [InlineData("{\"time_zone\": \"Nowhere/Land\"}", "Nowhere/Land")]
    [InlineData("{\"time_zone\": \"UTC\", \"hours\": {\"mon\": [\"9:00-17:00\"]}}", "hours.mon")]
    public async Task Clock_BadCalendar_OneLineExit2(string json, string fragment)
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "open", "--calendar", Calendar(temp, json), "--at", "2026-03-02T10:00:00Z");

        Assert.Equal(2, r.Exit);
        Assert.StartsWith("fts: ", r.Error);
        Assert.Contains(fragment, r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("--at", "2026-03-02 10:00")]
    [InlineData("--at", "yesterday")]
    public async Task Clock_BadInstant_OneLineExit2(string option, string value)
    {
        using var temp = new TempWarehouse();

        var r = await Fts("clock", "open", "--calendar", Calendar(temp), option, value);

        Assert.Equal(2, r.Exit);
        Assert.Contains($"'{value}' is not an ISO 8601 instant", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ClockDue_MissingCalendarFile_OneLineExit2()
    {
        var r = await Fts("clock", "due", "--calendar", "/nonexistent/cal.json", "--from", "2026-03-02T10:00:00Z", "--seconds", "60");

        Assert.Equal(2, r.Exit);
        Assert.StartsWith("fts: cannot read the calendar /nonexistent/cal.json", r.Error);
    }

    [Fact]
    public async Task SlaCases_Csv_ExactHeaderAndRows()
    {
        using var temp = Seeded();

        var r = await Fts("sla", "cases", "--db", temp.DatabasePath, "--as-of", "2026-03-02T09:30:00-05:00", "--format", "csv");

        Assert.Equal(0, r.Exit);
        Assert.Equal(
            "case_number,status,reason,priority,window,region,support_center,after_hours,elapsed_seconds,target_seconds\n" +
            "C1,met,,P1,8x5,AMERICAS,HERNDON,false,900,900\n" +
            "C2,pending,,P2,8x5,AMERICAS,HERNDON,false,1200,1800\n" +
            "C3,excluded,unregistered_product,P1,,,,false,,\n", r.Out);
    }

    [Fact]
    public async Task SlaCases_DefaultAsOf_IsTheClocksNow()
    {
        using var temp = Seeded();

        // The clock says 3 March 00:00Z (2 March 19:00 EST): C2, open since 09:10 EST, has run 7 h 50 min of business time.
        var r = await Fts("sla", "cases", "--db", temp.DatabasePath, "--format", "csv");

        Assert.Contains("C2,breached,,P2,8x5,AMERICAS,HERNDON,false,28200,1800\n", r.Out);
    }

    [Fact]
    public async Task SlaSummary_Csv_ByColumnsThenContractColumns()
    {
        using var temp = Seeded();

        var r = await Fts("sla", "summary", "--db", temp.DatabasePath, "--as-of", "2026-03-02T09:30:00-05:00", "--by", "window,priority", "--format", "csv");

        Assert.Equal(0, r.Exit);
        Assert.Equal(
            "window,priority,eligible,met,breached,pending,attainment_pct\n" +
            "8x5,P1,1,1,0,0,100.00\n" +
            "8x5,P2,1,0,0,1,\n", r.Out);
    }

    [Fact]
    public async Task SlaSummary_ResolutionFlag_AddsColumnsAfterTheContract()
    {
        using var temp = Seeded();

        var r = await Fts("sla", "summary", "--db", temp.DatabasePath, "--quarter", "2026Q1", "--resolution", "--format", "csv");

        Assert.StartsWith("priority,region,window,eligible,met,breached,pending,attainment_pct,resolution_median_seconds,resolution_p90_seconds\n", r.Out);
    }

    [Theory]
    [InlineData("--by", "priority,colour", "'colour' is not a grouping")]
    [InlineData("--quarter", "2026Q5", "'2026Q5' is not a quarter")]
    [InlineData("--as-of", "tomorrow", "'tomorrow' is not an ISO 8601 instant")]
    public async Task SlaSummary_BadArgument_OneLineExit2(string option, string value, string fragment)
    {
        using var temp = Seeded();

        var r = await Fts("sla", "summary", "--db", temp.DatabasePath, option, value);

        Assert.Equal(2, r.Exit);
        Assert.Contains(fragment, r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task SlaCases_Json_ArrayOfObjectsWithContractNames()
    {
        using var temp = Seeded();

        var r = await Fts("sla", "cases", "--db", temp.DatabasePath, "--as-of", "2026-03-02T09:30:00-05:00", "--format", "json");

        using var json = System.Text.Json.JsonDocument.Parse(r.Out);
        var first = json.RootElement[0];
        Assert.Equal(("C1", "met", 900, false), (first.GetProperty("case_number").GetString(), first.GetProperty("status").GetString(),
            first.GetProperty("elapsed_seconds").GetInt32(), first.GetProperty("after_hours").GetBoolean()));
    }

    [Fact]
    public void FtsRunStep_LatestCompleteQuarter_WritesCasesAndSummaryCsv()
    {
        using var temp = Seeded();
        var context = TestCli.Context(new StringWriter(), new StringWriter(), new FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0)));
        var outFolder = temp.PathOf("out");

        // The data's latest instant is in 2026Q2, so 2026Q1 is the latest complete quarter.
        SlaCommands.Steps.Single().Run(new FtsRun(context, temp.Warehouse, outFolder, Instant.FromUtc(2026, 4, 2, 0, 0)));

        var cases = File.ReadAllLines(Path.Combine(outFolder, "sla-cases.csv"));
        var summary = File.ReadAllLines(Path.Combine(outFolder, "sla-summary.csv"));
        Assert.Equal(string.Join(',', SlaCommands.CaseColumns), cases[0]);
        Assert.Equal(["C1", "C2", "C3"], cases.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(
        [
            "priority,region,window,eligible,met,breached,pending,attainment_pct",
            "P1,AMERICAS,8x5,1,1,0,0,100.00",
            "P2,AMERICAS,8x5,1,0,1,0,0.00",
        ], summary);
    }
}
