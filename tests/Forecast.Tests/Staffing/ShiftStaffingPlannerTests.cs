using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Forecast.Tests.Support;
using JuniperFts.Store.Tests.Support;
using NodaTime;

namespace JuniperFts.Forecast.Tests.Staffing;

public sealed class ShiftStaffingPlannerTests : IDisposable
{
    private readonly TempWarehouse _db = new();
    private static readonly Instant AfterHistory = Instant.FromUtc(2026, 2, 9, 0, 0); // end of 2026-W06

    public void Dispose() => _db.Dispose();

    private ForecastOptions Options(int horizon) =>
        new() { Horizon = horizon, Model = new ModelSettings(Seed: 3), ModelFolder = _db.PathOf("forecast") };

    [Fact]
    public void Run_TwoYearsOfCases_EachRegionWeekAddsUpToThePrintedForecastInLocalHours()
    {
        new WorkloadData(_db).Seasonal();

        var result = ShiftStaffingPlanner.Run(_db.Warehouse, Options(3), AfterHistory);

        var forecast = ShiftStaffingPlanner.RegionWeeks(result.Forecast).ToDictionary(r => (r.Week, r.Region), r => r.Cases);
        var staffed = result.Hours.GroupBy(h => (h.Week, ReferenceData.BuiltIn.Centres[h.Centre].Region))
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Arrivals));
        Assert.Equal(forecast.Where(f => f.Value > 0).OrderBy(f => f.Key).ToList(), staffed.OrderBy(s => s.Key).ToList());

        // S-AM's P2 cases arrive on Mondays from 01:00 UTC, Sunday 17:00 onwards in Sunnyvale (PST); S-EU's P1 in Schiphol-Rijk.
        Assert.Equal([Priority.P2], result.Hours.Where(h => h.Centre == "SUNNYVALE").Select(h => h.Priority).Distinct());
        Assert.Equal([Priority.P1], result.Hours.Where(h => h.Centre == "SCHIPHOL_RIJK").Select(h => h.Priority).Distinct());
        Assert.All(result.Hours.Where(h => h.Centre == "SUNNYVALE" && h.Arrivals > 0),
            h => Assert.True(h.Hour.Day == IsoDayOfWeek.Sunday && h.Hour.Hour >= 17 || h.Hour.Day == IsoDayOfWeek.Monday, $"{h.Hour}"));
        // Monday's cases are still being handled on Tuesday: hours with load and no arrivals have engineers too.
        Assert.Contains(result.Hours, h => h.Centre == "SUNNYVALE" && h.Hour.Day == IsoDayOfWeek.Tuesday && h.Arrivals == 0 && h.OfferedLoad > 0);
        Assert.All(result.Hours, h => Assert.True(h.EngineersRaw > (double)h.OfferedLoad && h.EngineersScheduled >= h.EngineersRaw));
    }

    [Fact]
    public void Make_QuarterOutlook_WeeksStartingInTheNextQuarterFromAForecastAtTheQuarterEnd()
    {
        new WorkloadData(_db).Seasonal();

        var outlook = QuarterOutlook.Make(_db.Warehouse, Options(13), new Quarter(2025, 4), AfterHistory);

        Assert.Equal(Instant.FromUtc(2026, 1, 1, 0, 0), outlook.MadeAsOf);
        Assert.Null(outlook.ForecastUnavailable);
        Assert.Null(outlook.StaffingUnavailable);
        Assert.NotEmpty(outlook.Staffing);
        Assert.All(outlook.Staffing, h => Assert.True(new Quarter(2026, 1).Contains(h.Week.Monday), $"{h.Week}"));
    }

    [Fact]
    public void Make_NoHistory_SaysSoInsteadOfThrowing()
    {
        var outlook = QuarterOutlook.Make(_db.Warehouse, Options(13), new Quarter(2025, 4), AfterHistory);

        Assert.Null(outlook.Forecast);
        Assert.StartsWith("The workload forecast is not available: no accepted case", outlook.ForecastUnavailable);
        Assert.Empty(outlook.Staffing);
    }
}
