using JuniperFts.Store.Tests.Support;
using NodaTime;

namespace JuniperFts.Reports.Tests.TrueUp;

/// <summary>The contracts of the true-up tests, seeded into a real warehouse.</summary>
internal static class TrueUpData
{
    /// <summary>
    /// C-1001 (USD, 2024-04-01..2027-03-31, three years) whose year 2 is cli.md's example: 12 baseline units
    /// (48000.00), JN1234 added 2025-09-15 (3000 × 198/365 = 1627.40), JN9 removed 2025-12-31, 13 units (51000.00) next year.
    /// </summary>
    public static Seed CliExample(this TempWarehouse temp)
    {
        var seed = temp.Seed();
        seed.Account("A-1", name: "Acme Networks").Site("S-1", "A-1")
            .Contract("C-1001", "A-1", "S-1", sku: "SVC-FTS-24x7", start: "2024-04-01", end: "2027-03-31", currency: "USD");
        // JN0001..JN0011 in one statement: a connection per row would make the test slow.
        temp.Execute(
                "INSERT INTO installed_base (serial_number, contract_id, model, platform, covered_from, covered_to, annual_fee, end_of_support, gray_market, batch_id)" +
                "SELECT 'JN' || lpad(CAST(i AS VARCHAR), 4, '0'), 'C-1001', 'MX204', 'Routing', " +
                "DATE '2024-04-01', NULL, 4000, NULL, false, 0 FROM range(1, 12) t(i)");
        return seed.Unit("JN9", "C-1001", "2024-04-01", "2025-12-31", annualFee: 4000m, model: "EX4300")
            .Unit("JN1234", "C-1001", "2025-09-15", annualFee: 3000m, model: "MX204")
            .Unit("JN2000", "C-1001", "2026-04-01", annualFee: 4000m, model: "MX204");
    }

    /// <summary>
    /// C-2002 (EUR, co-termed, 2025-05-15..2025-12-31): EU-1 baseline 2000.00; EU-2 added 2025-10-01,
    /// 2025-10-01..2025-12-31 = 92 days, 3650 × 92 / 365 = 920.00.
    /// </summary>
    public static Seed EuroCoTerm(this Seed seed) =>
        seed.Account("A-2", name: "Rhein Daten GmbH", country: "DE").Site("S-2", "A-2", country: "DE")
            .Contract("C-2002", "A-2", "S-2", sku: "SVC-FTS-BD", centre: "SCHIPHOL_RIJK", start: "2025-05-15", end: "2025-12-31", currency: "EUR", coTerm: true)
            .Unit("EU-1", "C-2002", "2025-05-15", annualFee: 2000m, model: "SRX345", platform: "Security")
            .Unit("EU-2", "C-2002", "2025-10-01", annualFee: 3650m, model: "SRX345", platform: "Security");
}
