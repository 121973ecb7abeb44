using JuniperFts.Store;

namespace JuniperFts.Bench.Sla;

/// <summary>
/// Fills the input tables with a deterministic, realistic-looking load straight in DuckDB SQL:
/// one account per 200 cases, two overlapping contracts per account (so the tie-break runs), 20 serials
/// each, holidays for every centre, priority changes on 5% of cases and customer waits on 10%.
/// </summary>
internal static class Generator
{
    public static void Fill(Warehouse warehouse, int cases)
    {
        var accounts = Math.Max(1, cases / 200);
        using var c = warehouse.Connect();
        c.Execute($"""
            SELECT setseed(0.42);
            CREATE TEMP TABLE centre_list AS SELECT * FROM (VALUES
                (0, 'SUNNYVALE'), (1, 'HERNDON'), (2, 'SCHIPHOL_RIJK'), (3, 'SINGAPORE'), (4, 'TOKYO'), (5, 'SYDNEY'), (6, 'BANGALORE')) t(n, code);
            CREATE TEMP TABLE sku_list AS SELECT * FROM (VALUES
                (0, 'SVC-FTS-BD'), (1, 'PAR-FTS-BD'), (2, 'SVC-FTS-24x7'), (3, 'PAR-FTS-24x7'),
                (4, 'SVC-JCP-FTS-BD'), (5, 'SVC-JCP-FTS-24x7')) t(n, code);

            INSERT INTO accounts SELECT 'A' || i, 'Account ' || i, 'US', 'sm@vendor.example', 1 FROM range({accounts}) t(i);
            INSERT INTO sites SELECT 'S' || i, 'A' || i, 'Site ' || i, 'US', 'ops@example.com', 1 FROM range({accounts}) t(i);
            -- Contract a: 2024-2027 on one SKU; contract b: 2025-07..2026-12 on another, same centre.
            INSERT INTO contracts
            SELECT 'K' || i || 'a', 'A' || i, 'S' || i, s.code, ce.code, DATE '2024-01-01', DATE '2027-12-31', 'USD', false, 1
            FROM range({accounts}) t(i) JOIN sku_list s ON s.n = i % 6 JOIN centre_list ce ON ce.n = i % 7;
            INSERT INTO contracts
            SELECT 'K' || i || 'b', 'A' || i, 'S' || i, s.code, ce.code, DATE '2025-07-01', DATE '2026-12-31', 'USD', false, 1
            FROM range({accounts}) t(i) JOIN sku_list s ON s.n = (i + 3) % 6 JOIN centre_list ce ON ce.n = i % 7;
            INSERT INTO installed_base
            SELECT 'SN' || i || '-' || j, 'K' || i || 'a', 'MX204', ['Routing','Switching','Security','Software'][1 + (j % 4)],
                   DATE '2024-01-01', NULL, 1000, CASE WHEN j = 19 THEN DATE '2025-06-30' END, j = 18, 1
            FROM range({accounts}) t(i), range(20) u(j);
            INSERT INTO installed_base
            SELECT 'SN' || i || '-' || j, 'K' || i || 'b', 'MX204', ['Routing','Switching','Security','Software'][1 + (j % 4)],
                   DATE '2025-07-01', NULL, 1000, NULL, false, 1
            FROM range({accounts}) t(i), range(10) u(j);
            INSERT INTO holidays
            SELECT code, d::DATE, 'Holiday', 1 FROM centre_list,
                   (VALUES (DATE '2025-01-01'), (DATE '2025-05-26'), (DATE '2025-07-04'), (DATE '2025-12-25'),
                           (DATE '2026-01-01'), (DATE '2026-05-25'), (DATE '2026-07-03'), (DATE '2026-12-25')) h(d);

            INSERT INTO cases
            SELECT 'CS' || lpad(i::VARCHAR, 8, '0'), 'A' || a, 'S' || a,
                   CASE WHEN random() < 0.03 THEN 'SNX' || i ELSE 'SN' || a || '-' || (i * 7 % 20) END,
                   'P' || (1 + i % 4), created,
                   CASE WHEN random() < 0.02 THEN NULL ELSE created + to_seconds((random() * random() * 6 * 3600)::BIGINT) END,
                   CASE WHEN random() < 0.1 THEN NULL ELSE created + to_seconds((random() * 10 * 86400)::BIGINT) END,
                   CASE WHEN random() < 0.01 THEN 'third_party' END, 'E' || (i % 300), 'Case ' || i, 1
            FROM (SELECT i, (i * 7919) % {accounts} AS a,
                         TIMESTAMP '2025-01-01' + to_seconds((random() * 2 * 365 * 86400)::BIGINT) AS created
                  FROM range({cases}) t(i));

            INSERT INTO case_events
            SELECT case_number, created_at + INTERVAL 5 MINUTE, 'priority_changed', 'P' || (1 + (hash(case_number) % 4)), 1
            FROM cases WHERE hash(case_number) % 20 = 0;
            INSERT INTO case_events
            SELECT case_number, created_at + INTERVAL 2 HOUR, 'awaiting_customer', NULL, 1
            FROM cases WHERE hash(case_number) % 10 = 1;
            INSERT INTO case_events
            SELECT case_number, created_at + INTERVAL 26 HOUR, 'customer_responded', NULL, 1
            FROM cases WHERE hash(case_number) % 10 = 1;
            """);
    }
}
