using System.Text.Json;
using ClosedXML.Excel;
using JuniperFts.Domain.Reference;
using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;
using NodaTime.Testing;
using JuniperFts.Reports.Files;


namespace JuniperFts.Host.Tests.Excel;

/// <summary><c>fts report excel</c> and the workbook step of <c>fts run</c>, in-process on a real DuckDB file.</summary>
public sealed class ExcelCommandTests(ExcelCommandTests.SeededWarehouse seeded) : IClassFixture<ExcelCommandTests.SeededWarehouse>
{
    private static readonly Instant Now = Instant.FromUtc(2026, 10, 2, 8, 0);
    private readonly TempWarehouse _temp = seeded.Temp;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    /// <summary>One seeded warehouse for the class; each test writes its own file names into its folder.</summary>
    public sealed class SeededWarehouse : IDisposable
    {
        public TempWarehouse Temp { get; } = new();

        public SeededWarehouse() => Seed(Temp);

        public void Dispose() => Temp.Dispose();
    }

    private static void Seed(TempWarehouse temp)
    {
        var created = new DateTime(2026, 7, 6, 16, 0, 0, DateTimeKind.Utc);
        temp.Seed()
            .Account("A-1", name: "Acme").Site("S-1", "A-1")
            .Contract("K-1", "A-1", "S-1", sku: "SVC-FTS-24x7", centre: "SUNNYVALE").Unit("SN-1", "K-1", "2025-01-01")
            .Case("C-1", "A-1", "S-1", "SN-1", "P1", created, created.AddMinutes(10))
            .Case("C-2", "A-1", "S-1", "SN-1", "P1", created.AddDays(1), created.AddDays(1).AddMinutes(16))
            .Case("C-3", "A-1", "S-1", "SN-1", "P2", created.AddDays(2), created.AddDays(2).AddMinutes(5))
            // An 8x5 account in Schiphol-Rijk: business hours 07:00–15:00 UTC in summer.
            .Account("A-2", country: "NL", name: "Bravo").Site("S-2", "A-2", country: "NL")
            .Contract("K-2", "A-2", "S-2", sku: "SVC-FTS-BD", centre: "SCHIPHOL_RIJK").Unit("SN-2", "K-2", "2025-01-01", platform: "Security")
            .Engineer("E-2", centre: "SCHIPHOL_RIJK", name: "Bob")
            .Case("C-4", "A-2", "S-2", "SN-2", "P2", created.AddHours(-8), created.AddHours(-7), engineer: "E-2")
            .Case("C-5", "A-2", "S-2", "SN-2", "P3", created.AddHours(-8), created.AddHours(-7), engineer: "E-2")
            .Case("C-6", "A-2", "S-2", "SN-2", "P1", created.AddDays(-40), created.AddDays(-40).AddMinutes(3), engineer: "E-2")
            .Case("C-7", "A-2", "S-2", "SN-2", "P4", created.AddDays(80));
    }

    private int Run(IDictionary<string, string?>? settings, params string[] args) =>
        FtsCli.RunAsync([.. args, "--db", _temp.DatabasePath], TestCli.Context(_out, _error, new FakeClock(Now), settings)).GetAwaiter().GetResult();

    [Fact]
    public void ReportExcel_SeededQuarter_WritesWorkbookWithSummaryFigures()
    {
        var path = _temp.PathOf("reports/sla.xlsx");

        var exit = Run(null, "report", "excel", "--quarter", "2026Q3", "--out", path, "--as-of", "2026-10-01T00:00:00Z");

        Assert.Equal((0, ""), (exit, _error.ToString()));
        Assert.Equal($"SLA workbook 2026Q3: {path}", _out.ToString().Trim());
        using var wb = new XLWorkbook(path);
        var summary = wb.Worksheet("Summary");
        // P1 24x7: C-1 met (10 min), C-2 breached (16 min > 15) → 50.00; P2 24x7: C-3 met → 100.00.
        Assert.Equal(("P1", "24x7", 2.0, 1.0, 1.0, 50.0), (summary.Cell(5, 1).GetString(), summary.Cell(5, 2).GetString(),
            summary.Cell(5, 4).GetDouble(), summary.Cell(5, 5).GetDouble(), summary.Cell(5, 6).GetDouble(), summary.Cell(5, 8).GetDouble()));
        // Row 6 is P1 8x5, a group of the previous quarter only (C-6): nothing this quarter, its 2026Q2 figure beside.
        Assert.Equal(("P1", "8x5", 0.0, "", 100.0), (summary.Cell(6, 1).GetString(), summary.Cell(6, 2).GetString(),
            summary.Cell(6, 4).GetDouble(), summary.Cell(6, 8).GetString(), summary.Cell(6, 9).GetDouble()));
        Assert.Equal(("P2", "24x7", 100.0), (summary.Cell(7, 1).GetString(), summary.Cell(7, 2).GetString(), summary.Cell(7, 8).GetDouble()));
        Assert.Equal("2026-10-02T08:00:00Z", wb.CustomProperty("Generated at").GetValue<string>());
        Assert.Equal("2026-10-01T00:00:00Z", wb.CustomProperty("Data as of").GetValue<string>());
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*" + ReportFile.PartialSuffix));
    }

