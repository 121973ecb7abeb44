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
    public static string Select(string source, Prepared prepared) => $"""
        WITH scope AS (
            SELECT rowid AS row_id, case_number, account_id, site_id, serial_number, priority, created_at, first_response_at,
                   resolved_at, exclusion, engineer_id, title
            FROM {source}),
        -- The priority in effect when the clock stops: the latest change at or before the response (every change without one).
        stops AS (
            SELECT c.row_id, arg_max(upper(trim(e.value)), e."at") AS priority
            FROM case_events e JOIN scope c ON c.case_number = e.case_number
            WHERE e.kind = 'priority_changed' AND upper(trim(e.value)) IN ('P1', 'P2', 'P3', 'P4')
              AND (c.first_response_at IS NULL OR e."at" <= c.first_response_at)
            GROUP BY c.row_id),
        -- Customer waits: segment k runs up to the k-th customer_responded; it waits from its first awaiting_customer
        -- (equal instants: awaiting before responded), and the last segment's wait ends at resolution.
        wait_events AS (
            SELECT c.row_id, c.created_at, c.resolved_at, e."at", e.kind,
                   coalesce(count(*) FILTER (WHERE e.kind = 'customer_responded') OVER (PARTITION BY c.row_id
                       ORDER BY e."at", e.kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS segment
            FROM case_events e JOIN scope c ON c.case_number = e.case_number
            WHERE e.kind IN ('awaiting_customer', 'customer_responded') AND c.resolved_at IS NOT NULL),
        waits AS (
            SELECT row_id, any_value(created_at) AS created_at, any_value(resolved_at) AS resolved_at,
                   min("at") FILTER (WHERE kind = 'awaiting_customer') AS since,
                   min("at") FILTER (WHERE kind = 'customer_responded') AS until
            FROM wait_events GROUP BY row_id, segment),
        paused AS (
            SELECT row_id, CAST(sum(greatest(0, epoch_us(least(coalesce(until, resolved_at), resolved_at)) - epoch_us(greatest(since, created_at)))) AS BIGINT) AS us
            FROM waits WHERE since IS NOT NULL GROUP BY row_id),
        facts AS (
            SELECT c.row_id, c.case_number, c.account_id, c.site_id, c.serial_number, c.engineer_id, c.title,
                   c.created_at, c.first_response_at, c.resolved_at,
                   coalesce(s.priority, upper(trim(c.priority))) AS stop_priority, nullif(trim(c.exclusion), '') AS case_exclusion
            FROM scope c LEFT JOIN stops s ON s.row_id = c.row_id),
        -- Rules 2 and 3: the installed-base rows of the serial under the account's contracts, with the local date of
        -- creation in each contract's centre; the covering one wins by entitlement, later start, smaller contract id.
        candidates AS (
            SELECT f.row_id, epoch_us(f.created_at) AS created_us, k.contract_id, k.support_center, k.start_date, k.end_date,
                   u.covered_from, coalesce(u.covered_to, k.end_date) AS unit_end, u.end_of_support, u.gray_market, u.platform,
                   s.service_window, s.around_the_clock, list_contains(s.entitled, f.stop_priority) AS entitles
            FROM facts f
            JOIN installed_base u ON u.serial_number = f.serial_number
            JOIN contracts k ON k.contract_id = u.contract_id AND k.account_id = f.account_id
            JOIN sla_skus s ON s.sku = trim(k.sku)
            WHERE f.case_exclusion IS NULL),
        local AS (
            SELECT *, CAST(make_timestamp(created_us + {prepared.LocalOffsetSql}) AS DATE) AS created_on FROM candidates),
        dated AS (
            SELECT *, created_on BETWEEN start_date AND end_date AND created_on BETWEEN covered_from AND unit_end AS covers FROM local),
        chosen AS (
            SELECT * FROM dated
            QUALIFY row_number() OVER (PARTITION BY row_id ORDER BY covers DESC, entitles DESC, start_date DESC, contract_id) = 1),
        verdicts AS (
            SELECT f.row_id, f.case_number, f.account_id, f.site_id, f.serial_number, f.engineer_id, f.title,
                   f.created_at, f.first_response_at, f.resolved_at, f.stop_priority,
                   w.covers IS NOT DISTINCT FROM true AS covered, w.contract_id, w.support_center AS centre, w.platform,
                   w.service_window, w.around_the_clock, w.created_on,
                   CASE WHEN f.case_exclusion IS NOT NULL THEN f.case_exclusion
                        WHEN w.row_id IS NULL THEN 'unregistered_product'
                        WHEN NOT w.covers THEN 'no_active_contract'
                        WHEN w.end_of_support <= w.created_on THEN 'end_of_support'
                        WHEN w.gray_market THEN 'gray_market'
                        WHEN NOT w.entitles THEN 'priority_not_entitled' END AS excluded_reason
            FROM facts f LEFT JOIN chosen w ON w.row_id = f.row_id),
        targeted AS (
            SELECT v.*, t.target_us FROM verdicts v LEFT JOIN sla_targets t ON t.priority = v.stop_priority),
        -- Rule 7 for 8x5: business time is the centre's cumulative open time at the response minus at creation
        -- (one ASOF join each); the due instant is where the cumulative time reaches creation's plus the target.
        business AS (
            SELECT row_id, centre, created_at, first_response_at, target_us
            FROM targeted WHERE excluded_reason IS NULL AND NOT around_the_clock),
        at_created AS (
            SELECT b.*, coalesce({CumulativeAt("b.created_at")}, 0) AS created_cum,
                   coalesce(b.created_at < h.open_to, false) AS open_at_created
            FROM business b ASOF LEFT JOIN sla_open_hours h ON h.support_center = b.centre AND b.created_at >= h.open_from),
        at_response AS (
            SELECT b.row_id, {CumulativeAt("b.first_response_at")} AS response_cum
            FROM business b ASOF JOIN sla_open_hours h ON h.support_center = b.centre AND b.first_response_at >= h.open_from),
        at_due AS (
            SELECT c.row_id, c.created_cum, c.open_at_created,
                   CASE WHEN c.created_cum + c.target_us < h.open_before + h.open_us
                        THEN h.open_from_us + (c.created_cum + c.target_us - h.open_before) END AS due_us
            FROM at_created c ASOF LEFT JOIN sla_open_hours h ON h.support_center = c.centre AND c.created_cum + c.target_us >= h.open_before),
        timed AS (
            SELECT v.*, d.open_at_created,
                   CASE WHEN v.covered THEN v.created_on ELSE CAST(v.created_at AS DATE) END AS quarter_date,
                   CASE WHEN v.excluded_reason IS NOT NULL OR v.first_response_at IS NULL THEN NULL
                        WHEN v.around_the_clock THEN greatest(0, epoch_us(v.first_response_at) - epoch_us(v.created_at))
                        ELSE greatest(0, coalesce(r.response_cum, 0) - d.created_cum) END AS elapsed_us,
                   CASE WHEN v.excluded_reason IS NOT NULL THEN NULL
                        WHEN v.around_the_clock THEN epoch_us(v.created_at) + v.target_us
                        ELSE d.due_us END AS due_us
            FROM targeted v
            LEFT JOIN at_due d ON d.row_id = v.row_id
            LEFT JOIN at_response r ON r.row_id = v.row_id)
        SELECT t.case_number, t.account_id, t.site_id, t.serial_number, t.engineer_id, t.title,
               t.created_at, t.first_response_at, t.resolved_at, t.excluded_reason, t.stop_priority AS priority,
               CASE WHEN t.covered THEN t.contract_id END AS contract_id,
               CASE WHEN t.covered THEN t.platform END AS platform,
               CASE WHEN t.covered THEN t.service_window END AS service_window,
               CASE WHEN t.covered THEN r.region END AS region,
               CASE WHEN t.covered THEN t.centre END AS support_center,
               coalesce(NOT t.open_at_created, false) AS after_hours,
               CASE WHEN t.excluded_reason IS NULL THEN t.target_us // 1000000 END AS target_seconds,
               (t.elapsed_us + 999999) // 1000000 AS response_seconds,
               t.elapsed_us <= t.target_us AS response_met,
               make_timestamp(t.due_us) AS due_at,
               year(t.quarter_date) || 'Q' || quarter(t.quarter_date) AS quarter,
               CASE WHEN t.resolved_at IS NOT NULL
                    THEN (greatest(0, epoch_us(t.resolved_at) - epoch_us(t.created_at)) - coalesce(p.us, 0)) // 1000000 END AS resolution_seconds,
               $w AS evaluated_through
        FROM timed t
        LEFT JOIN sla_centres r ON r.support_center = t.centre
        LEFT JOIN paused p ON p.row_id = t.row_id
        """;

    // Open time of the centre up to the instant, from the last open interval h starting at or before it (ASOF).
    private static string CumulativeAt(string instant) => $"h.open_before + least(epoch_us({instant}) - h.open_from_us, h.open_us)";

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
