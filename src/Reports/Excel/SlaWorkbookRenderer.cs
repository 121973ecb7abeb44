using System.Globalization;
using ClosedXML.Excel;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Sla;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Reports.Excel;

/// <summary>Lays an <see cref="SlaWorkbookModel"/> out as an xlsx workbook; every figure comes from the model as it is.</summary>
public static class SlaWorkbookRenderer
{
    /// <summary>Sheet names, in workbook order.</summary>
    public static class Sheets
    {
        public const string ReadMe = "Read me";
        public const string Summary = "Summary";
        public const string Trend = "Trend";
        public const string ByAccount = "By account";
        public const string BySupportCentre = "By support centre";
        public const string ByPlatform = "By platform";
        public const string ByEngineer = "By engineer";
        public const string Breaches = "Breaches";
        public const string Exclusions = "Exclusions";
        public const string Staffing = "Staffing";
    }

    // Excel's own "Good", "Neutral" and "Bad" cell styles, so the colours read as users know them.
    private static readonly (XLColor Fill, XLColor Font) Green = (XLColor.FromHtml("#C6EFCE"), XLColor.FromHtml("#006100"));
    private static readonly (XLColor Fill, XLColor Font) Amber = (XLColor.FromHtml("#FFEB9C"), XLColor.FromHtml("#9C5700"));
    private static readonly (XLColor Fill, XLColor Font) Red = (XLColor.FromHtml("#FFC7CE"), XLColor.FromHtml("#9C0006"));
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");

    private static readonly InstantPattern UtcMinutes = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm 'UTC'");
    private static readonly InstantPattern UtcIso = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    private const int ReadMeWidth = 100;
    private const int ChartRows = 20;

    /// <summary>Header row of every sheet's main table; rows above it hold the title and stay frozen with it.</summary>
    internal const int HeaderRow = 4;

    /// <summary>Writes the workbook, with its native trend charts, to <paramref name="output"/>.</summary>
    public static void Write(SlaWorkbookModel model, Stream output)
    {
        using var package = new MemoryStream();
        IReadOnlyList<LineChartSpec> charts;
        using (var workbook = new XLWorkbook())
        {
            charts = Render(workbook, model);
            workbook.SaveAs(package);
        }
        // ClosedXML 0.95.4 cannot draw charts: they go into the saved package with the Open XML SDK.
        NativeLineCharts.Add(package, charts);
        package.Position = 0;
        package.CopyTo(output);
    }

    /// <summary>Fills <paramref name="workbook"/> and returns the charts still to add to the saved package.</summary>
    internal static IReadOnlyList<LineChartSpec> Render(XLWorkbook workbook, SlaWorkbookModel model)
    {
        var h = model.Header;
        SetProperties(workbook, h);
        WriteReadMe(workbook.AddWorksheet(Sheets.ReadMe), model);
        WriteSummary(workbook.AddWorksheet(Sheets.Summary), model);
        var charts = WriteTrend(workbook.AddWorksheet(Sheets.Trend), model);
        WriteGroupSheet(workbook.AddWorksheet(Sheets.ByAccount), "ByAccount", model.ByAccount, h);
        WriteGroupSheet(workbook.AddWorksheet(Sheets.BySupportCentre), "BySupportCentre", model.BySupportCentre, h);
        WriteGroupSheet(workbook.AddWorksheet(Sheets.ByPlatform), "ByPlatform", model.ByPlatform, h);
        WriteGroupSheet(workbook.AddWorksheet(Sheets.ByEngineer), "ByEngineer", model.ByEngineer, h);
        WriteBreaches(workbook.AddWorksheet(Sheets.Breaches), model.Breaches, h);
        WriteExclusions(workbook.AddWorksheet(Sheets.Exclusions), model.Exclusions, h);
        WriteStaffing(workbook.AddWorksheet(Sheets.Staffing), model.Staffing, h);
        // Opens on the Summary; only one selected tab, or Excel groups the sheets and edits go to all of them.
        foreach (var sheet in workbook.Worksheets) sheet.TabSelected = false;
        workbook.Worksheet(Sheets.Summary).SetTabSelected().SetTabActive();
        return charts;
    }

