using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.Tests.ReviewPack;

/// <summary>
/// Two accounts in 2026Q1, small enough to compute by hand. A1 "Acme Networks" has a 24x7 contract
/// (K1, Sunnyvale) and an 8x5 one (K2, Herndon) with nine cases in the quarter and three earlier;
/// A2 "Quiet Co" has a contract and no case at all.
/// </summary>
/// <remarks>
/// 2026Q1 of A1, hand-computed: eligible 7 (met 5: C-101, C-103, C-104, C-201, C-202; breached 2: C-102
/// 20 min on a P1, C-107 never answered) → 71.43 %; P1 50.00 %, P2 50.00 %, P3 100.00 %, P4 100.00 %;
/// excluded C-105 (gray market SN-G1) and C-106 (unregistered SN-X9); C-107 (P2) still open at quarter end;
/// 8x5: C-201 in hours, C-202 on a Saturday → 1 of 2 after hours; SN-R1 reaches end of support on
/// 2026-09-30, 182 days after 2026-04-01; engineers over the last four quarters: Ada 7 cases, Grace 5.
/// </remarks>
public static class ReviewPackScenario
{
    public static readonly Quarter Quarter = new(2026, 1);
    public static readonly Instant AsOf = Instant.FromUtc(2026, 4, 15, 0, 0);

    /// <summary>As <c>fts run</c> makes packs: the forecast is trained for the quarter's end when no saved model is current.</summary>
    public static readonly Reports.ReviewPack.ReviewPackOptions Options =
        new() { Forecast = new Forecast.ForecastOptions { Training = Forecast.ModelTraining.WhenStale } };

