using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Forecast;

/// <summary>The weekly case counts of one region and platform, with the drivers of each week.</summary>
/// <param name="Cases">Accepted cases created in each history week (index-aligned with <see cref="WorkloadHistory.Weeks"/>).</param>
/// <param name="Drivers">Drivers of every history week followed by those of the horizon weeks.</param>
public sealed record WeeklySeries(string Region, string Platform, IReadOnlyList<double> Cases, IReadOnlyList<WeekDrivers> Drivers);

/// <summary>Every series of the history up to the last week that ended by the as-of, and the priority mix by region.</summary>
/// <param name="Weeks">The history weeks, consecutive, oldest first.</param>
/// <param name="Horizon">The weeks that follow, whose drivers the series carry too.</param>
public sealed record WorkloadHistory(
    Instant AsOf,
    IReadOnlyList<IsoWeek> Weeks,
    IReadOnlyList<IsoWeek> Horizon,
    IReadOnlyList<WeeklySeries> Series,
    IReadOnlyDictionary<string, PriorityMix> PriorityMixByRegion)
{
    public IReadOnlyList<string> Regions => Series.Select(s => s.Region).Distinct().ToList();

    /// <summary>Every series as <c>region/platform</c>, in <see cref="Series"/> order (the model's and its metadata's names).</summary>
    public IReadOnlyList<string> SeriesNames => Series.Select(s => $"{s.Region}/{s.Platform}").ToList();

    /// <summary>The indexes in <see cref="Series"/> of the region's series.</summary>
    public int[] SeriesIn(string region) =>
        Series.Select((s, i) => (s.Region, i)).Where(x => x.Region == region).Select(x => x.i).ToArray();

    /// <summary>The region's cases per history week, its platforms summed.</summary>
    public double[] RegionTotal(string region)
    {
        var total = new double[Weeks.Count];
        foreach (var i in SeriesIn(region))
            for (var t = 0; t < total.Length; t++) total[t] += Series[i].Cases[t];
        return total;
    }

    /// <summary>How many weeks ahead <paramref name="week"/> lies: 1 for the first horizon week.</summary>
    public int StepsAhead(IsoWeek week)
    {
        for (var h = 0; h < Horizon.Count; h++)
            if (Horizon[h] == week) return h + 1;
        throw new ArgumentOutOfRangeException(nameof(week), week, "Not a week of the horizon.");
    }

    /// <summary>The region's mix, else the mix of all cases (a region known only from installed base has none).</summary>
    public PriorityMix MixOf(string region) =>
        PriorityMixByRegion.TryGetValue(region, out var m) ? m : PriorityMix.Equal;
}
