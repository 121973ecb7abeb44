-- A site's region is the centre of its contract with the latest start (ties: smaller contract id); its SKU gives the window.
-- A CTE of CaseCounts.sql, CoveredUnits.sql and ArrivalHistoryQuery.
site_centre AS (
    SELECT site_id, support_center, sku FROM (
        SELECT site_id, support_center, sku,
               row_number() OVER (PARTITION BY site_id ORDER BY start_date DESC, contract_id) AS rn
        FROM contracts) WHERE rn = 1)
