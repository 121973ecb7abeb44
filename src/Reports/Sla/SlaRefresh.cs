using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Ingest.Store;

namespace JuniperFts.Reports.Sla;

/// <summary>
/// Keeps <c>sla_evaluations</c> up to date: evaluates the cases whose inputs changed since they were
/// last evaluated (run it after every ingest), so reports and the portal never recompute the calendar.
/// </summary>
/// <remarks>
/// A case is re-evaluated when it has no row yet, or when its row, one of its events, a contract of
/// its account, an installed-base row of its serial, or a holiday of its centre was written by a batch
/// after the one its evaluation saw; a change of the reference data (SKUs, targets, centres)
/// re-evaluates every case. Rows of cases that no longer exist are removed.
/// </remarks>
public static class SlaRefresh
{
    private const int ChunkSize = 65_536;

    // One hash join per input instead of correlated EXISTS: the latest batch that touched each key.
    private const string ChangedCases = """
        WITH events AS (SELECT case_number, max(batch_id) AS b FROM case_events GROUP BY case_number),
             account_contracts AS (SELECT account_id, max(batch_id) AS b FROM contracts GROUP BY account_id),
             serials AS (SELECT serial_number, max(batch_id) AS b FROM installed_base GROUP BY serial_number),
             centre_holidays AS (SELECT support_center, max(batch_id) AS b FROM holidays GROUP BY support_center)
        SELECT c.case_number
        FROM cases c
        LEFT JOIN sla_evaluations e ON e.case_number = c.case_number
        LEFT JOIN events v ON v.case_number = c.case_number
        LEFT JOIN account_contracts k ON k.account_id = c.account_id
        LEFT JOIN serials u ON u.serial_number = c.serial_number
        LEFT JOIN centre_holidays h ON h.support_center = e.support_center
        WHERE e.case_number IS NULL
           OR greatest(c.batch_id, coalesce(v.b, -1), coalesce(k.b, -1), coalesce(u.b, -1), coalesce(h.b, -1)) > e.evaluated_through
        """;

    /// <summary>(Re)evaluates the changed cases into <c>sla_evaluations</c>; returns how many were evaluated.</summary>
    public static int Run(Warehouse warehouse, ReferenceData reference) => Run(warehouse, reference, everything: false);

    /// <summary>Re-evaluates every case, changed or not; returns how many were evaluated.</summary>
    public static int RunAll(Warehouse warehouse, ReferenceData reference) => Run(warehouse, reference, everything: true);

    private static int Run(Warehouse warehouse, ReferenceData reference, bool everything)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(reference);
        using var connection = warehouse.Connect();
        var fingerprint = Fingerprint(reference);
        var watermark = Watermark(connection);
        var full = everything || StoredFingerprint(connection) != fingerprint;

        Warehouse.Execute(connection,
            "CREATE OR REPLACE TEMP TABLE sla_changed AS " + (full ? "SELECT case_number FROM cases" : ChangedCases));
        const string changed = "SELECT case_number FROM sla_changed";

        if (!full && NothingToDo(connection)) return 0;

        var calendars = SlaInputs.Calendars(connection, reference);
        var rules = SlaInputs.Rules(reference, calendars);
        var units = SlaInputs.Units(connection);
        var events = SlaInputs.Events(connection, changed);

        using var tx = connection.BeginTransaction();
        Warehouse.Execute(connection, full
            ? "DELETE FROM sla_evaluations"
            : "DELETE FROM sla_evaluations WHERE case_number IN (SELECT case_number FROM sla_changed) " +
              "OR case_number NOT IN (SELECT case_number FROM cases)");

        var count = 0;
        using (var appender = connection.CreateAppender("sla_evaluations"))
        {
            // Chunks keep memory flat; within a chunk the rules run in parallel (calendars are thread-safe),
            // while the appender, which is not, writes on this thread.
            foreach (var chunk in SlaInputs.Cases(connection, changed, events).Chunk(ChunkSize))
            {
                var verdicts = new SlaVerdict[chunk.Length];
                Parallel.For(0, chunk.Length, i =>
                {
                    var facts = chunk[i].Facts;
                    var covered = facts.SerialNumber is { } serial && units.TryGetValue((facts.AccountId, serial), out var list)
                        ? (IReadOnlyList<CoveredUnit>)list
                        : [];
                    verdicts[i] = rules.Evaluate(facts, covered);
                });
                for (var i = 0; i < chunk.Length; i++)
                    Append(appender, chunk[i].Facts, chunk[i].Columns, verdicts[i], watermark);
                count += chunk.Length;
            }
        }

