using JuniperFts.Store;

namespace JuniperFts.Ingest;

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
        return c.Query("SELECT batch_id, file, line, reason, detail, raw FROM quarantine WHERE $batch IS NULL OR batch_id = $batch ORDER BY batch_id, file, line, reason",
            r => new QuarantineRow(r.Long(0), r.Text(1), r.Long(2), r.Text(3), r.TextOrNull(4), r.TextOrNull(5)), ("batch", batchId));
    }

    /// <summary>Current compliance findings, sorted by kind then subject.</summary>
    public static IReadOnlyList<ComplianceFinding> Compliance(Warehouse warehouse)
    {
        using var c = warehouse.Connect();
        return c.Query("SELECT kind, subject, account_id, detail, batch_id FROM compliance_findings ORDER BY kind, subject",
            r => new ComplianceFinding(r.Text(0), r.Text(1), r.TextOrNull(2), r.Text(3), r.Long(4)));
    }
}
