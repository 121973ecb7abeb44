using System.Text;
using System.Globalization;
using ClosedXML.Excel;
using ExcelNumberFormat;

namespace JuniperFts.Reports.Tests.Excel;

/// <summary>Workbook sheets as the user sees them: cell text through its number format, a sheet as CSV (for golden files).</summary>
internal static class SheetText
{
    /// <summary>A sheet as CSV of what the user sees (formatted cell text), used range only.</summary>
    public static string SheetCsv(IXLWorksheet sheet)
    {
        var text = new StringBuilder();
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        for (var r = 1; r <= lastRow; r++)
        {
            for (var c = 1; c <= lastColumn; c++)
            {
                if (c > 1) text.Append(',');
                text.Append(Quote(Shown(sheet.Cell(r, c))));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The cell as Excel shows it: numbers through their number format (ClosedXML 0.95.4's
    /// GetFormattedString ignores custom formats such as [h]:mm), text as it is.
    /// </summary>
    public static string Shown(IXLCell cell)
    {
        if (cell.IsEmpty() || cell.DataType == XLDataType.Text) return cell.GetString();
        double number = cell.Value switch
        {
            DateTime d => d.ToOADate(),
            TimeSpan t => t.TotalDays,
            bool b => b ? 1 : 0,
            var v => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        };
        var format = cell.Style.NumberFormat.Format;
        return string.IsNullOrEmpty(format)
            ? number.ToString(CultureInfo.InvariantCulture)
            : new NumberFormat(format).Format(number, CultureInfo.InvariantCulture);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r', '\t']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
