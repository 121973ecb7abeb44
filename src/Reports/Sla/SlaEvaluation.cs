using System.Globalization;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.Sla;

/// <summary>
/// The first-response SLA rules of <see cref="Domain.Sla.SlaRules"/> as one set-based DuckDB query, so a
/// million cases are evaluated inside the database instead of crossing to .NET and back row by row.
/// </summary>
/// <remarks>
/// <para>The calendars stay in .NET (NodaTime is the one source of zones and opening hours): for the span
/// the cases need, each centre's open intervals go into a temp table with the open time before each
/// (<c>sla_open_hours</c>). Business time from A to B is then cumulative(B) − cumulative(A), one ASOF join
/// each; the due instant is the ASOF join on the cumulative column. The local date of an instant adds the
/// zone's offset, written into the query as a <c>CASE</c> over the zone's offset changes in the span.</para>
/// <para><see cref="Domain.Sla.SlaRules"/> stays the reference: the tests compare this query with it case by
/// case on generated data. Keep the two in step; the rule order and every tie-break are written in both.</para>
/// </remarks>
internal static class SlaEvaluation
{
    // Due instants are looked up this far past the latest instant of the cases: far beyond any response target.
    private static readonly Duration DueHorizon = Duration.FromDays(400);

    /// <summary>
    /// Writes the reference tables the query reads for the cases in <paramref name="source"/> (see
    /// <see cref="Select"/>); null when it holds no case.
    /// </summary>
    /// <exception cref="Domain.UserError">A contract names a SKU or support centre the reference data lacks.</exception>
    public static Prepared? Prepare(WarehouseConnection connection, ReferenceData reference,
        IReadOnlyDictionary<string, BusinessCalendar> calendars, string source)
    {
        if (Span(connection, source) is not { } span) return null;

        // A misjudged small input turns an ASOF join into a nested loop: a million cases against every open interval.
        connection.Execute("SET asof_loop_join_threshold = 0");
        connection.Execute("""
            CREATE OR REPLACE TEMP TABLE sla_skus (sku VARCHAR, service_window VARCHAR, around_the_clock BOOLEAN, entitled VARCHAR[]);
            CREATE OR REPLACE TEMP TABLE sla_targets (priority VARCHAR, target_us BIGINT);
            CREATE OR REPLACE TEMP TABLE sla_centres (support_center VARCHAR, region VARCHAR);
            CREATE OR REPLACE TEMP TABLE sla_open_hours (support_center VARCHAR, open_from TIMESTAMP, open_from_us BIGINT,
                open_to TIMESTAMP, open_us BIGINT, open_before BIGINT);
            """);
        using (var a = connection.Appender("sla_skus"))
            foreach (var s in reference.Skus.Values)
                a.Row().Add(s.Code).Add(s.Window.Code()).Add(s.Window == ServiceWindow.AroundTheClock)
                    .Add(s.Entitled.Select(p => p.Code()).ToList()).End();
        using (var a = connection.Appender("sla_targets"))
            foreach (var (priority, seconds) in reference.TargetSeconds)
                a.Row().Add(priority.Code()).Add(seconds * 1_000_000L).End();
        using (var a = connection.Appender("sla_centres"))
            foreach (var c in reference.Centres.Values)
                a.Row().Add(c.Code).Add(c.Region).End();

        CheckContracts(connection);

        using (var hours = connection.Appender("sla_open_hours"))
        {
            foreach (var (code, calendar) in calendars)
            {
                long before = 0;
                foreach (var open in calendar.OpenIntervals(span.From - Duration.FromDays(2), span.To + DueHorizon))
                {
                    var from = SlaSeconds.UnixMicroseconds(open.Start);
                    var length = SlaSeconds.UnixMicroseconds(open.End) - from;
                    hours.Row().Add(code).Add(open.Start).Add(from).Add(open.End).Add(length).Add(before).End();
                    before += length;
                }
            }
        }
        return new Prepared(LocalOffset(calendars, span));
    }

    /// <summary>What <see cref="Select"/> needs from <see cref="Prepare"/> besides its tables.</summary>
    /// <param name="LocalOffsetSql">SQL of a centre's UTC offset in microseconds at <c>created_at</c> (see <see cref="LocalOffset"/>).</param>
    public sealed record Prepared(string LocalOffsetSql);

