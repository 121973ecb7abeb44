using JuniperFts.Store;

namespace JuniperFts.Bench.Excel;

/// <summary>
/// A synthetic estate written straight into the input tables with DuckDB's generate_series:
/// accounts with one contract each over every SKU and centre, five units per contract, engineers,
/// and cases spread evenly over three years (2024–2026) with realistic response times.
/// </summary>
internal static class Dataset
{
    public static void Generate(Warehouse warehouse, int cases, int accounts)
    {
        using var c = warehouse.Connect();
        string[] skus = ["SVC-FTS-24x7", "PAR-FTS-24x7", "SVC-FTS-BD", "PAR-FTS-BD", "SVC-JCP-FTS-BD", "SVC-JCP-FTS-24x7"];
        string[] centres = ["SUNNYVALE", "HERNDON", "SCHIPHOL_RIJK", "SINGAPORE", "TOKYO", "SYDNEY", "BANGALORE"];
        string Pick(string[] values, string index) =>
            "(['" + string.Join("','", values) + $"'])[1 + ({index}) % {values.Length}]";

        c.Execute($"""
            INSERT INTO accounts SELECT printf('A-%05d', i), 'Account ' || i, 'US', 'sm@vendor.example', 0 FROM generate_series(1, {accounts}) t(i);
            INSERT INTO sites SELECT printf('S-%05d', i), printf('A-%05d', i), 'Site ' || i, 'US', 'ops@example.com', 0 FROM generate_series(1, {accounts}) t(i);
            INSERT INTO contracts SELECT printf('K-%05d', i), printf('A-%05d', i), printf('S-%05d', i), {Pick(skus, "i")}, {Pick(centres, "i // 3")},
                DATE '2023-06-01', DATE '2027-05-31', 'USD', false, 0 FROM generate_series(1, {accounts}) t(i);
            INSERT INTO installed_base SELECT printf('SN-%05d-%d', i, k), printf('K-%05d', i), 'MX204', (['Routing','Switching','Security','Software'])[1 + (i + k) % 4],
                DATE '2023-06-01', NULL, 1000, NULL, (i * 7 + k) % 97 = 0, 0 FROM generate_series(1, {accounts}) t(i), generate_series(0, 4) u(k);
            INSERT INTO engineers SELECT printf('E-%04d', i), 'Engineer ' || i, printf('e%04d@vendor.example', i), {Pick(centres, "i")}, 'Routing;Switching', 0
                FROM generate_series(1, 400) t(i);
            INSERT INTO cases
            SELECT printf('C-%08d', i), printf('A-%05d', a), printf('S-%05d', a), printf('SN-%05d-%d', a, i % 5),
                   p, created,
                   CASE WHEN i % 211 = 0 THEN NULL ELSE created + to_seconds(respond) END,
                   CASE WHEN i % 211 = 0 THEN NULL ELSE created + to_seconds(respond + 3600 * (1 + i % 47)) END,
                   CASE WHEN i % 53 = 0 THEN 'maintenance_window' WHEN i % 89 = 0 THEN 'third_party' END,
                   printf('E-%04d', 1 + (i * 13) % 400),
                   CASE WHEN i % 1000 = 0 THEN '=HYPERLINK("http://x.example")' ELSE 'Router ' || i || ' drops BGP sessions after upgrade' END,
                   0
            FROM (
                SELECT i, 1 + (i * 7919) % {accounts} AS a,
                       (['P1','P2','P3','P4'])[1 + (i * 31) % 4] AS p,
                       TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(i AS BIGINT) * 94608000 // {cases}) AS created,
                       -- Wall-clock response of 0.2 to 1.7 times the priority's target, over it for about one case in seven.
                       CAST(([900, 1800, 7200, 14400])[1 + (i * 31) % 4] * (0.2 + 1.5 * pow(((i * 2654435761) % 1000) / 1000.0, 4)) AS BIGINT) AS respond
                FROM generate_series(1, {cases}) t(i));
            """);
    }
}
