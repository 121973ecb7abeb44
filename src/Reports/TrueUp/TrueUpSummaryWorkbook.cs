using ClosedXML.Excel;
using JuniperFts.Domain.TrueUp;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The Excel summary of a <c>--due</c> run for finance: one row per statement, the addition lines, and totals per currency.</summary>
/// <remarks>Column widths are set by hand: ClosedXML's AdjustToContents needs libgdiplus and is slow.</remarks>
public static class TrueUpSummaryWorkbook
{
    private const string MoneyFormat = "#,##0.00";
    private const string DateFormat = "yyyy-mm-dd";

    public static void Write(TrueUpIssueRun run, string path)
    {
        using var workbook = Build(run);
        workbook.SaveAs(path);
    }

    public static void Write(TrueUpIssueRun run, Stream output)
    {
        using var workbook = Build(run);
        workbook.SaveAs(output);
    }

    private static XLWorkbook Build(TrueUpIssueRun run)
    {
        var workbook = new XLWorkbook();
        WriteStatements(workbook.Worksheets.Add("Statements"), run);
        WriteAdditions(workbook.Worksheets.Add("Additions"), run);
        WriteTotals(workbook.Worksheets.Add("Totals"), run);
        return workbook;
    }

    public static string Status(IssueOutcome outcome) => outcome switch
    {
        IssueOutcome.Issued => "issued",
        IssueOutcome.AlreadyIssued => "already issued",
        IssueOutcome.Reissued => "reissued",
        IssueOutcome.NotIssued => "due, not issued yet",
        _ => "reissued unchanged",
    };

    private static void WriteStatements(IXLWorksheet sheet, TrueUpIssueRun run)
    {
        var columns = new (string Name, double Width)[]
        {
            ("statement_number", 22), ("status", 18), ("revision", 9), ("contract_id", 14), ("account", 28), ("sku", 18),
            ("contract_year", 8), ("year_start", 12), ("year_end", 12), ("currency", 9), ("baseline_units", 9),
            ("baseline_annual_fee", 16), ("additions", 9), ("additions_total", 16), ("removals", 9),
            ("next_year_units", 9), ("next_year_annual_fee", 16), ("changes", 60),
        };
        Header(sheet, columns);
        var r = 2;
        foreach (var item in run.Statements)
        {
            var s = item.Issued.Statement;
            var next = s.NextYearTotals;
            object?[] values =
            [
                s.Number, Status(item.Outcome), item.Issued.Revision, s.Contract.ContractId, item.Issued.AccountName, s.Contract.Sku,
                s.Year.Number, s.Year.Start.ToDateTimeUnspecified(), s.Year.LastDay.ToDateTimeUnspecified(), s.Contract.Currency,
                s.Baseline.Units, s.Baseline.AnnualFee, s.Additions.Count, s.AdditionsTotal, s.Removals.Count,
                next?.Units, next?.AnnualFee, string.Join("; ", item.Changes),
            ];
            Row(sheet, r++, values, moneyColumns: [12, 14, 17], dateColumns: [8, 9]);
        }
    }

    private static void WriteAdditions(IXLWorksheet sheet, TrueUpIssueRun run)
    {
        var columns = new (string Name, double Width)[]
        {
            ("statement_number", 22), ("contract_id", 14), ("currency", 9), ("serial_number", 16), ("model", 14),
            ("covered_from", 12), ("covered_to", 12), ("covered_days", 9), ("year_days", 9), ("annual_fee", 14), ("amount", 14),
        };
        Header(sheet, columns);
        var r = 2;
        foreach (var s in run.Statements.Select(i => i.Issued.Statement))
            foreach (var a in s.Additions)
                Row(sheet, r++,
                [
                    s.Number, s.Contract.ContractId, s.Contract.Currency, a.SerialNumber, a.Model,
                    a.CoveredFrom.ToDateTimeUnspecified(), a.LastCoveredDay.ToDateTimeUnspecified(), a.CoveredDays, a.YearDays, a.AnnualFee, a.Amount,
                ], moneyColumns: [10, 11], dateColumns: [6, 7]);
    }

    // Money in different currencies is never added together.
    private static void WriteTotals(IXLWorksheet sheet, TrueUpIssueRun run)
    {
        var columns = new (string Name, double Width)[] { ("currency", 10), ("statements", 12), ("issued_this_run", 16), ("additions_total_issued_this_run", 30) };
        Header(sheet, columns);
        var r = 2;
        foreach (var group in run.Statements.GroupBy(i => i.Issued.Statement.Contract.Currency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var issued = group.Where(i => i.Outcome is IssueOutcome.Issued or IssueOutcome.Reissued).ToList();
            Row(sheet, r++, [group.Key, group.Count(), issued.Count, issued.Sum(i => i.Issued.Statement.AdditionsTotal)], moneyColumns: [4], dateColumns: []);
        }
    }

    private static void Header(IXLWorksheet sheet, (string Name, double Width)[] columns)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(columns[c].Name);
            sheet.Column(c + 1).Width = columns[c].Width;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
    }

    private static void Row(IXLWorksheet sheet, int row, object?[] values, int[] moneyColumns, int[] dateColumns)
    {
        for (var c = 0; c < values.Length; c++)
        {
            var cell = sheet.Cell(row, c + 1);
            // SetValue keeps a string as text; assigning Value would let 0.95 turn "0042" or "2026-01" into a number or date.
            switch (values[c])
            {
                case string text: cell.SetValue(Excel.SheetWriter.CellText(text)); break;
                case { } v: cell.Value = v; break;
            }
            if (moneyColumns.Contains(c + 1)) cell.Style.NumberFormat.Format = MoneyFormat;
            if (dateColumns.Contains(c + 1)) cell.Style.NumberFormat.Format = DateFormat;
        }
    }
}
