using JuniperFts.Store;

namespace JuniperFts.Ingest;

/// <summary>
/// The ingest findings that reject nothing: short contracts without co-term, accounts with fewer than 2
/// or more than 6 representatives, sites without a primary contact, cases on unregistered serials.
/// </summary>
/// <remarks>Recomputed over all stored rows after a batch that changed something.</remarks>
public static class ComplianceFindings
{
    /// <summary>The finding kinds, as written in <c>fts compliance</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        ["short_contract", "representatives_out_of_range", "site_without_primary_contact", "case_on_unregistered_serial"];

    internal static void Refresh(WarehouseConnection connection, long batchId) => connection.Execute("""
            DELETE FROM compliance_findings;
            INSERT INTO compliance_findings (kind, subject, account_id, detail, batch_id)
            SELECT 'short_contract', contract_id, account_id,
                   'contract ' || contract_id || ' runs ' || strftime(start_date, '%Y-%m-%d') || ' to ' || strftime(end_date, '%Y-%m-%d')
                   || ' (' || (end_date - start_date + 1) || ' days), shorter than 12 months, without co_term', $batch
            FROM contracts
            WHERE NOT co_term AND end_date + 1 < start_date + INTERVAL 12 MONTH;

            INSERT INTO compliance_findings (kind, subject, account_id, detail, batch_id)
            SELECT 'representatives_out_of_range', a.account_id, a.account_id,
                   'account ' || a.account_id || ' has ' || count(r.email) || ' representative' || CASE WHEN count(r.email) = 1 THEN '' ELSE 's' END || ' (expected 2 to 6)', $batch
            FROM accounts a LEFT JOIN representatives r ON r.account_id = a.account_id
            GROUP BY a.account_id
            HAVING count(r.email) < 2 OR count(r.email) > 6;

            INSERT INTO compliance_findings (kind, subject, account_id, detail, batch_id)
            SELECT 'site_without_primary_contact', site_id, account_id, 'site ' || site_id || ' has no primary contact e-mail', $batch
            FROM sites WHERE primary_contact_email IS NULL;

            INSERT INTO compliance_findings (kind, subject, account_id, detail, batch_id)
            SELECT 'case_on_unregistered_serial', c.case_number, c.account_id,
                   CASE WHEN c.serial_number IS NULL THEN 'case ' || c.case_number || ' names no serial number'
                        ELSE 'case ' || c.case_number || ' is on serial ' || c.serial_number || ', not in the installed base of account ' || c.account_id END, $batch
            FROM cases c
            WHERE c.serial_number IS NULL OR NOT EXISTS (
                SELECT 1 FROM installed_base i JOIN contracts k ON k.contract_id = i.contract_id
                WHERE i.serial_number = c.serial_number AND k.account_id = c.account_id);
            """, ("batch", batchId));
}
