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

    internal static void Refresh(WarehouseConnection connection, long batchId) =>
        connection.Execute(EmbeddedSql.Text(typeof(ComplianceFindings), "ComplianceFindings.sql"), ("batch", batchId));
}
