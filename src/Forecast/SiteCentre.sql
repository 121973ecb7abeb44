-- A site's region is the centre of its contract with the latest start (ties: smaller contract id): a CTE of CaseCounts.sql and CoveredUnits.sql.
site_centre AS (
    SELECT site_id, support_center FROM (
        SELECT site_id, support_center,
               row_number() OVER (PARTITION BY site_id ORDER BY start_date DESC, contract_id) AS rn
        FROM contracts) WHERE rn = 1)
