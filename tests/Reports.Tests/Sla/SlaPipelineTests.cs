using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>Seed rows → <see cref="SlaRefresh.Run"/> → <see cref="SlaQueries"/>, on a real DuckDB file.</summary>
public class SlaPipelineTests
{
    // Monday 2 March 2026, 09:00 in Herndon (EST, UTC-5).
    private static readonly DateTime Opening = new(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);

    private static Seed Herndon8x5(TempWarehouse temp) =>
        temp.Seed().Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON", start: "2025-01-01", end: "2026-12-31")
            .Unit("SN1", "K1", "2025-01-01", platform: "Routing");

    [Fact]
    public void Cases_OnTargetAndOneSecondOver_MetAndBreached()
    {
        using var temp = new TempWarehouse();
        Herndon8x5(temp)
            .Case("C1", "A1", "S1", "SN1", "P1", Opening, firstResponseUtc: Opening.AddMinutes(15))
            .Case("C2", "A1", "S1", "SN1", "P1", Opening, firstResponseUtc: Opening.AddMinutes(15).AddSeconds(1));
        Assert.Equal(2, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));

        var cases = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn).Cases(Instant.FromUtc(2026, 4, 1, 0, 0), new SlaFilter());

        Assert.Equal(["C1", "C2"], cases.Select(c => c.CaseNumber));
        Assert.Equal(("met", 900L, 900L), (cases[0].Status, cases[0].ElapsedSeconds!.Value, cases[0].TargetSeconds!.Value));
        Assert.Equal(("breached", 901L), (cases[1].Status, cases[1].ElapsedSeconds!.Value));
        Assert.All(cases, c => Assert.Equal(("8x5", "AMERICAS", "HERNDON", "K1", "Routing", "2026Q1"), (c.Window, c.Region, c.SupportCenter, c.ContractId, c.Platform, c.Quarter.ToString())));
    }

    [Fact]
    public void Cases_UnansweredBeforeAndAfterDue_PendingThenBreached()
    {
        using var temp = new TempWarehouse();
        Herndon8x5(temp).Case("C1", "A1", "S1", "SN1", "P1", Opening);
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);
        var queries = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn);

        var before = queries.Cases(Instant.FromUtc(2026, 3, 2, 14, 10), new SlaFilter()).Single();
        var after = queries.Cases(Instant.FromUtc(2026, 3, 2, 14, 16), new SlaFilter()).Single();

        Assert.Equal(("pending", 600L), (before.Status, before.ElapsedSeconds!.Value));
        Assert.Equal(("breached", 960L), (after.Status, after.ElapsedSeconds!.Value));
    }
}