    private static DateTime Utc(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public static TempWarehouse Create()
    {
        var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1", name: "Acme Networks", serviceManager: "sam.ruiz@vendor.example")
            .Account("A2", name: "Quiet Co", country: "NL", serviceManager: null)
            .Site("S1", "A1").Site("S2", "A1", primaryContact: null).Site("S3", "A2", country: "NL")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-24x7", centre: "SUNNYVALE", start: "2025-01-01", end: "2026-12-31")
            .Contract("K2", "A1", "S2", sku: "SVC-FTS-BD", centre: "HERNDON", start: "2025-07-01", end: "2027-06-30")
            .Contract("K3", "A2", "S3", sku: "SVC-JCP-FTS-BD", centre: "SCHIPHOL_RIJK", start: "2026-01-01", end: "2026-12-31")
            .Unit("SN-R1", "K1", "2025-01-01", model: "MX204", platform: "Routing", endOfSupport: "2026-09-30")
            .Unit("SN-S1", "K1", "2025-01-01", model: "EX4300", platform: "Switching")
            .Unit("SN-G1", "K1", "2025-01-01", model: "SRX345", platform: "Security", grayMarket: true)
            // Added on 2026-02-15 in K1's second year (2026): 3,650.00 × 320 / 365 days = 3,200.00 at the year's true-up.
            .Unit("SN-N1", "K1", "2026-02-15", annualFee: 3650m, model: "ACX7100", platform: "Routing")
            .Unit("SN-B1", "K2", "2025-07-01", model: "MX480", platform: "Routing", endOfSupport: "2028-01-31")
            .Unit("SN-Q1", "K3", "2026-01-01", model: "QFX5120", platform: "Switching", endOfSupport: "2027-03-31")
            .Representative("A1", "one@acme.example")
            .Engineer("E1", "SUNNYVALE", name: "Ada Lovelace")
            .Engineer("E2", "HERNDON", name: "Grace Hopper")
            // 2026Q1 on the 24x7 contract (P1 15 min, P2 30 min, P3 2 h).
            .Case("C-101", "A1", "S1", "SN-R1", "P1", Utc(2, 2, 10), Utc(2, 2, 10, 10), Utc(2, 2, 14), engineer: "E1", title: "BGP session flaps on core router")
            .Case("C-102", "A1", "S1", "SN-R1", "P1", Utc(2, 3, 10), Utc(2, 3, 10, 20), Utc(2, 4, 10), engineer: "E1", title: "Line card reload")
            .Case("C-103", "A1", "S1", "SN-S1", "P2", Utc(2, 10, 8), Utc(2, 10, 8, 29), Utc(2, 10, 20), engineer: "E2", title: "Spanning tree loop")
            .Case("C-104", "A1", "S1", "SN-S1", "P3", Utc(3, 5, 12), Utc(3, 5, 13), engineer: "E1", title: "Firmware question")
            .Case("C-105", "A1", "S1", "SN-G1", "P2", Utc(3, 10, 9), Utc(3, 10, 9, 5), Utc(3, 11, 9), engineer: "E1", title: "Firewall policy push fails")
            .Case("C-106", "A1", "S1", "SN-X9", "P1", Utc(3, 12, 9), Utc(3, 12, 9, 5), Utc(3, 12, 12), engineer: "E2", title: "Unknown chassis down")
            .Case("C-107", "A1", "S1", "SN-S1", "P2", Utc(3, 30, 10), engineer: "E1", title: "Switch stack split")
            // 2026Q1 on the 8x5 contract in Herndon (EST, UTC-5): Tuesday 10:00 local, then a Saturday.
            .Case("C-201", "A1", "S2", "SN-B1", "P3", Utc(1, 13, 15), Utc(1, 13, 16), Utc(1, 13, 18), engineer: "E2", title: "Config review")
            .Case("C-202", "A1", "S2", "SN-B1", "P4", Utc(1, 17, 15), Utc(1, 19, 16), Utc(1, 20, 12), engineer: "E2", title: "Licence question")
            // Earlier quarters, for the trend and the designated engineers.
            .Case("C-001", "A1", "S1", "SN-R1", "P1", Utc(11, 3, 10, year: 2025), Utc(11, 3, 10, 5, year: 2025), Utc(11, 3, 12, year: 2025), engineer: "E1")
            .Case("C-002", "A1", "S1", "SN-S1", "P2", Utc(11, 4, 10, year: 2025), Utc(11, 4, 11, year: 2025), Utc(11, 4, 15, year: 2025), engineer: "E1")
            .Case("C-000", "A1", "S1", "SN-R1", "P1", Utc(8, 5, 10, year: 2025), Utc(8, 5, 10, 5, year: 2025), Utc(8, 5, 11, year: 2025), engineer: "E2");
        Finding(temp, "representatives_out_of_range", "A1", "A1", "account A1 has 1 representative (expected 2 to 6)");
        Finding(temp, "site_without_primary_contact", "S2", "A1", "site S2 has no primary contact e-mail");
        Finding(temp, "case_on_unregistered_serial", "C-106", "A1", "case C-106 is on serial SN-X9, not in the installed base of account A1");
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);
        return temp;
    }

    /// <summary>Ingest fills compliance_findings; these tests seed it directly, as ingest would.</summary>
    public static void Finding(TempWarehouse temp, string kind, string subject, string account, string detail)
    {
        using var c = temp.Warehouse.Connect();
        c.Insert("compliance_findings", ("kind", kind), ("subject", subject), ("account_id", account), ("detail", detail), ("batch_id", 0L));
    }
}

/// <summary>The scenario built once per test class (seeding and SLA refresh are the slow part), with both packs rendered.</summary>
public sealed class ReviewPackScenarioFixture : IDisposable
{
    public ReviewPackScenarioFixture()
    {
        Temp = ReviewPackScenario.Create();
        A1 = Render("A1");
        A2 = Render("A2");
    }

    public Store.Tests.Support.TempWarehouse Temp { get; }
    public byte[] A1 { get; }
    public byte[] A2 { get; }

    public byte[] Render(string account)
    {
        using var output = new MemoryStream();
        Reports.ReviewPack.ReviewPacks.Write(Temp.Warehouse, ReferenceData.BuiltIn, account, ReviewPackScenario.Quarter, ReviewPackScenario.AsOf, output, ReviewPackScenario.Options);
        return output.ToArray();
    }

    public Reports.ReviewPack.ReviewPackModel Model(string account) =>
        Reports.ReviewPack.ReviewPacks.Build(Temp.Warehouse, ReferenceData.BuiltIn, account, ReviewPackScenario.Quarter, ReviewPackScenario.AsOf, ReviewPackScenario.Options);

    public void Dispose() => Temp.Dispose();
}
