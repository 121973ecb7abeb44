-- Installed-base units per support centre of the site, platform and Monday from $first to $last: a unit counts in a
-- week when it is covered on the week's Monday. A site's centre is that of its latest-starting contract.
WITH
{{site_centre}},
weeks AS (SELECT CAST(unnest(generate_series($first, $last, INTERVAL 7 DAY)) AS DATE) AS monday)
SELECT sc.support_center, ib.platform, w.monday, count(DISTINCT ib.serial_number)
FROM installed_base ib
JOIN contracts k ON k.contract_id = ib.contract_id
JOIN weeks w ON ib.covered_from <= w.monday AND w.monday <= coalesce(ib.covered_to, k.end_date)
LEFT JOIN site_centre sc ON sc.site_id = k.site_id
GROUP BY ALL
