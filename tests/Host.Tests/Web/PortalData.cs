using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// Three accounts with 24x7 contracts (wall-clock SLA, so the expectations are plain arithmetic) and five
/// answered cases in 2026Q3, evaluated by the real SLA refresh.
/// </summary>
/// <remarks>
/// A0001 (service manager someone else): P1 met (10 min of 15), P1 breached (20 min).
/// A0002 (someone else; configured for Kim): P3 met (1 h of 2 h).
/// A0003 (sm3@vendor.example = Sam): P2 met (20 min of 30), P2 breached (40 min).
/// </remarks>
public static class PortalData
{
    public static void Seed(TempWarehouse store)
    {
        var seed = store.Seed();
        foreach (var (account, manager) in new[] { ("A0001", "sm1@vendor.example"), ("A0002", "sm2@vendor.example"), ("A0003", "SM3@vendor.example") })
        {
            var n = account[^1];
            seed.Account(account, serviceManager: manager, name: "Customer " + n)
                .Site("S" + n, account)
                .Contract("C-100" + n, account, "S" + n, sku: "SVC-FTS-24x7", centre: "SUNNYVALE", start: "2025-01-01", end: "2026-12-31")
                .Unit("JN" + n, "C-100" + n, "2025-01-01");
        }
        Case(seed, "CS-1", "A0001", "P1", new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc), minutes: 10);
        Case(seed, "CS-2", "A0001", "P1", new DateTime(2026, 7, 2, 10, 0, 0, DateTimeKind.Utc), minutes: 20);
        Case(seed, "CS-3", "A0002", "P3", new DateTime(2026, 8, 3, 10, 0, 0, DateTimeKind.Utc), minutes: 60);
        Case(seed, "CS-4", "A0003", "P2", new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc), minutes: 20);
        Case(seed, "CS-5", "A0003", "P2", new DateTime(2026, 9, 2, 10, 0, 0, DateTimeKind.Utc), minutes: 40);
        SlaRefresh.Run(store.Warehouse, Domain.Reference.ReferenceData.BuiltIn);
    }

    /// <summary>A case of <paramref name="account"/> (site S<i>n</i>, serial JN<i>n</i>) answered after <paramref name="minutes"/> and resolved 4 hours after creation.</summary>
    public static void Case(Seed seed, string number, string account, string priority, DateTime created, int minutes)
    {
        var n = account[^1];
        seed.Case(number, account, "S" + n, "JN" + n, priority, created, created.AddMinutes(minutes), created.AddHours(4));
    }
}

/// <summary>One seeded portal shared by the tests of a class that only read (xunit class fixture): one host start, not one per test.</summary>
public sealed class SeededPortal : IDisposable
{
    public SeededPortal() => PortalData.Seed(Portal.Store);

    public PortalFactory Portal { get; } = new();

    public void Dispose() => Portal.Dispose();
}