        Warehouse.Execute(connection, "DELETE FROM sla_refresh_state");
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "INSERT INTO sla_refresh_state VALUES ($f, $w)";
            cmd.Parameters.Add(new DuckDBParameter("f", fingerprint));
            cmd.Parameters.Add(new DuckDBParameter("w", watermark));
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        Warehouse.Execute(connection, "DROP TABLE IF EXISTS sla_changed");
        return count;
    }

    private static void Append(DuckDBAppender appender, CaseFacts facts, CaseColumns columns, SlaVerdict v, long watermark)
    {
        var row = appender.CreateRow();
        row.AppendValue(facts.CaseNumber)
            .AppendValue(facts.AccountId)
            .AppendValue(columns.SiteId)
            .AppendValue(facts.SerialNumber)
            .AppendValue(columns.EngineerId)
            .AppendValue(columns.Title)
            .AppendValue(SlaInputs.ToTimestamp(facts.CreatedAt))
            .AppendValue(facts.FirstResponseAt is { } r ? SlaInputs.ToTimestamp(r) : (DateTime?)null)
            .AppendValue(facts.ResolvedAt is { } s ? SlaInputs.ToTimestamp(s) : (DateTime?)null)
            .AppendValue(v.ExcludedReason)
            .AppendValue(v.Priority.Code())
            .AppendValue(v.Unit?.ContractId)
            .AppendValue(v.Unit?.Platform)
            .AppendValue(v.Sku?.Window.Code())
            .AppendValue(v.Centre?.Region)
            .AppendValue(v.Centre?.Code)
            .AppendValue(v.AfterHours)
            .AppendValue(v.Target is { } t ? (long)t.TotalSeconds : (long?)null)
            .AppendValue(v.IsEligible && v.ResponseElapsed is { } e ? SlaSeconds.RoundedUp(e) : (long?)null)
            .AppendValue(v.IsEligible && v.ResponseElapsed is { } e2 ? e2 <= v.Target : (bool?)null)
            .AppendValue(v.DueAt is { } d ? SlaInputs.ToTimestamp(d) : (DateTime?)null)
            .AppendValue(v.Quarter.ToString())
            .AppendValue(v.Resolution is { } res ? SlaSeconds.RoundedDown(res) : (long?)null)
            .AppendValue(watermark)
            .EndRow();
    }

    /// <summary>No changed case and no row of a case that is gone: the stored table is current.</summary>
    private static bool NothingToDo(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT (SELECT count(*) FROM sla_changed)
                 + (SELECT count(*) FROM sla_evaluations e WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.case_number = e.case_number))
            """;
        var nothing = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0;
        if (nothing) Warehouse.Execute(connection, "DROP TABLE IF EXISTS sla_changed");
        return nothing;
    }

    private static long Watermark(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT max(b) FROM (
                SELECT max(batch_id) b FROM cases UNION ALL SELECT max(batch_id) FROM case_events
                UNION ALL SELECT max(batch_id) FROM contracts UNION ALL SELECT max(batch_id) FROM installed_base
                UNION ALL SELECT max(batch_id) FROM holidays)
            """;
        return cmd.ExecuteScalar() is long b ? b : 0;
    }

    private static string? StoredFingerprint(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT reference_fingerprint FROM sla_refresh_state";
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>A hash of the reference data the rules read, so a configuration change re-evaluates everything.</summary>
    internal static string Fingerprint(ReferenceData reference)
    {
        var text = new StringBuilder();
        foreach (var s in reference.Skus.Values.OrderBy(s => s.Code, StringComparer.Ordinal))
            text.Append("sku|").Append(s.Code).Append('|').Append(s.Window.Code()).Append('|').AppendJoin(',', s.Entitled).Append('\n');
        foreach (var (p, seconds) in reference.TargetSeconds.OrderBy(t => t.Key))
            text.Append("target|").Append(p.Code()).Append('|').Append(seconds).Append('\n');
        foreach (var c in reference.Centres.Values.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            var cal = c.Calendar;
            text.Append("centre|").Append(c.Code).Append('|').Append(c.Region).Append('|').Append(cal.TimeZone).Append('|');
            foreach (var (k, v) in cal.Hours.OrderBy(h => h.Key, StringComparer.Ordinal)) text.Append(k).Append('=').AppendJoin(',', v).Append(';');
            text.Append('|').AppendJoin(',', cal.Holidays.Order(StringComparer.Ordinal)).Append('|');
            foreach (var (k, v) in cal.Overrides.OrderBy(h => h.Key, StringComparer.Ordinal)) text.Append(k).Append('=').AppendJoin(',', v).Append(';');
            text.Append('|');
            foreach (var (k, v) in cal.Breaks.OrderBy(h => h.Key, StringComparer.Ordinal)) text.Append(k).Append('=').AppendJoin(',', v).Append(';');
            text.Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>How durations become the whole seconds of the reports.</summary>
internal static class SlaSeconds
{
    /// <summary>Elapsed response time rounds up, so a printed elapsed ≤ target exactly when the case met its target.</summary>
    public static long RoundedUp(NodaTime.Duration d) => (d.BclCompatibleTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

    public static long RoundedDown(NodaTime.Duration d) => d.BclCompatibleTicks / TimeSpan.TicksPerSecond;
}
