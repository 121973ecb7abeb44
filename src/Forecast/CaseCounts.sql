-- Accepted cases created before $end ({{only}}: empty, or more conditions on the case k) per support centre of the site, platform of
-- the serial, ISO week and priority ({{by}}: empty, or ', k.account_id' to count each account's apart).
-- A site's region is the centre of its contract with the latest start (ties: smaller contract id); a serial's platform
-- is that of its installed-base row under the latest-starting contract; a serial without one counts as {{unknown}}.
WITH
{{site_centre}},
serial_platform AS (
    SELECT serial_number, platform FROM (
        SELECT ib.serial_number, ib.platform,
               row_number() OVER (PARTITION BY ib.serial_number ORDER BY k.start_date DESC NULLS LAST, ib.contract_id) AS rn
        FROM installed_base ib LEFT JOIN contracts k ON k.contract_id = ib.contract_id) WHERE rn = 1)
SELECT sc.support_center, coalesce(sp.platform, '{{unknown}}'), CAST(date_trunc('week', k.created_at) AS DATE), k.priority, count(*){{by}}
FROM cases k
LEFT JOIN site_centre sc ON sc.site_id = k.site_id
LEFT JOIN serial_platform sp ON sp.serial_number = k.serial_number
WHERE k.created_at < $end {{only}}
GROUP BY ALL
