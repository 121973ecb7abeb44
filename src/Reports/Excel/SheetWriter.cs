using System.Globalization;
using ClosedXML.Excel;
using JuniperFts.Domain;
using JuniperFts.Reports.Files;
using NodaTime;

namespace JuniperFts.Reports.Excel;

/// <summary>
/// Writes typed cells on one worksheet and remembers how wide each column's content is, so widths
/// come from the content without ClosedXML's <c>AdjustToContents</c> (which needs libgdiplus here).
/// </summary>
internal sealed class SheetWriter(IXLWorksheet sheet)
{
    public const string CountFormat = "#,##0";
    public const string PercentFormat = "0.00\"%\"";
    public const string PointsFormat = "+0.00;-0.00;0.00";
    public const string HoursMinutesFormat = "[h]:mm";
    public const string HoursMinutesSecondsFormat = "[h]:mm:ss";
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    private readonly Dictionary<int, int> _widths = [];

    public IXLWorksheet Sheet { get; } = sheet;

    /// <summary>
    /// Writes text as a text cell. Text from input data that starts like a formula (= + - @ tab CR)
    /// also gets Excel's quote prefix, so even editing the cell later cannot turn it into a formula
    /// (OWASP CSV injection); the text itself is kept unchanged, except what a cell cannot hold
    /// (<see cref="CellText"/>).
    /// </summary>
    public IXLCell Text(int row, int column, string? text, bool measure = true)
    {
        var cell = Sheet.Cell(row, column);
        if (text is null) return cell;
        text = CellText(text);
        cell.SetValue(text);
        // Force the text type: ClosedXML would otherwise read "00123" or "2026-01-01" as a number or date.
        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text)) cell.Style.IncludeQuotePrefix = true;
        if (measure) Measure(column, text.Length);
        return cell;
    }

    public IXLCell Count(int row, int column, long value)
    {
        var cell = Sheet.Cell(row, column);
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = CountFormat;
        Measure(column, value.ToString("#,##0", CultureInfo.InvariantCulture).Length);
        return cell;
    }

    /// <summary>A percentage figure as it is quoted (93.33 shows "93.33%"), so the cell equals <c>fts sla summary</c>.</summary>
    public IXLCell Percent(int row, int column, decimal? value) =>
        Decimal(row, column, value, PercentFormat, v => v.ToString("0.00", CultureInfo.InvariantCulture).Length + 1);

    /// <summary>A change in percentage points, signed.</summary>
    public IXLCell Points(int row, int column, decimal? value) =>
        Decimal(row, column, value, PointsFormat, v => v.ToString("+0.00;-0.00", CultureInfo.InvariantCulture).Length);

    /// <summary>A duration as an Excel time value (days) shown with hours beyond 24.</summary>
    public IXLCell Duration(int row, int column, Duration? value, string format = HoursMinutesFormat)
    {
        var cell = Sheet.Cell(row, column);
        if (value is not { } d) return cell;
        cell.SetValue(d.TotalDays);
        cell.Style.NumberFormat.Format = format;
        var hours = (long)Math.Floor(d.TotalHours);
        Measure(column, hours.ToString(CultureInfo.InvariantCulture).Length + (format == HoursMinutesFormat ? 3 : 6));
        return cell;
    }

    public IXLCell DateTime(int row, int column, LocalDateTime value)
    {
        var cell = Sheet.Cell(row, column);
        cell.SetValue(value.ToDateTimeUnspecified());
        cell.Style.NumberFormat.Format = DateTimeFormat;
        Measure(column, DateTimeFormat.Length);
        return cell;
    }

    /// <summary>Sets every written column's width from its longest content, within sensible bounds.</summary>
    public void ApplyWidths(int min = 8, int max = 60)
    {
        foreach (var (column, chars) in _widths)
            Sheet.Column(column).Width = Math.Clamp(chars + 2, min, max);
    }

    /// <summary>Widens a column to at least <paramref name="chars"/> characters of content.</summary>
    public void Measure(int column, int chars) =>
        _widths[column] = Math.Max(_widths.GetValueOrDefault(column), chars);

    /// <summary>
    /// Text as a cell holds it: characters XML cannot carry become U+FFFD and text beyond the cell's
    /// 32,767 characters is cut with an ellipsis (only text composed around a value can be that long).
    /// </summary>
    /// <remarks>The ingest already stores text this way (<see cref="CarriedText"/>); this also covers text stored before it did.</remarks>
    public static string CellText(string text) => ReportText.Clip(CarriedText.Of(text), ReportText.MaxCellLength);

    /// <summary>True for text that a spreadsheet would take as a formula or a DDE command.</summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private IXLCell Decimal(int row, int column, decimal? value, string format, Func<decimal, int> width)
    {
        var cell = Sheet.Cell(row, column);
        if (value is not { } v) return cell;
        cell.SetValue(v);
        cell.Style.NumberFormat.Format = format;
        Measure(column, width(v));
        return cell;
    }
}
