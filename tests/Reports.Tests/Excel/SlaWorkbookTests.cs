using ClosedXML.Excel;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.Sla;
using NodaTime;
using Sheets = JuniperFts.Reports.Excel.SlaWorkbookRenderer.Sheets;

namespace JuniperFts.Reports.Tests.Excel;

/// <summary>Seed rows → <see cref="SlaRefresh.Run"/> → <see cref="SlaWorkbook.Write"/> → read back with ClosedXML.</summary>
public sealed class SlaWorkbookTests(SlaWorkbookTests.SeededWarehouse seeded) : IClassFixture<SlaWorkbookTests.SeededWarehouse>
{
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly Instant AsOf = Instant.FromUtc(2026, 10, 1, 0, 30);
    private static readonly Instant GeneratedAt = Instant.FromUtc(2026, 10, 2, 8, 0);
    private static readonly DateTime Monday = new(2026, 7, 6, 16, 0, 0, DateTimeKind.Utc);
    private readonly TempWarehouse _temp = seeded.Temp;

    /// <summary>One seeded and refreshed warehouse for the whole class: the tests only read it.</summary>
    public sealed class SeededWarehouse : IDisposable
    {
        public TempWarehouse Temp { get; } = new();

        public SeededWarehouse()
        {
            // 24x7 in Sunnyvale (AMERICAS); A-2: 8x5 in Schiphol-Rijk (EMEA, 09:00–17:00 CEST = 07:00–15:00 UTC).
            Temp.Seed()
                .Account("A-1", name: "Acme").Site("S-1", "A-1")
                .Contract("K-1", "A-1", "S-1", sku: "SVC-FTS-24x7", centre: "SUNNYVALE").Unit("SN-1", "K-1", "2025-01-01", platform: "Routing")
                .Account("A-2", country: "NL", name: "-Bravo").Site("S-2", "A-2", country: "NL")
                .Contract("K-2", "A-2", "S-2", sku: "SVC-FTS-BD", centre: "SCHIPHOL_RIJK").Unit("SN-2", "K-2", "2025-01-01", platform: "Security")
                .Engineer("E-1", name: "Ada").Engineer("E-2", centre: "SCHIPHOL_RIJK", name: "Bob")
                // 2026Q3
                .Case("C-01", "A-1", "S-1", "SN-1", "P1", Monday, Monday.AddMinutes(10), Monday.AddHours(3), engineer: "E-1")                  // met
                .Case("C-02", "A-1", "S-1", "SN-1", "P1", Monday.AddDays(1), Monday.AddDays(1).AddMinutes(20), engineer: "E-1")           // breached 20 min > 15
                .Case("C-03", "A-1", "S-1", "SN-1", "P2", Monday.AddDays(2), Monday.AddDays(2).AddMinutes(25), engineer: "E-1")           // met
                .Case("C-04", "A-1", "S-1", "SN-1", "P3", new DateTime(2026, 9, 30, 23, 0, 0, DateTimeKind.Utc), engineer: "E-1")        // pending: 90 min of 120 at as-of
                .Case("C-05", "A-2", "S-2", "SN-2", "P2", new DateTime(2026, 7, 6, 8, 0, 0, DateTimeKind.Utc),
                    new DateTime(2026, 7, 6, 9, 0, 0, DateTimeKind.Utc), engineer: "E-2", title: "=HYPERLINK(\"http://x.example\",\"open\")") // breached 60 min > 30
                .Case("C-06", "A-1", "S-1", "SN-1", "P1", Monday, exclusion: "maintenance_window")
                // 2026Q2
                .Case("C-07", "A-1", "S-1", "SN-1", "P1", new DateTime(2026, 5, 4, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 4, 16, 5, 0, DateTimeKind.Utc), engineer: "E-1")
                .Case("C-08", "A-2", "S-2", "SN-2", "P2", new DateTime(2026, 5, 4, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 4, 8, 10, 0, DateTimeKind.Utc), engineer: "E-2")
                // 2026Q1
                .Case("C-09", "A-1", "S-1", "SN-1", "P1", new DateTime(2026, 2, 2, 16, 0, 0, DateTimeKind.Utc), new DateTime(2026, 2, 2, 17, 0, 0, DateTimeKind.Utc), engineer: "E-1");
            SlaRefresh.Run(Temp.Warehouse, ReferenceData.BuiltIn);
        }

