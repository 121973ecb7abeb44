using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.Tests.Sla;

public class SlaExplanationTests
{
    private static readonly Instant AsOf = Instant.FromUtc(2026, 3, 10, 0, 0);

    // Two contracts cover SN1: K1 (24x7, P1-P2 only, later start) and K2 (8x5, every priority). A P3 case goes to K2
    // by entitlement; created Monday 2026-03-02 12:30 UTC = 07:30 in Herndon, before opening.
    private static TempWarehouse Seeded()
    {
        var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-JCP-FTS-24x7", centre: "HERNDON", start: "2025-06-01")
            .Contract("K2", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON", start: "2025-01-01")
            .Unit("SN1", "K1", "2025-06-01").Unit("SN1", "K2", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P4", new DateTime(2026, 3, 2, 12, 30, 0, DateTimeKind.Utc),
                firstResponseUtc: new DateTime(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc))
            .Event("C1", new DateTime(2026, 3, 2, 12, 40, 0, DateTimeKind.Utc), "priority_changed", "P3")
            .Case("C2", "A1", "S1", "SN9", "P1", new DateTime(2026, 3, 2, 12, 30, 0, DateTimeKind.Utc));
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);
        return temp;
    }

    [Fact]
    public void Lines_TwoCoveringContracts_EachRuleInOrderWithTheWinnerAndTheStoredRowAgreeing()
    {
        using var temp = Seeded();

        var explanation = SlaExplanation.Of(temp.Warehouse, ReferenceData.BuiltIn, "C1", AsOf);

        Assert.Empty(explanation.Differences);
        Assert.Equal("K2", explanation.Verdict.Unit!.ContractId);
        var lines = explanation.Lines();
        Assert.Equal("priority: P4 at creation, P3 at 2026-03-02T12:40:00Z; in effect when the clock stops: P3", lines[1]);
        Assert.Contains("   K1 SVC-JCP-FTS-24x7 HERNDON 2025-06-01..2026-12-31 unit 2025-06-01..contract end created on 2026-03-02: covers, does not entitle P3", lines);
        Assert.Contains("   K2 SVC-FTS-BD HERNDON 2025-01-01..2026-12-31 unit 2025-01-01..contract end created on 2026-03-02: covers, entitles P3 <- wins", lines);
        // 07:30 EST: the clock starts at 09:00 (14:00 UTC); answered 16:00 UTC = 2 h of business time, the P3 target.
        Assert.Contains("7. 8x5 at HERNDON (America/New_York): target 7200 s, business time in the centre's calendar, " +
                        "created after hours: the clock starts at the next opening, 2026-03-02T14:00:00Z", lines);
        Assert.Contains("   answered 2026-03-02T16:00:00Z: elapsed 7200 s against 7200 s", lines);
        Assert.Equal(["status at 2026-03-10T00:00:00Z: met, quarter 2026Q1", "stored evaluation (what the reports show): agrees"], lines.TakeLast(2));
    }

    [Fact]
    public void Lines_UnregisteredSerial_StopsAtRuleTwo()
    {
        using var temp = Seeded();

        var lines = SlaExplanation.Of(temp.Warehouse, ReferenceData.BuiltIn, "C2", AsOf).Lines();

        Assert.Equal("2. installed base: the serial is under no contract of the account -> excluded, unregistered_product", lines[3]);
        Assert.Equal("status at 2026-03-10T00:00:00Z: excluded (unregistered_product), quarter 2026Q1", lines[4]);
    }

    [Fact]
    public void Of_StoredRowTamperedWith_NamesEachDifference()
    {
        using var temp = Seeded();
        temp.Scalar<long>("UPDATE sla_evaluations SET response_met = false, response_seconds = 7201 WHERE case_number = 'C1' RETURNING 0");

        var explanation = SlaExplanation.Of(temp.Warehouse, ReferenceData.BuiltIn, "C1", AsOf);

        Assert.Equal(["status: rules met, stored breached", "elapsed seconds: rules 7200, stored 7201"], explanation.Differences);
        Assert.StartsWith("stored evaluation (what the reports show) DIFFERS: status: rules met", explanation.Lines()[^1]);
    }

    [Fact]
    public void Of_UnknownCase_UserError()
    {
        using var temp = Seeded();

        var e = Assert.Throws<UserError>(() => SlaExplanation.Of(temp.Warehouse, ReferenceData.BuiltIn, "C9", AsOf));

        Assert.Equal("case 'C9' is not in the database", e.Message);
    }
}
