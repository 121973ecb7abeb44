using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>A fingerprint of every ingest table's rows, to assert that a database did or did not change.</summary>
public static class WarehouseSnapshot
{
    /// <summary>The input tables and compliance findings.</summary>
    public static readonly string[] DataTables =
        ["accounts", "sites", "contracts", "installed_base", "representatives", "engineers", "cases", "case_events", "holidays", "compliance_findings"];

    /// <summary>Ingest's own bookkeeping: batches, per-file counts and quarantine.</summary>
    public static readonly string[] BatchTables = ["ingest_batches", "ingest_files", "quarantine"];

    public static string Of(TempWarehouse temp, bool withBatches = false) => Of(temp.Scalar<string>, withBatches);

    public static string Of(Func<string, string?> scalar, bool withBatches = false)
    {
        var parts = new List<string>();
        foreach (var table in withBatches ? [.. DataTables, .. BatchTables] : DataTables)
            parts.Add(table + ":" + scalar($"SELECT count(*) || ' ' || coalesce(string_agg(md5(CAST(t AS VARCHAR)), ',' ORDER BY md5(CAST(t AS VARCHAR))), '') FROM {table} t"));
        return string.Join('\n', parts);
    }
}
