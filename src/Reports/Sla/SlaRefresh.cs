using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using JuniperFts.Domain.Reference;
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
        var (storedFingerprint, refreshedThrough) = StoredState(connection);
        var full = everything || storedFingerprint != fingerprint;
        // Batches only add higher ids, so with no newer batch and as many rows as cases nothing changed.
        if (!full && watermark <= refreshedThrough && SameCount(connection)) return 0;

        if (!full)
        {
            Warehouse.Execute(connection, "CREATE OR REPLACE TEMP TABLE sla_changed AS " + ChangedCases);
            if (NothingToDo(connection)) return 0;
        }

        var calendars = SlaInputs.Calendars(connection, reference);
        var scope = full ? "" : "WHERE case_number IN (SELECT case_number FROM sla_changed)";

        using var tx = connection.BeginTransaction();
        var prepared = SlaEvaluation.Prepare(connection, reference, calendars, scope);
        Warehouse.Execute(connection, full
            ? "DELETE FROM sla_evaluations"
            : "DELETE FROM sla_evaluations WHERE case_number IN (SELECT case_number FROM sla_changed) " +
              "OR case_number NOT IN (SELECT case_number FROM cases)");
        var count = 0;
        if (prepared is not null)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "INSERT INTO sla_evaluations " + SlaEvaluation.Select(scope, prepared);
            cmd.Parameters.Add(new DuckDBParameter("w", watermark));
            count = cmd.ExecuteNonQuery();
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
        SlaEvaluation.Clean(connection);
        Warehouse.Execute(connection, "DROP TABLE IF EXISTS sla_changed");
        return count;
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

    private static (string? Fingerprint, long RefreshedThrough) StoredState(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT reference_fingerprint, refreshed_through FROM sla_refresh_state";
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetInt64(1)) : (null, long.MinValue);
    }

    private static bool SameCount(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT count(*) FROM cases) = (SELECT count(*) FROM sla_evaluations)";
        return cmd.ExecuteScalar() is true;
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

    /// <summary>A DuckDB <c>TIMESTAMP</c>'s value: microseconds since 1970, floored (as the appender stores a DateTime).</summary>
    public static long UnixMicroseconds(NodaTime.Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks >= 0 || ticks % 10 == 0 ? ticks / 10 : ticks / 10 - 1;
    }
}
