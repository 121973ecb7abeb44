using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using JuniperFts.Reports.Excel;
using NodaTime;
using Sheets = JuniperFts.Reports.Excel.SlaWorkbookRenderer.Sheets;

namespace JuniperFts.Reports.Tests.Excel;

public class SlaWorkbookRendererTests
{
    private static MemoryStream Render(SlaWorkbookModel model)
    {
        var stream = new MemoryStream();
        SlaWorkbookRenderer.Write(model, stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Write_SampleModel_HasEverySheetInOrderAndOpensOnSummary()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        Assert.Equal(
            ["Read me", "Summary", "Trend", "By account", "By support centre", "By platform", "By engineer", "Breaches", "Exclusions", "Staffing"],
            wb.Worksheets.Select(s => s.Name));
        Assert.Equal(["Summary"], wb.Worksheets.Where(s => s.TabSelected).Select(s => s.Name));
        Assert.True(wb.Worksheet("Summary").TabActive);
    }

    [Theory]
    [InlineData(Sheets.ByAccount, 6, 2, "=HYPERLINK(\"http://evil.example\",\"click\")")]
    [InlineData(Sheets.Breaches, 5, 15, "+cmd|' /C calc'!A0")]
    [InlineData(Sheets.Breaches, 6, 8, "-2+3")]
    [InlineData(Sheets.Breaches, 6, 9, "@SUM(A1)")]
    [InlineData(Sheets.Breaches, 6, 15, "\tTabbed")]
    [InlineData(Sheets.Breaches, 7, 15, "\rCarriage")]
    public void Write_TextStartingLikeFormula_StaysTextWithQuotePrefix(string sheet, int row, int column, string text)
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        var cell = wb.Worksheet(sheet).Cell(row, column);
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        // XML reads a carriage return as a line feed, so "\rCarriage" comes back as "\nCarriage": still text.
        Assert.Equal(text.Replace('\r', '\n'), cell.GetString());
        Assert.True(cell.Style.IncludeQuotePrefix);
    }