    [Theory]
    [InlineData("Summary", "Priority", "priority,window")]
    [InlineData("Summary", "Region", "region,priority")]
    [InlineData("Summary", "All", "quarter")]
    [InlineData("By account", "Account", "account")]
    [InlineData("By support centre", "Support centre", "support_center")]
    [InlineData("By platform", "Platform", "platform")]
    [InlineData("By engineer", "Engineer", "engineer")]
    public void ReportExcel_EveryFigure_EqualsFtsSlaSummary(string sheetName, string firstHeader, string by)
    {
        var path = _temp.PathOf("sla.xlsx");
        Assert.Equal(0, Run(null, "report", "excel", "--quarter", "2026Q3", "--out", path, "--as-of", "2026-10-01T00:00:00Z"));
        _out.GetStringBuilder().Clear();
        Assert.Equal(0, Run(null, "sla", "summary", "--quarter", "2026Q3", "--by", by, "--as-of", "2026-10-01T00:00:00Z", "--format", "json"));
        var groups = JsonDocument.Parse(_out.ToString()).RootElement.EnumerateArray().ToList();
        var keys = by.Split(',');

        using var wb = new XLWorkbook(path);
        var rows = Rows(wb.Worksheet(sheetName), firstHeader);
        Assert.NotEmpty(groups);
        foreach (var g in groups)
        {
            // The "All" row stands for the whole quarter; other rows are found by their keys ("(none)" for an empty key).
            var key = by == "quarter" ? "All" : string.Join("|", keys.Select(k => g.GetProperty(k).GetString() is { Length: > 0 } v ? v : "(none)"));
            var row = rows[key];
            rows.Remove(key);
            Assert.Equal(
                (g.GetProperty("eligible").GetInt64(), g.GetProperty("met").GetInt64(), g.GetProperty("breached").GetInt64(),
                    g.GetProperty("pending").GetInt64(), g.GetProperty("attainment_pct").ValueKind == JsonValueKind.Null ? (decimal?)null : g.GetProperty("attainment_pct").GetDecimal()),
                ((long)row["Eligible"].GetDouble(), (long)row["Met"].GetDouble(), (long)row["Breached"].GetDouble(), (long)row["Pending"].GetDouble(),
                    row["Attainment"].IsEmpty() ? null : Math.Round((decimal)row["Attainment"].GetDouble(), 2)));
        }
        // Rows the summary does not have are groups of the previous quarter only: nothing this quarter.
        Assert.All(rows.Values, r => Assert.Equal(0, r["Eligible"].GetDouble()));
    }

    /// <summary>The rows under the header whose first cell is <paramref name="firstHeader"/>, by their key cells, each cell by column header.</summary>
    private static Dictionary<string, Dictionary<string, IXLCell>> Rows(IXLWorksheet sheet, string firstHeader)
    {
        if (firstHeader == "All")
        {
            var all = sheet.Column(1).CellsUsed().Single(c => c.GetString() == "All").WorksheetRow();
            var header = sheet.Row(4);
            return new() { ["All"] = header.CellsUsed().ToDictionary(c => c.GetString(), c => all.Cell(c.Address.ColumnNumber)) };
        }
        var headerRow = sheet.Column(1).CellsUsed().First(c => c.GetString() == firstHeader).WorksheetRow();
        var headers = headerRow.CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        // Summary tables have two key columns; the group sheets one (the name or region beside it is a label).
        var keyColumns = sheet.Name == "Summary" ? 2 : 1;
        var rows = new Dictionary<string, Dictionary<string, IXLCell>>();
        for (var r = headerRow.RowNumber() + 1; !sheet.Cell(r, 1).IsEmpty() && sheet.Cell(r, 1).GetString() != "All"; r++)
        {
            var key = string.Join("|", Enumerable.Range(1, keyColumns).Select(c => sheet.Cell(r, c).GetString()));
            rows[key] = headers.ToDictionary(h => h.Key, h => sheet.Cell(r, h.Value));
        }
        return rows;
    }

