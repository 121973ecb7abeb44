-- Installed-base units per support centre of the site, platform and Monday from $first to $last: a unit counts in a
-- week when it is covered on the week's Monday, once however many of its rows cover it. A site's centre is that of
-- its latest-starting contract.
-- Week numbers instead of a row per unit and week (135k units × 150 weeks made 20M rows and 1.3 GB): each row covers
-- a range of weeks, a serial's overlapping ranges in one group merge, and a running sum of where ranges start and end
-- counts the units of each week.
WITH
{{site_centre}},
spans AS (
    -- Week i is the Monday $first + 7i: the first Monday on or after covered_from to the last on or before the end.
    SELECT sc.support_center AS centre, ib.platform, ib.serial_number,
           greatest(0, CAST(ceil(date_diff('day', $first, ib.covered_from) / 7.0) AS BIGINT)) AS s,
           least(date_diff('day', $first, $last) // 7,
                 CAST(floor(date_diff('day', $first, coalesce(ib.covered_to, k.end_date)) / 7.0) AS BIGINT)) AS e
    FROM installed_base ib
    JOIN contracts k ON k.contract_id = ib.contract_id
    LEFT JOIN site_centre sc ON sc.site_id = k.site_id),
reached AS (
    SELECT *, max(e) OVER (PARTITION BY centre, platform, serial_number ORDER BY s, e
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
    FROM spans WHERE s <= e),
islands AS (
    SELECT centre, platform, serial_number, s, e,
           sum(CASE WHEN reach IS NULL OR s > reach THEN 1 ELSE 0 END)
               OVER (PARTITION BY centre, platform, serial_number ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island
    FROM reached),
merged AS (
    SELECT centre, platform, min(s) AS s, max(e) AS e FROM islands GROUP BY centre, platform, serial_number, island),
steps AS (
    SELECT centre, platform, i, sum(d) AS d FROM (
        SELECT centre, platform, s AS i, 1 AS d FROM merged
        UNION ALL
        SELECT centre, platform, e + 1 AS i, -1 AS d FROM merged)
    GROUP BY ALL),
running AS (
    SELECT centre, platform, i,
           lead(i) OVER (PARTITION BY centre, platform ORDER BY i) AS next_i,
           sum(d) OVER (PARTITION BY centre, platform ORDER BY i ROWS UNBOUNDED PRECEDING) AS units
    FROM steps),
weeks AS (
    -- Every range ends with a step down, so a positive count always has a next step.
    SELECT centre, platform, unnest(range(i, next_i)) AS week, units FROM running WHERE units > 0)
SELECT centre, platform, CAST($first + CAST(7 * week AS INTEGER) AS DATE), CAST(units AS BIGINT)
FROM weeks