    private static void SetProperties(XLWorkbook workbook, WorkbookHeader h)
    {
        workbook.Properties.Title = h.Title;
        workbook.Properties.Subject = $"SLA attainment {h.Quarter}";
        workbook.Properties.Keywords = $"SLA; {h.Quarter}";
        workbook.Properties.Author = "JuniperFts";
        workbook.Properties.Comments = $"{h.Scope}; data as of {UtcMinutes.Format(h.DataAsOf)}; generated at {UtcMinutes.Format(h.GeneratedAt)}";
        workbook.Properties.Created = h.GeneratedAt.ToDateTimeUtc();
        workbook.Properties.Modified = h.GeneratedAt.ToDateTimeUtc();
        workbook.CustomProperties.Add("Quarter", h.Quarter.ToString());
        workbook.CustomProperties.Add("Scope", h.Scope);
        workbook.CustomProperties.Add("Generated at", UtcIso.Format(h.GeneratedAt));
        workbook.CustomProperties.Add("Data as of", UtcIso.Format(h.DataAsOf));
    }

    private static void WriteTitle(SheetWriter w, string title, WorkbookHeader h, string? extra = null)
    {
        w.Text(1, 1, title, measure: false).Style.Font.SetBold().Font.SetFontSize(14);
        w.Text(2, 1, $"{h.Scope} · data as of {UtcMinutes.Format(h.DataAsOf)} · generated {UtcMinutes.Format(h.GeneratedAt)}", measure: false)
            .Style.Font.SetItalic().Font.SetFontColor(XLColor.FromHtml("#595959"));
        if (extra is not null) w.Text(3, 1, extra, measure: false);
    }