    [Fact]
    public void Write_TextStartingLikeFormula_PackageHoldsNoFormulaAtAll()
    {
        using var document = SpreadsheetDocument.Open(Render(SampleWorkbook.Model()), false);
        var formulas = document.WorkbookPart!.WorksheetParts
            .SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>());
        Assert.Empty(formulas);
    }

    [Fact]
    public void Write_PlainText_HasNoQuotePrefix()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        Assert.False(wb.Worksheet(Sheets.Breaches).Cell(8, 15).Style.IncludeQuotePrefix);
        Assert.Equal("Plain title", wb.Worksheet(Sheets.Breaches).Cell(8, 15).GetString());
    }

    [Fact]
    public void Write_Trend_AddsTwoLineChartsThatReferenceTheTrendRanges()
    {
        using var document = SpreadsheetDocument.Open(Render(SampleWorkbook.Model()), false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "Trend");
        var trend = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        var charts = trend.DrawingsPart!.ChartParts.Select(c => c.ChartSpace.OuterXml).ToList();

        Assert.Equal(2, charts.Count);
        Assert.Single(trend.Worksheet.Elements<DocumentFormat.OpenXml.Spreadsheet.Drawing>());
        // Trend sheet: header on row 4, quarters in A5:A8, priority series from column B, regions after a blank column.
        var byPriority = charts.Single(x => x.Contains("Attainment by priority"));
        Assert.Contains("<c:lineChart>", byPriority);
        Assert.Contains("<c:f>'Trend'!$A$5:$A$8</c:f>", byPriority);
        Assert.Contains("<c:f>'Trend'!$B$4</c:f>", byPriority);
        Assert.Contains("<c:f>'Trend'!$B$5:$B$8</c:f>", byPriority);
        Assert.Contains("<c:f>'Trend'!$C$5:$C$8</c:f>", byPriority);
        var byRegion = charts.Single(x => x.Contains("Attainment by region"));
        Assert.Contains("<c:f>'Trend'!$E$5:$E$8</c:f>", byRegion);
        Assert.Contains("<c:f>'Trend'!$F$5:$F$8</c:f>", byRegion);
        Assert.Equal(0, trend.DrawingsPart.ChartParts.Count(c => c.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.LineChartSeries>().Count() != 2));
    }

    [Fact]
    public void Write_SampleModel_PackageIsValidOpenXml()
    {
        using var document = SpreadsheetDocument.Open(Render(SampleWorkbook.Model()), false);
        var errors = new OpenXmlValidator().Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void Write_TrendCells_HoldTheSeriesValuesAndGapsStayEmpty()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        var trend = wb.Worksheet(Sheets.Trend);
        Assert.Equal("2025Q4", trend.Cell(5, 1).GetString());
        Assert.True(trend.Cell(5, 2).IsEmpty());
        Assert.Equal(93.33, trend.Cell(8, 2).GetDouble(), 10);
        Assert.Equal(66.67, trend.Cell(8, 6).GetDouble(), 10);
    }

    [Fact]
    public void Write_BreachesCutByCap_ShowsTheNoteAboveTheTable()
    {
        var note = "Only the first 2 of 5 breached cases are listed (cap 2).";
        var model = SampleWorkbook.Model(breaches: new BreachList([SampleWorkbook.Breach("C-1"), SampleWorkbook.Breach("C-2")], 5, 2, note));
        using var wb = new XLWorkbook(Render(model));
        var sheet = wb.Worksheet(Sheets.Breaches);
        Assert.Equal(note, sheet.Cell(3, 1).GetString());
        Assert.True(sheet.Cell(3, 1).Style.Font.Bold);
        var table = sheet.Tables.Single();
        Assert.Equal(2, table.DataRange.RowCount());
        Assert.True(table.ShowAutoFilter);
    }

    [Fact]
    public void Write_BreachesNotCut_SaysAllAreListed()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        Assert.Equal("4 breached cases, all listed.", wb.Worksheet(Sheets.Breaches).Cell(3, 1).GetString());
    }

    [Fact]
    public void Write_Breaches_DurationsAreTimeValuesWithHourFormats()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        var row = wb.Worksheet(Sheets.Breaches).Row(6); // C-0002: 2 h elapsed against 30 min
        Assert.Equal("[h]:mm:ss", row.Cell(10).Style.NumberFormat.Format);
        Assert.Equal("[h]:mm", row.Cell(11).Style.NumberFormat.Format);
        Assert.Equal("2:00:00", SheetText.Shown(row.Cell(10)));
        Assert.Equal("0:30", SheetText.Shown(row.Cell(11)));
        Assert.Equal("1:30:00", SheetText.Shown(row.Cell(12)));
        Assert.Equal("no", row.Cell(13).GetString());
    }

    [Fact]
    public void Write_Summary_AttainmentIsPercentFigureWithGoalColoursAsConditionalFormats()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        var summary = wb.Worksheet(Sheets.Summary);
        // Priority, Window, Target, Eligible, Met, Breached, Pending, Attainment (H), previous (I), change (J).
        Assert.Equal("Attainment", summary.Cell(4, 8).GetString());
        Assert.Equal("Attainment 2026Q2", summary.Cell(4, 9).GetString());
        Assert.Equal(95.00, summary.Cell(5, 8).GetDouble());
        Assert.Equal("0.00\"%\"", summary.Cell(5, 8).Style.NumberFormat.Format);
        Assert.Equal("95.00%", SheetText.Shown(summary.Cell(5, 8)));
        Assert.Equal("+5.00", SheetText.Shown(summary.Cell(5, 10)));
        Assert.Equal(XLFillPatternValues.None, summary.Cell(5, 8).Style.Fill.PatternType);
        var formulas = summary.ConditionalFormats.Select(f => f.Values[1].Value).ToList();
        Assert.Contains("AND(ISNUMBER(H5),H5>=95)", formulas);
        Assert.Contains("AND(ISNUMBER(H5),H5>=90,H5<95)", formulas);
        Assert.Contains("AND(ISNUMBER(H5),H5<90)", formulas);
    }

    [Fact]
    public void Write_EverySheet_HasFrozenHeaderPrintsOnePageWideAndWidthsFromContent()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        foreach (var sheet in wb.Worksheets)
            Assert.Equal((sheet.Name, 4, XLPageOrientation.Landscape, 1), (sheet.Name, sheet.SheetView.SplitRow, sheet.PageSetup.PageOrientation, sheet.PageSetup.PagesWide));
        var breaches = wb.Worksheet(Sheets.Breaches);
        // "Created (UTC)" values are 16 characters wide ("yyyy-mm-dd hh:mm") plus margin; "Plain title" and the header fit.
        Assert.Equal(18, breaches.Column(2).Width);
        Assert.Equal("Support centre".Length + 4, breaches.Column(5).Width);
    }

    [Fact]
    public void Write_Properties_HoldTitleQuarterGeneratedAtAndDataAsOf()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        Assert.Equal("SLA attainment 2026Q3", wb.Properties.Title);
        Assert.Equal("2026Q3", wb.CustomProperty("Quarter").GetValue<string>());
        Assert.Equal("2026-10-02T07:30:00Z", wb.CustomProperty("Generated at").GetValue<string>());
        Assert.Equal("2026-10-01T06:00:00Z", wb.CustomProperty("Data as of").GetValue<string>());
        Assert.Equal("All accounts", wb.CustomProperty("Scope").GetValue<string>());
    }

    [Fact]
    public void Write_Staffing_HeatMapWithNativeColourScaleAndWeeklyEngineerHours()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        var sheet = wb.Worksheet(SlaWorkbookRenderer.Sheets.Staffing);

        // Row 4: Support centre, Week, Mon 00:00 … Sun 23:00, Engineer-hours; rows 5–6: the centre's weeks.
        Assert.Equal(("Support centre", "Week", "Mon 00:00", "Mon 09:00", "Sun 23:00", "Engineer-hours"),
            (sheet.Cell(4, 1).GetString(), sheet.Cell(4, 2).GetString(), sheet.Cell(4, 3).GetString(), sheet.Cell(4, 12).GetString(),
             sheet.Cell(4, 170).GetString(), sheet.Cell(4, 171).GetString()));
        Assert.Equal(("SCHIPHOL_RIJK", "2026-W40"), (sheet.Cell(5, 1).GetString(), sheet.Cell(5, 2).GetString()));
        Assert.Equal(4, sheet.Cell(5, 12).GetDouble()); // Monday 09:00 of the first week
        Assert.Equal(1, sheet.Cell(5, 3 + 2 * 24 + 3).GetDouble()); // Wednesday 03:00
        Assert.Equal(0, sheet.Cell(5, 3).GetDouble());
        // 40 business hours × 2, Monday 09:00 two more, Wednesday 03:00 one: 83 and 81.
        Assert.Equal((83, 81), (sheet.Cell(5, 171).GetDouble(), sheet.Cell(6, 171).GetDouble()));

        var format = Assert.Single(sheet.ConditionalFormats);
        Assert.Equal(XLConditionalFormatType.ColorScale, format.ConditionalFormatType);
        Assert.Equal("C5:FN6", format.Range.RangeAddress.ToString());
    }

    [Fact]
    public void Write_SampleModel_SheetsMatchGoldenCsv()
    {
        using var wb = new XLWorkbook(Render(SampleWorkbook.Model()));
        foreach (var sheet in wb.Worksheets)
            Golden.Verify($"excel/sample-{sheet.Name.Replace(' ', '-').ToLowerInvariant()}.csv", SheetText.SheetCsv(sheet));
    }
}