    [Fact]
    public void ReportExcel_AccountOption_ScopesTheWorkbook()
    {
        var path = _temp.PathOf("scoped.xlsx");

        Assert.Equal(0, Run(null, "report", "excel", "--quarter", "2026Q3", "--out", path, "--account", "A-9"));

        using var wb = new XLWorkbook(path);
        Assert.Equal("Accounts A-9", wb.CustomProperty("Scope").GetValue<string>());
        Assert.Empty(wb.Worksheet("By account").Tables);
    }

    [Theory]
    [InlineData("2026Q5", "out.xlsx", "fts: --quarter: '2026Q5' is not a quarter (expected e.g. 2026Q3) (see fts --help)")]
    [InlineData("2026Q3", "out.pdf", "fts: --out: 'out.pdf' must be an .xlsx file name (see fts --help)")]
    public void ReportExcel_BadArgument_OneLineExitTwoNoFile(string quarter, string file, string message)
    {
        var exit = Run(null, "report", "excel", "--quarter", quarter, "--out", _temp.PathOf(file));

        Assert.Equal((2, message), (exit, _error.ToString().Trim().Replace(_temp.Folder + "/", "")));
        Assert.False(File.Exists(_temp.PathOf(file)));
    }

    [Theory]
    [InlineData("Excel:GreenGoalPct", "lots", "fts: Excel:GreenGoalPct: 'lots' is not a number")]
    [InlineData("Excel:AmberGoalPct", "97", "fts: Excel workbook goals: The amber goal (97) must not be above the green goal (95).")]
    [InlineData("Excel:BreachRowCap", "-1", "fts: Excel:BreachRowCap must be 0 or more (was -1)")]
    [InlineData("Excel:TrendQuarters", "2.5", "fts: Excel:TrendQuarters: '2.5' is not a whole number")]
    public void ReportExcel_BadSetting_OneLineExitTwoNoFile(string key, string value, string message)
    {
        var path = _temp.PathOf("out.xlsx");

        var exit = Run(new Dictionary<string, string?> { [key] = value }, "report", "excel", "--quarter", "2026Q3", "--out", path);

        Assert.Equal((2, message), (exit, _error.ToString().Trim()));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ReportExcel_BreachRowCapSetting_CutsTheBreachList()
    {
        var path = _temp.PathOf("capped.xlsx");

        Assert.Equal(0, Run(new Dictionary<string, string?> { ["Excel:BreachRowCap"] = "0" }, "report", "excel", "--quarter", "2026Q3", "--out", path));

        using var wb = new XLWorkbook(path);
        Assert.StartsWith("Only the first 0 of 3 breached cases are listed", wb.Worksheet("Breaches").Cell(3, 1).GetString());
    }

    [Fact]
    public void FtsRunStep_LatestCompleteQuarter_WritesSlaQuarterWorkbookIntoOutFolder()
    {
        SlaRefresh.Run(_temp.Warehouse, ReferenceData.BuiltIn);
        var context = TestCli.Context(_out, _error, new FakeClock(Now));
        var outFolder = _temp.PathOf("out");

        foreach (var step in ExcelCommands.Steps)
            step.Run(new FtsRun(context, _temp.Warehouse, outFolder, Instant.FromUtc(2026, 10, 1, 0, 0)));

        var path = Path.Combine(outFolder, "sla-2026Q3.xlsx");
        Assert.True(File.Exists(path));
        Assert.Contains("excel: SLA workbook 2026Q3 -> ", _out.ToString());
        using var wb = new XLWorkbook(path);
        var summary = wb.Worksheet("Summary");
        var all = summary.Column(1).CellsUsed().Single(c => c.GetString() == "All").Address.RowNumber;
        Assert.Equal(6, summary.Cell(all, 4).GetDouble()); // the All row: C-1..C-5 and the still unanswered C-7
    }
}
