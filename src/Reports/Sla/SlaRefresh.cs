using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Ingest.Store;
using CaseRow = (JuniperFts.Domain.Sla.CaseFacts Facts, long RowId);

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
        var (storedFingerprint, refreshedThrough) = StoredState(connection);
        var full = everything || storedFingerprint != fingerprint;
        // Batches only add higher ids, so with no newer batch and as many rows as cases nothing changed.
        if (!full && watermark <= refreshedThrough && SameCount(connection)) return 0;

        string? changed = null;
        if (!full)
        {
            Warehouse.Execute(connection, "CREATE OR REPLACE TEMP TABLE sla_changed AS " + ChangedCases);
            if (NothingToDo(connection)) return 0;
            changed = "SELECT case_number FROM sla_changed";
        }

        var calendars = SlaInputs.Calendars(connection, reference);
        var rules = SlaInputs.Rules(reference, calendars);
        var units = SlaInputs.Units(connection);

        // One transaction from reading the cases to writing: the row ids appended below stay valid.
        using var tx = connection.BeginTransaction();
        var events = SlaInputs.Events(connection, changed);
        Warehouse.Execute(connection, Computed.Table);

        var count = 0;
        var computed = new Computed();
        using (var appender = connection.CreateAppender("sla_computed"))
        {
            // Chunks keep memory flat. The rules of one chunk run in parallel in the background (calendars are
            // thread-safe) while this thread appends the previous chunk and reads the next one: the reader and
            // the appender share the connection, which is not thread-safe, so they stay on this thread.
            (CaseRow[] Chunk, Task<SlaVerdict[]> Verdicts)? previous = null;
            foreach (var chunk in SlaInputs.Cases(connection, changed, events).Chunk(ChunkSize))
            {
                var evaluating = Task.Run(() => Evaluate(chunk, rules, units));
                if (previous is { } p) count += AppendAll(appender, computed, p.Chunk, p.Verdicts.GetAwaiter().GetResult());
                previous = (chunk, evaluating);
            }
            if (previous is { } last) count += AppendAll(appender, computed, last.Chunk, last.Verdicts.GetAwaiter().GetResult());
        }

        Warehouse.Execute(connection, full
            ? "DELETE FROM sla_evaluations"
            : "DELETE FROM sla_evaluations WHERE case_number IN (SELECT case_number FROM sla_changed) " +
              "OR case_number NOT IN (SELECT case_number FROM cases)");
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = computed.Insert();
            cmd.Parameters.Add(new DuckDBParameter("w", watermark));
            cmd.ExecuteNonQuery();
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
        Warehouse.Execute(connection, "DROP TABLE IF EXISTS sla_changed; DROP TABLE IF EXISTS sla_computed;");
        return count;
    }

    private static SlaVerdict[] Evaluate(CaseRow[] chunk, SlaRules rules, Dictionary<(string Account, string Serial), List<CoveredUnit>> units)
    {
        var verdicts = new SlaVerdict[chunk.Length];
        try
        {
            Parallel.For(0, chunk.Length, i =>
            {
                var facts = chunk[i].Facts;
                var covered = facts.SerialNumber is { } serial && units.TryGetValue((facts.AccountId, serial), out var list)
                    ? (IReadOnlyList<CoveredUnit>)list
                    : [];
                verdicts[i] = rules.Evaluate(facts, covered);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<Domain.UserError>().FirstOrDefault() is { } mistake)
        {
            // A reference-data mistake (an unknown SKU or centre) is one line for the user, not a parallel-loop trace.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(mistake);
        }
        return verdicts;
    }

    private static int AppendAll(DuckDBAppender appender, Computed computed, CaseRow[] chunk, SlaVerdict[] verdicts)
    {
        for (var i = 0; i < chunk.Length; i++) computed.Append(appender, chunk[i].RowId, verdicts[i]);
        return chunk.Length;
    }

    /// <summary>
    /// What the rules decided about one case, as appended to the temp table <c>sla_computed</c>: the case's
    /// <c>rowid</c>, numbers, and the repeating texts as codes. A few narrow values per case is all that
    /// crosses from .NET; the case's own columns and the texts are filled in by one <c>INSERT … SELECT</c>
    /// inside DuckDB (appending a string per value costs several times a number).
    /// </summary>
    private sealed class Computed
    {
        public const string Table = """
            CREATE OR REPLACE TEMP TABLE sla_computed (
                case_row BIGINT, excluded_reason INTEGER, priority INTEGER, contract_id VARCHAR, platform INTEGER,
                service_window INTEGER, region INTEGER, support_center INTEGER, after_hours BOOLEAN,
                target_seconds BIGINT, response_seconds BIGINT, response_met BOOLEAN, due_at BIGINT,
                quarter INTEGER, resolution_seconds BIGINT)
            """;

        private readonly TextCodes _excluded = new(), _priority = new(), _platform = new(), _window = new(),
            _region = new(), _centre = new(), _quarter = new();

        public void Append(DuckDBAppender appender, long rowId, SlaVerdict v) =>
            appender.CreateRow()
                .AppendValue(rowId)
                .AppendValue(_excluded.Of(v.ExcludedReason))
                .AppendValue(_priority.Of(v.Priority.Code()))
                .AppendValue(v.Unit?.ContractId)
                .AppendValue(_platform.Of(v.Unit?.Platform))
                .AppendValue(_window.Of(v.Sku?.Window.Code()))
                .AppendValue(_region.Of(v.Centre?.Region))
                .AppendValue(_centre.Of(v.Centre?.Code))
                .AppendValue(v.AfterHours)
                .AppendValue(v.Target is { } t ? (long)t.TotalSeconds : (long?)null)
                .AppendValue(v.IsEligible && v.ResponseElapsed is { } e ? SlaSeconds.RoundedUp(e) : (long?)null)
                .AppendValue(v.IsEligible && v.ResponseElapsed is { } e2 ? e2 <= v.Target : (bool?)null)
                .AppendValue(v.DueAt is { } d ? SlaSeconds.UnixMicroseconds(d) : (long?)null)
                .AppendValue(_quarter.Of(v.Quarter.ToString()))
                .AppendValue(v.Resolution is { } res ? SlaSeconds.RoundedDown(res) : (long?)null)
                .EndRow();

        /// <summary>The INSERT of every appended case into <c>sla_evaluations</c>, joined to its <c>cases</c> row by row id.</summary>
        public string Insert() => $"""
            INSERT INTO sla_evaluations (case_number, account_id, site_id, serial_number, engineer_id, title,
                created_at, first_response_at, resolved_at, excluded_reason, priority, contract_id, platform,
                service_window, region, support_center, after_hours, target_seconds, response_seconds,
                response_met, due_at, quarter, resolution_seconds, evaluated_through)
            SELECT c.case_number, c.account_id, c.site_id, c.serial_number, c.engineer_id, c.title,
                   c.created_at, c.first_response_at, c.resolved_at, {_excluded.Text("s.excluded_reason")},
                   {_priority.Text("s.priority")}, s.contract_id, {_platform.Text("s.platform")},
                   {_window.Text("s.service_window")}, {_region.Text("s.region")}, {_centre.Text("s.support_center")},
                   s.after_hours, s.target_seconds, s.response_seconds, s.response_met, make_timestamp(s.due_at),
                   {_quarter.Text("s.quarter")}, s.resolution_seconds, $w
            FROM sla_computed s JOIN cases c ON c.rowid = s.case_row
            """;
    }

    /// <summary>Numbers the distinct texts of one column from 1 (a handful: priorities, centres, quarters, reasons).</summary>
    private sealed class TextCodes
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        public int? Of(string? text)
        {
            if (text is null) return null;
            if (!_codes.TryGetValue(text, out var code))
            {
                _texts.Add(text);
                _codes[text] = code = _texts.Count;
            }
            return code;
        }

        /// <summary>SQL giving the text of the code in <paramref name="column"/>: a constant list indexed from 1 (NULL stays NULL).</summary>
        public string Text(string column) => _texts.Count == 0
            ? "CAST(NULL AS VARCHAR)"
            : $"[{string.Join(", ", _texts.Select(t => "'" + t.Replace("'", "''", StringComparison.Ordinal) + "'"))}][{column}]";
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
