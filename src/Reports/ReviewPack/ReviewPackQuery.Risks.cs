using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's risks section: end of support, serial issues, compliance findings.
internal sealed partial class ReviewPackQuery
{
    private RisksSection Risks(WarehouseConnection connection, string accountId, Quarter quarter, IReadOnlyList<SlaCase> cases)
    {
        var from = quarter.End;
        var until = from.PlusYears(1).PlusDays(-1);
        // Units still covered on the first day after the quarter whose support ends inside the coming 12 months.
        var units = connection.Query(EmbeddedSql.Text(typeof(ReviewPackQuery), "EndOfSupportUnits.sql"), r => new EndOfSupportUnit(r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Date(4), Period.Between(from, r.Date(4), PeriodUnits.Days).Days),
            ("a", accountId), ("from", from), ("until", until));

        var serials = cases.Where(c => c.Reason is ExclusionReason.GrayMarket or ExclusionReason.UnregisteredProduct)
            .GroupBy(c => (Serial: c.SerialNumber ?? "(no serial)", Issue: c.Reason == ExclusionReason.GrayMarket ? "gray market" : "unregistered"))
            .Select(g => new SerialIssue(g.Key.Serial, g.Key.Issue, g.Count(),
                g.OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).Last().CaseNumber))
            .OrderBy(s => s.SerialNumber, StringComparer.Ordinal).ThenBy(s => s.Issue, StringComparer.Ordinal)
            .ToList();

        // Cases on unregistered serials are listed with the serials above; the other findings are the account's.
        var findings = connection.Query("""
            SELECT kind, subject, detail FROM compliance_findings
            WHERE account_id = $a AND kind <> 'case_on_unregistered_serial'
            ORDER BY kind, subject
            """, r => new ComplianceLine(r.Text(0), r.Text(1), r.Text(2)), ("a", accountId));

        return new RisksSection(from, until, units, serials, findings);
    }
}
