using System.Globalization;
using System.Text;
using JuniperFts.Domain;
using JuniperFts.Domain.TrueUp;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The lines of a statement as CSV, one row per unit and section, for finance to audit line by line.</summary>
/// <remarks>
/// Sections in statement order (baseline, addition, removal, next_year), each sorted by serial number (ordinal).
/// <c>covered_to</c> is the unit's last covered day (its covered_to, or the contract's end date when empty);
/// <c>covered_days</c>, <c>year_days</c> and <c>amount</c> are filled for additions only.
/// </remarks>
public static class TrueUpCsv
{
    public const string Header = "statement_number,contract_id,contract_year,section,serial_number,model,covered_from,covered_to,covered_days,year_days,annual_fee,amount,currency";

    public static string Write(TrueUpStatement s)
    {
        var csv = new StringBuilder(Header).Append('\n');
        void Row(string section, string serial, string model, string from, string to, string days, string yearDays, decimal fee, string amount) =>
            csv.AppendJoin(',', new[] { s.Number, s.Contract.ContractId, s.Year.Number.ToString(CultureInfo.InvariantCulture), section,
                serial, model, from, to, days, yearDays, TrueUpJson.Money(fee), amount, s.Contract.Currency }.Select(CsvField.Quote)).Append('\n');

        foreach (var u in s.BaselineUnits)
            Row("baseline", u.SerialNumber, u.Model, TrueUpJson.Date(u.CoveredFrom), TrueUpJson.Date(u.LastCoveredDay(s.Contract)), "", "", u.AnnualFee, "");
        foreach (var a in s.Additions)
            Row("addition", a.SerialNumber, a.Model, TrueUpJson.Date(a.CoveredFrom), TrueUpJson.Date(a.LastCoveredDay),
                a.CoveredDays.ToString(CultureInfo.InvariantCulture), a.YearDays.ToString(CultureInfo.InvariantCulture), a.AnnualFee, TrueUpJson.Money(a.Amount));
        foreach (var r in s.Removals)
            Row("removal", r.SerialNumber, r.Model, TrueUpJson.Date(r.CoveredFrom), TrueUpJson.Date(r.CoveredTo), "", "", r.AnnualFee, "");
        foreach (var u in s.NextYearUnits ?? [])
            Row("next_year", u.SerialNumber, u.Model, TrueUpJson.Date(u.CoveredFrom), TrueUpJson.Date(u.LastCoveredDay(s.Contract)), "", "", u.AnnualFee, "");
        return csv.ToString();
    }

    // RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes.

}