    /// <param name="numeric">Headers of number columns, right-aligned over their figures.</param>
    private static void WriteHeader(SheetWriter w, int row, IReadOnlyList<string> headers, int firstColumn = 1, Func<string, bool>? numeric = null)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            var cell = w.Text(row, firstColumn + i, headers[i]);
            cell.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill).Alignment.SetWrapText(false);
            if (numeric?.Invoke(headers[i]) == true) cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        }
    }

    /// <summary>Freezes the title block and header, and prints landscape, one page wide, repeating them on every page.</summary>
    private static void Freeze(IXLWorksheet sheet, int rows)
    {
        sheet.SheetView.FreezeRows(rows);
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, rows);
    }

    private static void WriteReadMe(IXLWorksheet sheet, SlaWorkbookModel model)
    {
        var w = new SheetWriter(sheet);
        WriteTitle(w, model.Header.Title, model.Header, "How to read this workbook");
        WriteHeader(w, HeaderRow, ["Term", "Meaning"]);
        var row = HeaderRow;
        foreach (var entry in model.ReadMe)
        {
            row++;
            w.Text(row, 1, entry.Term).Style.Font.SetBold().Alignment.SetVertical(XLAlignmentVerticalValues.Top);
            w.Text(row, 2, entry.Meaning, measure: false).Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top);
            // Spreadsheet programs do not grow a row for wrapped text on opening: give it the lines it needs.
            sheet.Row(row).Height = 15 * Math.Max(1, (int)Math.Ceiling(entry.Meaning.Length / (ReadMeWidth - 4.0)));
        }
        Freeze(sheet, HeaderRow);
        w.ApplyWidths();
        // Definitions wrap inside a readable column instead of one endless line.
        sheet.Column(2).Width = ReadMeWidth;
    }

    private static void WriteSummary(IXLWorksheet sheet, SlaWorkbookModel model)
    {
        var h = model.Header;
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"SLA attainment {h.Quarter}", h,
            $"Colours: at least {Pct(h.Goals.Green)} green, at least {Pct(h.Goals.Amber)} amber, below that red; previous quarter {h.PreviousQuarter}");
        var next = WriteAttainmentTable(w, HeaderRow, model.ByPriorityAndWindow, h);
        Freeze(sheet, HeaderRow);
        w.Text(next + 1, 1, model.ByRegionAndPriority.Title, measure: false).Style.Font.SetBold().Font.SetFontSize(12);
        WriteAttainmentTable(w, next + 2, model.ByRegionAndPriority, h);
        w.ApplyWidths();
    }

    /// <summary>Writes header, rows and total at <paramref name="headerRow"/>; returns the first free row after a blank one.</summary>
    private static int WriteAttainmentTable(SheetWriter w, int headerRow, AttainmentTable table, WorkbookHeader h, string? tableName = null)
    {
        var headers = new List<string>(table.KeyHeaders);
        if (table.Columns.HasFlag(AttainmentColumns.Target)) headers.Add("Target");
        headers.AddRange(["Eligible", "Met", "Breached", "Pending", "Attainment", $"Attainment {h.PreviousQuarter}", "Change (pts)"]);
        if (table.Columns.HasFlag(AttainmentColumns.Resolution)) headers.AddRange(["Median resolution", "P90 resolution"]);
        var keyCount = table.KeyHeaders.Count;
        WriteHeader(w, headerRow, headers, numeric: h => headers.IndexOf(h) >= keyCount);

        var row = headerRow;
        var attainmentColumn = headers.IndexOf("Attainment") + 1;
        foreach (var r in table.Rows) WriteAttainmentRow(w, ++row, r, table);
        var lastDataRow = row;
        if (table.Rows.Count == 0) w.Text(++row, 1, "No eligible case in this quarter or the previous one.", measure: false).Style.Font.SetItalic();
        if (table.Total is { } total)
        {
            WriteAttainmentRow(w, ++row, total, table);
            w.Sheet.Row(row).Style.Font.SetBold();
            w.Sheet.Range(row, 1, row, headers.Count).Style.Border.SetTopBorder(XLBorderStyleValues.Thin);
        }
        if (row > headerRow)
            ColourByGoals(w.Sheet.Range(headerRow + 1, attainmentColumn, row, attainmentColumn + 1), h.Goals);
        if (tableName is not null && lastDataRow > headerRow)
            w.Sheet.Range(headerRow, 1, lastDataRow, headers.Count).CreateTable(tableName).Theme = XLTableTheme.TableStyleLight1;
        return row + 2;
    }

    private static void WriteAttainmentRow(SheetWriter w, int row, AttainmentRow r, AttainmentTable table)
    {
        var c = 1;
        foreach (var key in r.Keys) w.Text(row, c++, key);
        if (table.Columns.HasFlag(AttainmentColumns.Target)) w.Duration(row, c++, r.Target);
        w.Count(row, c++, r.Eligible);
        w.Count(row, c++, r.Met);
        w.Count(row, c++, r.Breached);
        w.Count(row, c++, r.Pending);
        w.Percent(row, c++, r.AttainmentPct);
        w.Percent(row, c++, r.PreviousPct);
        w.Points(row, c++, r.ChangePoints);
        if (table.Columns.HasFlag(AttainmentColumns.Resolution))
        {
            w.Duration(row, c++, r.ResolutionMedian);
            w.Duration(row, c, r.ResolutionP90);
        }
    }

    /// <summary>
    /// Conditional formats against the goals, so the colours follow the numbers if someone edits them.
    /// Each rule checks ISNUMBER first: Excel compares a blank cell as 0, which would paint "no figure" red.
    /// </summary>
    private static void ColourByGoals(IXLRange range, AttainmentGoals goals)
    {
        var first = range.FirstCell().Address.ToStringRelative();
        var green = goals.Green.ToString(CultureInfo.InvariantCulture);
        var amber = goals.Amber.ToString(CultureInfo.InvariantCulture);
        Rule(range, $"AND(ISNUMBER({first}),{first}>={green})", Green);
        Rule(range, $"AND(ISNUMBER({first}),{first}>={amber},{first}<{green})", Amber);
        Rule(range, $"AND(ISNUMBER({first}),{first}<{amber})", Red);

        static void Rule(IXLRange range, string formula, (XLColor Fill, XLColor Font) colour) =>
            range.AddConditionalFormat().WhenIsTrue(formula).Fill.SetBackgroundColor(colour.Fill).Font.SetFontColor(colour.Font);
    }

    private static IReadOnlyList<LineChartSpec> WriteTrend(IXLWorksheet sheet, SlaWorkbookModel model)
    {
        var h = model.Header;
        var t = model.Trend;
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"Attainment trend, {t.Quarters.Count} quarters to {h.Quarter}", h);
        var regionColumn = 1 + t.ByPriority.Count + 2; // one blank column between the two tables
        w.Text(3, 2, "By priority", measure: false).Style.Font.SetBold();
        w.Text(3, regionColumn, "By region", measure: false).Style.Font.SetBold();

        WriteHeader(w, HeaderRow, ["Quarter", .. t.ByPriority.Select(s => s.Name)], numeric: h => h != "Quarter");
        WriteHeader(w, HeaderRow, [.. t.ByRegion.Select(s => s.Name)], regionColumn, numeric: _ => true);
        for (var i = 0; i < t.Quarters.Count; i++)
        {
            var row = HeaderRow + 1 + i;
            w.Text(row, 1, t.Quarters[i].ToString());
            for (var s = 0; s < t.ByPriority.Count; s++) w.Percent(row, 2 + s, t.ByPriority[s].AttainmentPct[i]);
            for (var s = 0; s < t.ByRegion.Count; s++) w.Percent(row, regionColumn + s, t.ByRegion[s].AttainmentPct[i]);
        }
        var lastRow = HeaderRow + t.Quarters.Count;
        if (t.Quarters.Count > 0)
        {
            if (t.ByPriority.Count > 0) ColourByGoals(sheet.Range(HeaderRow + 1, 2, lastRow, 1 + t.ByPriority.Count), h.Goals);
            if (t.ByRegion.Count > 0) ColourByGoals(sheet.Range(HeaderRow + 1, regionColumn, lastRow, regionColumn + t.ByRegion.Count - 1), h.Goals);
        }
        Freeze(sheet, HeaderRow);
        w.ApplyWidths();

        // The two charts one under the other below the table, each wide enough for eight quarter labels.
        var categories = t.Quarters.Select(q => q.ToString()).ToList();
        var width = Math.Max(regionColumn + t.ByRegion.Count - 1, 10);
        var top = lastRow + 1; // zero-based: leaves one blank row under the table
        var charts = new List<LineChartSpec>();
        if (t.ByPriority.Count > 0)
        {
            charts.Add(Chart(sheet.Name, "Attainment by priority", t.ByPriority, 2, categories, lastRow, new ChartAnchor(0, top, width, top + ChartRows)));
            top += ChartRows + 1;
        }
        if (t.ByRegion.Count > 0)
            charts.Add(Chart(sheet.Name, "Attainment by region", t.ByRegion, regionColumn, categories, lastRow, new ChartAnchor(0, top, width, top + ChartRows)));
        return charts;
    }

    private static LineChartSpec Chart(string sheet, string title, IReadOnlyList<TrendSeries> series, int firstColumn,
        IReadOnlyList<string> categories, int lastRow, ChartAnchor anchor)
    {
        var first = HeaderRow + 1;
        var quoted = "'" + sheet.Replace("'", "''") + "'";
        string Ref(int column, int fromRow, int toRow)
        {
            var letter = XLHelper.GetColumnLetterFromNumber(column);
            return fromRow == toRow ? $"{quoted}!${letter}${fromRow}" : $"{quoted}!${letter}${fromRow}:${letter}${toRow}";
        }
        return new LineChartSpec(sheet, title, "Attainment %", Ref(1, first, lastRow), categories,
            [.. series.Select((s, i) => new ChartSeries(Ref(firstColumn + i, HeaderRow, HeaderRow), s.Name, Ref(firstColumn + i, first, lastRow), s.AttainmentPct))],
            anchor);
    }

    private static void WriteGroupSheet(IXLWorksheet sheet, string tableName, AttainmentTable table, WorkbookHeader h)
    {
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"{table.Title}, {h.Quarter}", h, $"Groups with eligible cases in {h.Quarter}; previous quarter {h.PreviousQuarter} beside each.");
        WriteAttainmentTable(w, HeaderRow, table, h, tableName);
        Freeze(sheet, HeaderRow);
        w.ApplyWidths();
    }

    /// <summary>A row per centre and week, a column per local hour of the week; each centre's block coloured by its own native colour scale.</summary>
    private static void WriteStaffing(IXLWorksheet sheet, StaffingHeatMap map, WorkbookHeader h)
    {
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"Engineers to roster by hour, weeks starting in {map.Quarter}", h,
            map.Unavailable ?? $"Erlang C on the work in hand per support centre and local hour (all accounts, priorities summed), from the workload forecast as of "
                + $"{UtcMinutes.Format(map.MadeAsOf)}. Darker: more engineers than the centre's other hours. Last column: the week's engineer-hours.");
        const int hours = HourOfWeek.Count, firstHour = 3, totalColumn = firstHour + hours;
        WriteHeader(w, HeaderRow, ["Support centre", "Week", .. Enumerable.Range(0, hours).Select(i => new HourOfWeek(i).ToString()), "Engineer-hours"],
            numeric: c => c != "Support centre" && c != "Week");
        sheet.Range(HeaderRow, firstHour, HeaderRow, totalColumn - 1).Style.Alignment.SetTextRotation(90);
        var row = HeaderRow;
        foreach (var centre in map.Centres)
        {
            var first = row + 1;
            for (var k = 0; k < map.Weeks.Count; k++)
            {
                row++;
                w.Text(row, 1, centre.Centre);
                w.Text(row, 2, map.Weeks[k]);
                for (var i = 0; i < hours; i++)
                    sheet.Cell(row, firstHour + i).SetValue(centre.Engineers[k][i]).Style.NumberFormat.SetFormat(HiddenZero);
                w.Count(row, totalColumn, centre.EngineerHours[k]).Style.Font.SetBold();
            }
            if (row >= first)
            {
                sheet.Range(first, firstHour, row, totalColumn - 1).AddConditionalFormat().ColorScale()
                    .LowestValue(XLColor.FromHtml("#FFFFFF")).HighestValue(XLColor.FromHtml("#F8696B"));
                sheet.Range(row, 1, row, totalColumn).Style.Border.SetBottomBorder(XLBorderStyleValues.Thin);
            }
        }
        Freeze(sheet, HeaderRow);
        sheet.SheetView.FreezeColumns(2);
        w.ApplyWidths();
        sheet.Columns(firstHour, totalColumn - 1).Width = 3.6;
    }

    // An hour without expected cases needs nobody: the cell stays blank to the eye, the colour scale still sees 0.
    private const string HiddenZero = "0;-0;;@";

    private static void WriteBreaches(IXLWorksheet sheet, BreachList breaches, WorkbookHeader h)
    {
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"Breached cases, {h.Quarter}", h);
        var note = breaches.CapNote ?? $"{breaches.TotalBreached.ToString("#,##0", CultureInfo.InvariantCulture)} breached cases, all listed.";
        var noteCell = w.Text(3, 1, note, measure: false);
        if (breaches.CapNote is not null) noteCell.Style.Font.SetBold().Font.SetFontColor(Red.Font).Fill.SetBackgroundColor(Red.Fill);

        string[] headers =
        [
            "Case", "Created (UTC)", "Priority", "Window", "Support centre", "Region", "Account", "Account name", "Engineer",
            "Elapsed", "Target", "Over by", "Answered", "After hours", "Title",
        ];
        WriteHeader(w, HeaderRow, headers, numeric: h => h is "Created (UTC)" or "Elapsed" or "Target" or "Over by");
        var row = HeaderRow;
        foreach (var b in breaches.Rows)
        {
            row++;
            w.Text(row, 1, b.CaseNumber);
            w.DateTime(row, 2, b.CreatedUtc);
            w.Text(row, 3, b.Priority);
            w.Text(row, 4, b.Window);
            w.Text(row, 5, b.SupportCentre);
            w.Text(row, 6, b.Region);
            w.Text(row, 7, b.AccountId);
            w.Text(row, 8, b.AccountName);
            w.Text(row, 9, b.Engineer);
            // Seconds shown: a 15-minute target missed by 40 seconds must not read "0:15 / 0:15".
            w.Duration(row, 10, b.Elapsed, SheetWriter.HoursMinutesSecondsFormat);
            w.Duration(row, 11, b.Target);
            w.Duration(row, 12, b.Over, SheetWriter.HoursMinutesSecondsFormat);
            w.Text(row, 13, b.Answered ? "yes" : "no");
            w.Text(row, 14, b.AfterHours ? "yes" : "no");
            w.Text(row, 15, b.Title);
        }
        if (breaches.Rows.Count > 0)
            sheet.Range(HeaderRow, 1, row, headers.Length).CreateTable("Breaches").Theme = XLTableTheme.TableStyleLight1;
        else
            w.Text(HeaderRow + 1, 1, "No breached case in this quarter.", measure: false).Style.Font.SetItalic();
        Freeze(sheet, HeaderRow);
        // The autofilter button sits inside the header cell: leave room for it.
        foreach (var (header, i) in headers.Select((x, i) => (x, i))) w.Measure(i + 1, header.Length + 2);
        w.ApplyWidths();
    }

    private static void WriteExclusions(IXLWorksheet sheet, ExclusionTable table, WorkbookHeader h)
    {
        var w = new SheetWriter(sheet);
        WriteTitle(w, $"Excluded cases, {h.Quarter}", h, "Excluded cases count neither as met nor as breached: a smaller denominator is not better service.");
        WriteHeader(w, HeaderRow, ["Reason", "Meaning", "Cases", "Share of all cases"], numeric: h => h is "Cases" or "Share of all cases");
        var row = HeaderRow;
        foreach (var r in table.Rows)
        {
            row++;
            w.Text(row, 1, r.Reason);
            w.Text(row, 2, r.Meaning);
            w.Count(row, 3, r.Cases);
            w.Percent(row, 4, r.SharePct);
        }
        row++;
        w.Text(++row, 1, "Excluded cases").Style.Font.SetBold();
        w.Count(row, 3, table.ExcludedCases).Style.Font.SetBold();
        w.Text(++row, 1, "Eligible cases").Style.Font.SetBold();
        w.Count(row, 3, table.EligibleCases).Style.Font.SetBold();
        w.Percent(row, 4, table.EligibleSharePct).Style.Font.SetBold();
        w.Text(++row, 1, "All cases").Style.Font.SetBold();
        w.Count(row, 3, table.AllCases).Style.Font.SetBold();
        Freeze(sheet, HeaderRow);
        w.ApplyWidths(max: 70);
    }

    private static string Pct(decimal value) => Figures.PercentInProse(value);
}
