using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Forecast.Tests.Support;

/// <summary>
/// A small estate for forecast tests: site S-AM (AMERICAS, unit SN-R Routing) and site S-EU whose latest
/// contract is served from Schiphol (EMEA, unit SN-S Security), plus bulk weekly cases.
/// </summary>
public sealed class WorkloadData
{
    private readonly TempWarehouse _db;
    private int _next;

    public WorkloadData(TempWarehouse db)
    {
        _db = db;
        db.Seed()
            .Account("A1").Site("S-AM", "A1").Site("S-EU", "A1", country: "NL")
            .Contract("C-AM", "A1", "S-AM", centre: "SUNNYVALE", start: "2023-01-01", end: "2027-12-31")
            // The older contract of S-EU is served from Herndon; the latest start (Schiphol) gives the region.
            .Contract("C-EU1", "A1", "S-EU", centre: "HERNDON", start: "2022-01-01", end: "2027-12-31")
            .Contract("C-EU2", "A1", "S-EU", centre: "SCHIPHOL_RIJK", start: "2024-01-01", end: "2027-12-31")
            .Unit("SN-R", "C-AM", "2023-01-01", platform: "Routing")
            .Unit("SN-S", "C-EU2", "2024-01-01", platform: "Security");
    }

    /// <summary>Adds <paramref name="count"/>(i) cases in week i after <paramref name="firstMonday"/>, an hour apart from Monday 01:00 UTC.</summary>
    public WorkloadData Weekly(string site, string? serial, DateTime firstMonday, int weeks, Func<int, int> count, string priority = "P2", string? exclusion = null)
    {
        using var c = _db.Warehouse.Connect();
        using (var appender = c.Appender("cases"))
        {
            for (var w = 0; w < weeks; w++)
                for (var i = 0; i < count(w); i++)
                    appender.Row().Add($"K{++_next:D6}").Add("A1").Add(site).Add(serial).Add(priority)
                        .AddValue(firstMonday.AddDays(7 * w).AddHours(1 + i)).AddNull().AddNull()
                        .Add(exclusion).AddNull().Add("title").Add(0L).End();
        }
        return this;
    }

    /// <summary>Two years and a bit of seasonal weekly cases on both sites, starting Monday 2024-01-01 (2024-W01).</summary>
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public WorkloadData Seasonal(int weeks = 110) =>
        Weekly("S-AM", "SN-R", Start, weeks, w => 8 + (int)(4 * Math.Sin(2 * Math.PI * w / 52)) + w % 3)
        .Weekly("S-EU", "SN-S", Start, weeks, w => 5 + (int)(3 * Math.Cos(2 * Math.PI * w / 52)) + w % 2, priority: "P1");
}
