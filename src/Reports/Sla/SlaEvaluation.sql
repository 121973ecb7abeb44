-- The first-response SLA rules of Domain/Sla/SlaRules.cs as one set-based query (see SlaEvaluation.cs):
-- every sla_evaluations column, in the table's order, for the cases in {{source}} (cases, or a temp table
-- with its columns). {{local_offset}} is the centre's UTC offset in microseconds at created_us, written by
-- SlaEvaluation.LocalOffset; $w is the batch watermark stored as evaluated_through. Rows are keyed by the
-- source's rowid. The exclusion reasons below are the codes of Domain's ExclusionReasons.All (a test checks them).
WITH scope AS (
    SELECT rowid AS row_id, case_number, account_id, site_id, serial_number, priority, created_at, first_response_at,
           resolved_at, exclusion, engineer_id, title
    FROM {{source}}),
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
    SELECT *, CAST(make_timestamp(created_us + {{local_offset}}) AS DATE) AS created_on FROM candidates),
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
    SELECT b.*, coalesce(h.open_before + least(epoch_us(b.created_at) - h.open_from_us, h.open_us), 0) AS created_cum,
           coalesce(b.created_at < h.open_to, false) AS open_at_created
    FROM business b ASOF LEFT JOIN sla_open_hours h ON h.support_center = b.centre AND b.created_at >= h.open_from),
at_response AS (
    SELECT b.row_id, h.open_before + least(epoch_us(b.first_response_at) - h.open_from_us, h.open_us) AS response_cum
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
