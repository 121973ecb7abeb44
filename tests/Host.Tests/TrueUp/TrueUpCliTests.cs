using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.TrueUp;

public class TrueUpCliTests
{
    /// <summary>
    /// C-7 (EUR, 2024-01-01..2025-12-31): U-1 baseline 1000.00; U-2 added 2024-07-01,
    /// 2024-07-01..2024-12-31 = 184 days over 366 (2024 is a leap year): 3660 × 184 / 366 = 1840.00.
    /// </summary>
    private static TempWarehouse Seeded()
    {
        var temp = new TempWarehouse();
        temp.Seed().Account("A-7", name: "Nordlys AS", country: "NO").Site("S-7", "A-7", country: "NO")
            .Contract("C-7", "A-7", "S-7", start: "2024-01-01", end: "2025-12-31", currency: "EUR")
            .Unit("U-1", "C-7", "2024-01-01")
            .Unit("U-2", "C-7", "2024-07-01", annualFee: 3660m);
        return temp;
    }

    private static async Task<(int Exit, string Out, string Err)> Fts(TempWarehouse temp, Instant now, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await FtsCli.RunAsync([.. args, "--db", temp.DatabasePath], TestCli.Context(output, error, new FakeClock(now)));
        return (exit, output.ToString(), error.ToString());
    }

    private static readonly Instant Now = Instant.FromUtc(2026, 1, 15, 8, 0);

