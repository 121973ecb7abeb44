using DuckDB.NET.Data;

namespace JuniperFts.Ingest.Store;

/// <summary>A rejected row: its batch, file (as named in the drop folder), physical line, reason code, detail and raw text.</summary>
public sealed record QuarantineRow(long BatchId, string File, long Line, string Reason, string? Detail, string? Raw);

/// <summary>A compliance finding: its kind, the key of the row it is about, the account, and a sentence saying why.</summary>
public sealed record ComplianceFinding(string Kind, string Subject, string? AccountId, string Detail, long BatchId);

/// <summary>Read queries over what ingest stored.</summary>
public static class IngestQueries
{
    /// <summary>Quarantined rows sorted by batch, file, line; only those of <paramref name="batchId"/> when given.</summary>
    public static IReadOnlyList<QuarantineRow> Quarantine(Warehouse warehouse, long? batchId = null)
    {
        using var c = warehouse.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT batch_id, file, line, reason, detail, raw FROM quarantine WHERE $1 IS NULL OR batch_id = $1 ORDER BY batch_id, file, line, reason";
        cmd.Parameters.Add(new DuckDBParameter(batchId.HasValue ? batchId.Value : DBNull.Value));
        using var r = cmd.ExecuteReader();
        var list = new List<QuarantineRow>();
        while (r.Read())
            list.Add(new QuarantineRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        return list;
    }

    /// <summary>Current compliance findings, sorted by kind then subject.</summary>
    public static IReadOnlyList<ComplianceFinding> Compliance(Warehouse warehouse)
    {
        using var c = warehouse.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT kind, subject, account_id, detail, batch_id FROM compliance_findings ORDER BY kind, subject";
        using var r = cmd.ExecuteReader();
        var list = new List<ComplianceFinding>();
        while (r.Read())
            list.Add(new ComplianceFinding(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt64(4)));
        return list;
    }
}