        public void Dispose() => Temp.Dispose();
    }

    private XLWorkbook Workbook(IReadOnlySet<string>? accounts = null, SlaWorkbookOptions? options = null)
    {
        var stream = new MemoryStream();
        SlaWorkbook.Write(_temp.Warehouse, ReferenceData.BuiltIn, Q3, AsOf, accounts, stream, options ?? SlaWorkbookOptions.Default, GeneratedAt);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }


    private static decimal? Figure(IXLCell cell) => cell.IsEmpty() ? null : Math.Round((decimal)cell.GetDouble(), 2);

    [Fact]
    public void Write_SeededQuarter_SummaryByPriorityAndWindowHasHandComputedFigures()
    {
        using var wb = Workbook();
        var s = wb.Worksheet(Sheets.Summary);
        // Priority, Window, Target, Eligible, Met, Breached, Pending, Attainment, Attainment 2026Q2, Change.
        string Line(int row) => string.Join(",", Enumerable.Range(1, 10).Select(c => SheetText.Shown(s.Cell(row, c))));
        Assert.Equal("P1,24x7,0:15,2,1,1,0,50.00%,100.00%,-50.00", Line(5));
        Assert.Equal("P2,24x7,0:30,1,1,0,0,100.00%,,", Line(6));
        Assert.Equal("P2,8x5,0:30,1,0,1,0,0.00%,100.00%,-100.00", Line(7));
        Assert.Equal("P3,24x7,2:00,1,0,0,1,,,", Line(8));
        Assert.Equal("All,All,,5,2,2,1,50.00%,100.00%,-50.00", Line(9));
    }

    [Theory]
    [InlineData("priority", "window")]
    [InlineData("region", "priority")]
    public void Write_SeededQuarter_SummaryFiguresEqualSlaSummary(string first, string second)
    {
        using var wb = Workbook();
        var sheet = wb.Worksheet(Sheets.Summary);
        var queries = new SlaQueries(_temp.Warehouse, ReferenceData.BuiltIn);
        var now = queries.Summary(AsOf, [first, second], new SlaFilter(Q3));
        var before = queries.Summary(AsOf, [first, second], new SlaFilter(Q3.Previous)).ToDictionary(g => (g.Keys[0], g.Keys[1]));
        var header = sheet.Column(1).CellsUsed().Single(c => c.GetString() == (first == "priority" ? "Priority" : "Region")).Address.RowNumber;

        Assert.NotEmpty(now);
        foreach (var g in now)
        {
            var row = sheet.Rows(header + 1, header + 20).First(r => r.Cell(1).GetString() == g.Keys[0] && r.Cell(2).GetString() == g.Keys[1]);
            Assert.Equal(
                (g.Eligible, g.Met, g.Breached, g.Pending, g.AttainmentPct, before.GetValueOrDefault((g.Keys[0], g.Keys[1]))?.AttainmentPct),
                ((long)row.Cell(4).GetDouble(), (long)row.Cell(5).GetDouble(), (long)row.Cell(6).GetDouble(), (long)row.Cell(7).GetDouble(),
                    Figure(row.Cell(8)), Figure(row.Cell(9))));
        }
    }

    [Theory]
    [InlineData(Sheets.ByAccount, "account")]
    [InlineData(Sheets.BySupportCentre, "support_center")]
    [InlineData(Sheets.ByPlatform, "platform")]
    [InlineData(Sheets.ByEngineer, "engineer")]
    public void Write_SeededQuarter_GroupSheetFiguresEqualSlaSummary(string sheetName, string by)
    {
        using var wb = Workbook();
        var sheet = wb.Worksheet(sheetName);
        var table = sheet.Tables.Single();
        var keyColumns = by is "platform" ? 1 : 2;
        var groups = new SlaQueries(_temp.Warehouse, ReferenceData.BuiltIn).Summary(AsOf, [by], new SlaFilter(Q3));

        Assert.Equal(groups.Select(g => g.Keys[0]), table.DataRange.Rows().Select(r => r.Cell(1).GetString()));
        foreach (var (g, row) in groups.Zip(table.DataRange.Rows()))
            Assert.Equal((g.Eligible, g.Met, g.Breached, g.Pending, g.AttainmentPct),
                ((long)row.Cell(keyColumns + 1).GetDouble(), (long)row.Cell(keyColumns + 2).GetDouble(), (long)row.Cell(keyColumns + 3).GetDouble(),
                    (long)row.Cell(keyColumns + 4).GetDouble(), Figure(row.Cell(keyColumns + 5))));
    }