    [Fact]
    public async Task Trueup_ContractAndYear_PrintsStatementJsonByteIdenticalAcrossRuns()
    {
        using var temp = Seeded();

        var first = await Fts(temp, Now, "trueup", "--contract", "C-7", "--year", "1");
        var second = await Fts(temp, Now, "trueup", "--contract", "C-7", "--year", "1", "--format", "json");

        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Out, second.Out);
        Assert.StartsWith("{\n  \"contract_id\": \"C-7\",\n  \"contract_year\": 1,\n  \"year_start\": \"2024-01-01\",\n  \"year_end\": \"2024-12-31\",\n  \"currency\": \"EUR\",", first.Out);
        Assert.Contains("\"covered_days\": 184,\n      \"year_days\": 366,\n      \"annual_fee\": \"3660.00\",\n      \"amount\": \"1840.00\"", first.Out);
        Assert.Contains("\"next_year\": {\n    \"units\": 2,\n    \"annual_fee\": \"4660.00\"\n  }", first.Out);
    }

    [Fact]
    public async Task Trueup_FormatCsv_PrintsTheLines()
    {
        using var temp = Seeded();

        var (exit, output, _) = await Fts(temp, Now, "trueup", "--contract", "C-7", "--year", "1", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("statement_number,contract_id,contract_year,section,serial_number,model,covered_from,covered_to,covered_days,year_days,annual_fee,amount,currency", lines[0]);
        Assert.Equal("TU-C-7-1,C-7,1,baseline,U-1,MX204,2024-01-01,2025-12-31,,,1000.00,,EUR", lines[1]);
        // An addition's covered_to is the last day charged in the year, so covered_days = covered_to - covered_from + 1.
        Assert.Equal("TU-C-7-1,C-7,1,addition,U-2,MX204,2024-07-01,2024-12-31,184,366,3660.00,1840.00,EUR", lines[2]);
        Assert.Equal(5, lines.Length); // header, 1 baseline, 1 addition, 2 next-year units
    }

    [Theory]
    [InlineData("fts: --contract: no contract 'C-404'", "trueup", "--contract", "C-404", "--year", "1")]
    [InlineData("fts: --year: contract C-7 has contract years 1 to 2", "trueup", "--contract", "C-7", "--year", "3")]
    [InlineData("fts: --year: contract C-7 has contract years 1 to 2", "trueup", "--contract", "C-7", "--year", "0")]
    [InlineData("fts: give --contract ID --year K", "trueup", "--contract", "C-7")]
    [InlineData("fts: --year: 'two' is not a contract year", "trueup", "--contract", "C-7", "--year", "two")]
    [InlineData("fts: --year: '-1' is not a contract year", "trueup", "--contract", "C-7", "--year", "-1")]
    [InlineData("fts: --due needs --out DIR", "trueup", "--due", "2025-12-31")]
    [InlineData("fts: --out and --reissue go with --due DATE", "trueup", "--contract", "C-7", "--year", "1", "--reissue")]
    [InlineData("fts: --due: '2025-13-01' is not a date", "trueup", "--due", "2025-13-01", "--out", "x")]
    public async Task Trueup_UserMistake_OneLineExit2(string expectedStart, params string[] args)
    {
        using var temp = Seeded();

        var (exit, output, error) = await Fts(temp, Now, args);

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("", output);
        Assert.StartsWith(expectedStart, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Trueup_BadDueDate_DatabaseNotCreated()
    {
        using var temp = new TempWarehouse();
        var fresh = temp.PathOf("never.duckdb");
        var error = new StringWriter();

        var exit = await FtsCli.RunAsync(["trueup", "--due", "31/12/2025", "--out", temp.PathOf("out"), "--db", fresh], TestCli.Context(new StringWriter(), error, new FakeClock(Now)));

        Assert.Equal(2, exit);
        Assert.False(File.Exists(fresh));
        Assert.False(Directory.Exists(temp.PathOf("out")));
    }

    [Fact]
    public async Task Trueup_DueTwice_SecondRunSaysAlreadyIssued()
    {
        using var temp = Seeded();
        var outDir = temp.PathOf("statements");

        var first = await Fts(temp, Now, "trueup", "--due", "2025-12-31", "--out", outDir);
        var second = await Fts(temp, Now, "trueup", "--due", "2025-12-31", "--out", outDir);

        Assert.Equal(0, first.Exit);
        Assert.Contains("TU-C-7-1: issued (revision 1): ", first.Out);
        Assert.Contains("TU-C-7-2: issued (revision 1): ", first.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "TU-C-7-2.pdf")));
        Assert.True(File.Exists(Path.Combine(outDir, "trueup-summary-2025-12-31.xlsx")));
        Assert.Equal(0, second.Exit);
        Assert.Contains("TU-C-7-1: already issued (revision 1, 2026-01-15), written as issued: ", second.Out);
        Assert.Contains("0 issued, 0 reissued, 0 reissued unchanged, 2 already issued", second.Out);
    }

    [Fact]
    public async Task Trueup_ReissueAfterCorrection_SameNumberAndPrintsOldVsNew()
    {
        using var temp = Seeded();
        var outDir = temp.PathOf("statements");
        await Fts(temp, Now, "trueup", "--due", "2024-12-31", "--out", outDir);
        // U-2 really started 2024-10-01: 2024-10-01..2024-12-31 = 92 days; 3660 × 92 / 366 = 920.00
        temp.Execute("UPDATE installed_base SET covered_from = DATE '2024-10-01' WHERE serial_number = 'U-2'");

        var plain = await Fts(temp, Now, "trueup", "--due", "2024-12-31", "--out", outDir);
        var reissue = await Fts(temp, Now, "trueup", "--due", "2024-12-31", "--out", outDir, "--reissue");

        Assert.Contains("TU-C-7-1: already issued (revision 1); the data changed since, run with --reissue to correct it:", plain.Out);
        Assert.Contains("TU-C-7-1: reissued as revision 2: ", reissue.Out);
        Assert.Contains("  addition U-2: 1840.00 -> 920.00\n", reissue.Out);
        Assert.Contains("  additions_total: 1840.00 -> 920.00\n", reissue.Out);
        Assert.Contains("\"amount\": \"920.00\"", File.ReadAllText(Path.Combine(outDir, "TU-C-7-1.json")));
    }

    [Fact]
    public void FtsRunStep_AsOfAfterAYearsLastDay_IssuesIntoOutTrueup()
    {
        using var temp = Seeded();
        var output = new StringWriter();
        var cli = TestCli.Context(output, new StringWriter(), new FakeClock(Now));
        var step = Assert.Single(TrueUpCommands.Steps);

        // The as-of day 2025-01-01 is running; year 1 (last day 2024-12-31) is over, year 2 is not.
        step.Run(new FtsRun(cli, temp.Warehouse, temp.PathOf("out"), Instant.FromUtc(2025, 1, 1, 10, 0)));

        Assert.True(File.Exists(temp.PathOf("out/trueup/TU-C-7-1.pdf")));
        Assert.False(File.Exists(temp.PathOf("out/trueup/TU-C-7-2.pdf")));
        Assert.True(File.Exists(temp.PathOf("out/trueup/trueup-summary-2024-12-31.xlsx")));
        Assert.Equal($"true-up: due by 2024-12-31: 1 issued, 0 already issued; summary trueup-summary-2024-12-31.xlsx -> {temp.PathOf("out/trueup")}/\n",
            output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void FtsRunStep_RerunAfterACorrection_CountsAlreadyIssuedAndPointsAtReissue()
    {
        using var temp = Seeded();
        var cli = TestCli.Context(new StringWriter(), new StringWriter(), new FakeClock(Now));
        var step = Assert.Single(TrueUpCommands.Steps);
        var asOf = Instant.FromUtc(2025, 1, 1, 10, 0);
        step.Run(new FtsRun(cli, temp.Warehouse, temp.PathOf("out"), asOf));
        temp.Execute("UPDATE installed_base SET covered_from = DATE '2024-10-01' WHERE serial_number = 'U-2'");

        var output = new StringWriter();
        step.Run(new FtsRun(TestCli.Context(output, new StringWriter(), new FakeClock(Now)), temp.Warehouse, temp.PathOf("out"), asOf));

        Assert.Contains("true-up: due by 2024-12-31: 0 issued, 1 already issued (written as issued), 1 of them changed since (fts trueup --due 2024-12-31 --out DIR --reissue)", output.ToString());
    }
}
