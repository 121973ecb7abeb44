using System.Globalization;
using JuniperFts.Domain.TrueUp;
using JuniperFts.Reports.Pdf;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The statement finance sends: an A4 portrait PDF with every line, the totals and the rule in plain words.</summary>
/// <remarks>Computes nothing: every figure comes from the <see cref="TrueUpStatement"/>.</remarks>
public static class TrueUpStatementPdf
{
    public static void Render(IssuedStatement issued, Stream output)
    {
        var s = issued.Statement;
        var c = s.Contract;
        var cur = c.Currency;
        var issuedOn = TrueUpJson.Date(issued.IssuedAt.InUtc().Date);
        var status = issued.Revision switch
        {
            null => "Draft, not issued",
            1 => $"Revision 1, issued {issuedOn}",
            var r => $"Revision {r}, issued {issuedOn}; replaces revision {r - 1}",
        };

        using var pdf = new PdfDocumentBuilder($"True-up statement {s.Number}", issued.IssuedAt, landscape: false);
        pdf.Footer($"{s.Number} · {status} · amounts in {cur}")
            .Title($"True-up statement {s.Number}", $"{issued.AccountName} · contract {c.ContractId} · contract year {s.Year.Number}")
            .KeyValues(
            [
                ("Statement number", s.Number),
                ("Status", status),
                ("Account", $"{issued.AccountName} ({c.AccountId})"),
                ("Contract", c.ContractId + (c.CoTerm ? " (co-termed)" : "")),
                ("SKU", c.Sku),
                ("Contract term", $"{TrueUpJson.Date(c.StartDate)} to {TrueUpJson.Date(c.EndDate)}, {Plural(c.Years.Count, "contract year")}"),
                ("Contract year", $"{s.Year.Number}: {TrueUpJson.Date(s.Year.Start)} to {TrueUpJson.Date(s.Year.LastDay)}" + (s.Year.IsTruncated ? " (cut at the contract's end)" : "")),
                ("Currency", cur),
            ])
            .Metrics(
            [
                new PdfMetric($"Additions charged ({cur})", Money(s.AdditionsTotal), s.AdditionsTotal > 0 ? PdfTone.Warning : PdfTone.Normal),
                new PdfMetric($"Baseline: {Plural(s.Baseline.Units, "unit")} ({cur})", Money(s.Baseline.AnnualFee)),
                s.NextYearTotals is { } n
                    ? new PdfMetric($"Next year: {Plural(n.Units, "unit")} ({cur})", Money(n.AnnualFee))
                    : new PdfMetric("Next year", "none"),
            ]);

        pdf.Heading("Additions: charged in this true-up")
            .Table(
            [
                new("Serial number", 1.3), new("Model", 1.3), new("Covered from", 1.05), new("Covered to", 1.05),
                new("Covered days", 0.85, PdfAlign.Right), new("Year days", 0.7, PdfAlign.Right),
                new($"Annual fee ({cur})", 1.15, PdfAlign.Right), new($"Amount ({cur})", 1.15, PdfAlign.Right),
            ],
            s.Additions.Select(a => (IReadOnlyList<PdfCell>)
            [
                a.SerialNumber, a.Model, TrueUpJson.Date(a.CoveredFrom), TrueUpJson.Date(a.LastCoveredDay),
                Count(a.CoveredDays), Count(a.YearDays), Money(a.AnnualFee), Money(a.Amount),
            ]).Append(
            [
                new PdfCell("Total", Bold: true), "", "", "", "", "", "", new PdfCell(Money(s.AdditionsTotal), Bold: true),
            ]));

        pdf.Heading("Baseline: covered at the year's start, already billed")
            .Table(UnitColumns(cur), UnitRows(s.BaselineUnits, s.Contract).Append(TotalRow(s.Baseline)));

        pdf.Heading("Removals: ended during the year, no credit")
            .Table(
            [new("Serial number", 1.3), new("Model", 1.1), new("Covered from", 1.1), new("Covered to", 1.1), new($"Annual fee ({cur})", 1.1, PdfAlign.Right)],
            s.Removals.Select(r => (IReadOnlyList<PdfCell>)[r.SerialNumber, r.Model, TrueUpJson.Date(r.CoveredFrom), TrueUpJson.Date(r.CoveredTo), Money(r.AnnualFee)]));

        pdf.Heading("Next year");
        if (s.NextYear is { } next && s.NextYearUnits is { } units)
            pdf.Paragraph($"Contract year {next.Number} runs from {TrueUpJson.Date(next.Start)} to {TrueUpJson.Date(next.LastDay)}. " +
                          $"These units are covered on its first day: {Plural(units.Count, "unit")}, annual fee {Money(s.NextYearTotals!.AnnualFee)} {cur}.")
               .Table(UnitColumns(cur), UnitRows(units, s.Contract).Append(TotalRow(s.NextYearTotals)));
        else
            pdf.Notice("This is the contract's last year: there is no next year to bill.");

        pdf.Heading("How this statement is calculated")
            .Paragraph("Baseline: the units covered on the year's first day. They were billed at the start of the year, so they are listed, not charged.")
            .Paragraph("Additions: each unit whose coverage starts inside the year, after its first day, is charged its annual fee × the days it is covered " +
                       "in the year (both ends included) ÷ the days from the year's start to the same date a year later (365, or 366 when that span holds " +
                       "29 February). Each line is rounded to the cent, halves away from zero; the total is the sum of the rounded lines.")
            .Paragraph("Removals: units whose coverage ended inside the year, before the contract's end date. They are listed; no credit is given.")
            .Paragraph("Next year: the units covered on the first day of the next contract year and their annual fee.");

        pdf.Save(output);
    }

    private static IReadOnlyList<PdfColumn> UnitColumns(string cur) =>
        [new("Serial number", 1.3), new("Model", 1.1), new("Covered from", 1.1), new("Covered to", 1.1), new($"Annual fee ({cur})", 1.1, PdfAlign.Right)];

    private static IEnumerable<IReadOnlyList<PdfCell>> UnitRows(IEnumerable<CoveredUnit> units, TrueUpContract contract) =>
        units.Select(u => (IReadOnlyList<PdfCell>)[u.SerialNumber, u.Model, TrueUpJson.Date(u.CoveredFrom), TrueUpJson.Date(u.LastCoveredDay(contract)), Money(u.AnnualFee)]);

    private static IReadOnlyList<PdfCell> TotalRow(UnitTotals totals) =>
        [new PdfCell($"Total: {Plural(totals.Units, "unit")}", Bold: true), "", "", "", new PdfCell(Money(totals.AnnualFee), Bold: true)];

    /// <summary>Money with thousands separators and two decimals, e.g. 51,000.00.</summary>
    public static string Money(decimal amount) => Figures.Money(amount);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