    /// <summary>
    /// The UTC offset of <c>support_center</c>'s zone at <c>created_at</c>, in microseconds, as one SQL <c>CASE</c> over
    /// the zone's offset changes in the cases' span (a handful a year): arithmetic per row, no join.
    /// </summary>
    private static string LocalOffset(IReadOnlyDictionary<string, BusinessCalendar> calendars, CaseSpan span)
    {
        var sql = new System.Text.StringBuilder("CASE support_center");
        foreach (var (code, calendar) in calendars.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            sql.Append(" WHEN '").Append(code.Replace("'", "''", StringComparison.Ordinal)).Append("' THEN ");
            var intervals = calendar.Zone.GetZoneIntervals(span.From - Duration.FromDays(2), span.LatestCreated + Duration.FromDays(2)).ToList();
            if (intervals.Count > 1) sql.Append("CASE");
            for (var i = 0; i < intervals.Count - 1; i++)
                sql.Append(CultureInfo.InvariantCulture, $" WHEN created_us < {SlaSeconds.UnixMicroseconds(intervals[i].End)} THEN {intervals[i].WallOffset.Ticks / 10}");
            if (intervals.Count > 1) sql.Append(" ELSE");
            sql.Append(CultureInfo.InvariantCulture, $" {intervals[^1].WallOffset.Ticks / 10}");
            if (intervals.Count > 1) sql.Append(" END");
        }
        return sql.Append(" END").ToString();
    }

    /// <summary>The <c>sla_evaluations</c> columns <see cref="Select"/> returns, in its order.</summary>
    public const string Columns =
        "case_number, account_id, site_id, serial_number, engineer_id, title, created_at, first_response_at, resolved_at, excluded_reason, " +
        "priority, contract_id, platform, service_window, region, support_center, after_hours, target_seconds, response_seconds, " +
        "response_met, due_at, quarter, resolution_seconds, evaluated_through";

    /// <summary>
    /// The SELECT of every <c>sla_evaluations</c> column for the cases in <paramref name="source"/> (<c>cases</c>, or
    /// a temp table with its columns holding the cases to re-evaluate), in the table's column order; <c>$w</c> is
    /// the batch watermark stored as <c>evaluated_through</c>.
    /// </summary>
    /// <remarks>
    /// Rows are keyed by the source's <c>rowid</c>. The case's own columns ride along the hash joins (cheap) but not
    /// into the ranking and ASOF joins, which sort their rows and get only the few columns they need.
    /// </remarks>
    public static string Select(string source, Prepared prepared) =>
        EmbeddedSql.Text(typeof(SlaEvaluation), "SlaEvaluation.sql", ("source", source), ("local_offset", prepared.LocalOffsetSql));

    /// <summary>Drops the reference tables <see cref="Prepare"/> wrote.</summary>
    public static void Clean(WarehouseConnection connection) => connection.Execute("""
        DROP TABLE IF EXISTS sla_skus; DROP TABLE IF EXISTS sla_targets; DROP TABLE IF EXISTS sla_centres;
        DROP TABLE IF EXISTS sla_open_hours;
        """);

    private sealed record CaseSpan(Instant From, Instant LatestCreated, Instant To);

    // The instants the calendar tables must reach: the earliest creation, the latest creation, the latest of any instant.
    private static CaseSpan? Span(WarehouseConnection connection, string source) =>
        connection.Query($"SELECT min(created_at), max(created_at), max(greatest(created_at, first_response_at)) FROM {source}",
            r => r.IsNull(0) ? null : new CaseSpan(r.Instant(0), r.Instant(1), r.Instant(2))).FirstOrDefault();

    // A reference-data change can leave a stored contract with a SKU or centre the configuration no longer has.
    private static void CheckContracts(WarehouseConnection connection)
    {
        var problem = connection.Query("""
            SELECT k.contract_id, k.sku, k.support_center, s.sku IS NULL FROM contracts k
            LEFT JOIN sla_skus s ON s.sku = trim(k.sku) LEFT JOIN sla_centres c ON c.support_center = k.support_center
            WHERE s.sku IS NULL OR c.support_center IS NULL
            ORDER BY k.contract_id LIMIT 1
            """, r => r.Bool(3)
                ? $"contract {r.Text(0)}: SKU '{r.Text(1)}' is not in the reference data"
                : $"support centre '{r.Text(2)}' of a contract is not in the reference data").FirstOrDefault();
        if (problem is not null) throw new Domain.UserError(problem);
    }
}