    [Fact]
    public void Write_SeededQuarter_ByAccountShowsNamesAndKeepsFormulaLikeNameAsText()
    {
        using var wb = Workbook();
        var rows = wb.Worksheet(Sheets.ByAccount).Tables.Single().DataRange.Rows().ToList();
        Assert.Equal(("A-1", "Acme"), (rows[0].Cell(1).GetString(), rows[0].Cell(2).GetString()));
        Assert.Equal(("A-2", "-Bravo"), (rows[1].Cell(1).GetString(), rows[1].Cell(2).GetString()));
        Assert.False(rows[1].Cell(2).HasFormula);
        Assert.True(rows[1].Cell(2).Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Write_SeededQuarter_TrendHasAttainmentPerQuarter()
    {
        using var wb = Workbook();
        var trend = wb.Worksheet(Sheets.Trend);
        // Eight quarters 2024Q4..2026Q3 on rows 5..12; P3 (only pending) has no figure, so no line.
        Assert.Equal(["Quarter", "P1", "P2", "All priorities"], Enumerable.Range(1, 4).Select(c => trend.Cell(4, c).GetString()));
        Assert.Equal("2024Q4", trend.Cell(5, 1).GetString());
        Assert.Equal(("2026Q1", 0m), (trend.Cell(10, 1).GetString(), Figure(trend.Cell(10, 2))));  // C-09: 60 min > 15
        Assert.Equal(("2026Q2", 100m), (trend.Cell(11, 1).GetString(), Figure(trend.Cell(11, 2))));
        Assert.Equal(("2026Q3", 50m), (trend.Cell(12, 1).GetString(), Figure(trend.Cell(12, 2))));
        Assert.True(trend.Cell(9, 2).IsEmpty());
        Assert.Equal(["AMERICAS", "EMEA"], Enumerable.Range(6, 2).Select(c => trend.Cell(4, c).GetString()));
        Assert.Equal((66.67m, 0m), (Figure(trend.Cell(12, 6)), Figure(trend.Cell(12, 7))));
    }

    [Fact]
    public void Write_SeededQuarter_TrendFiguresEqualSlaSummaryOfEachQuarter()
    {
        using var wb = Workbook();
        var trend = wb.Worksheet(Sheets.Trend);
        var queries = new SlaQueries(_temp.Warehouse, ReferenceData.BuiltIn);
        var headers = trend.Row(4).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var checkedFigures = 0;
        for (var row = 5; row <= 12; row++)
        {
            var quarter = Quarter.Parse(trend.Cell(row, 1).GetString());
            foreach (var g in queries.Summary(AsOf, ["priority"], new SlaFilter(quarter)).Concat(queries.Summary(AsOf, ["region"], new SlaFilter(quarter))))
            {
                // A group without any figure in the eight quarters has no line at all.
                if (!headers.TryGetValue(g.Keys[0], out var column)) { Assert.Null(g.AttainmentPct); continue; }
                Assert.Equal(g.AttainmentPct, Figure(trend.Cell(row, column)));
                checkedFigures++;
            }
            Assert.Equal(queries.Summary(AsOf, [], new SlaFilter(quarter)).Single().AttainmentPct, Figure(trend.Cell(row, headers["All priorities"])));
        }
        Assert.Equal(10, checkedFigures); // 2026Q1: P1, AMERICAS; 2026Q2 and 2026Q3: P1, P2, AMERICAS, EMEA (P3 only pending)
    }

    [Fact]
    public void Write_SeededQuarter_ExclusionCountsEqualSlaExclusions()
    {
        using var wb = Workbook();
        var sheet = wb.Worksheet(Sheets.Exclusions);
        var counts = new SlaQueries(_temp.Warehouse, ReferenceData.BuiltIn).Exclusions(AsOf, new SlaFilter(Q3));
        var shown = sheet.Rows(5, 12).ToDictionary(r => r.Cell(1).GetString(), r => (long)r.Cell(3).GetDouble());
        Assert.Equal(8, shown.Count);
        Assert.All(counts, c => Assert.Equal(c.Cases, shown[c.Reason]));
        Assert.Equal(counts.Sum(c => c.Cases), shown.Values.Sum());
    }

    [Fact]
    public void Write_SeededQuarter_BreachesListsBreachedCasesMostUrgentFirst()
    {
        using var wb = Workbook();
        var table = wb.Worksheet(Sheets.Breaches).Tables.Single();
        var rows = table.DataRange.Rows().Select(r => string.Join(",", Enumerable.Range(1, 15).Select(c => SheetText.Shown(r.Cell(c))))).ToList();
        Assert.Equal(
        [
            "C-02,2026-07-07 16:00,P1,24x7,SUNNYVALE,AMERICAS,A-1,Acme,E-1,0:20:00,0:15,0:05:00,yes,no,Case C-02",
            "C-05,2026-07-06 08:00,P2,8x5,SCHIPHOL_RIJK,EMEA,A-2,-Bravo,E-2,1:00:00,0:30,0:30:00,yes,no,=HYPERLINK(\"http://x.example\",\"open\")",
        ], rows);
        Assert.False(table.DataRange.Rows().Last().Cell(15).HasFormula);
    }

    [Fact]
    public void Write_CapBelowBreachCount_ListsCapAndShowsNote()
    {
        using var wb = Workbook(options: new SlaWorkbookOptions { BreachRowCap = 1 });
        var sheet = wb.Worksheet(Sheets.Breaches);
        Assert.StartsWith("Only the first 1 of 2 breached cases are listed", sheet.Cell(3, 1).GetString());
        Assert.Equal(["C-02"], sheet.Tables.Single().DataRange.Rows().Select(r => r.Cell(1).GetString()));
    }

    [Fact]
    public void Write_SeededQuarter_ExclusionsCountByReasonBesideEligible()
    {
        using var wb = Workbook();
        var sheet = wb.Worksheet(Sheets.Exclusions);
        Assert.Equal("maintenance_window", sheet.Cell(5, 1).GetString());
        Assert.Equal(1, sheet.Cell(5, 3).GetDouble());
        Assert.Equal(16.67m, Figure(sheet.Cell(5, 4)));  // 1 of 6 cases
        var totals = sheet.Rows(14, 16).ToDictionary(r => r.Cell(1).GetString(), r => r.Cell(3).GetDouble());
        Assert.Equal(1, totals["Excluded cases"]);
        Assert.Equal(5, totals["Eligible cases"]);
        Assert.Equal(6, totals["All cases"]);
    }

    [Fact]
    public void Write_ServiceManagerScope_OnlyTheirAccountsFigures()
    {
        using var wb = Workbook(accounts: new HashSet<string> { "A-2" });
        Assert.Equal(["A-2"], wb.Worksheet(Sheets.ByAccount).Tables.Single().DataRange.Rows().Select(r => r.Cell(1).GetString()));
        Assert.Equal(["C-05"], wb.Worksheet(Sheets.Breaches).Tables.Single().DataRange.Rows().Select(r => r.Cell(1).GetString()));
        Assert.Equal("Accounts A-2", wb.CustomProperty("Scope").GetValue<string>());
    }

    [Fact]
    public void Write_SeededQuarter_SheetsMatchGoldenCsv()
    {
        using var wb = Workbook();
        foreach (var sheet in wb.Worksheets)
            Golden.Verify($"excel/seeded-{sheet.Name.Replace(' ', '-').ToLowerInvariant()}.csv", SheetText.SheetCsv(sheet));
    }
}
