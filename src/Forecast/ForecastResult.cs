using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using NodaTime;

namespace JuniperFts.Forecast;

/// <summary>One forecast week of one region and platform.</summary>
/// <param name="Cases">The forecast mean.</param>
/// <param name="Low">Lower end of the interval (never below 0).</param>
/// <param name="EngineersNeeded">Engineers (fractional) these cases take under the region's priority mix.</param>
public sealed record ForecastRow(IsoWeek Week, string Region, string Platform, double Cases, double Low, double High, double EngineersNeeded)
{
    /// <summary>A forecast figure as the outputs print it: two decimals, half away from zero.</summary>
    // Adding 0.00m keeps two decimals on every figure (0.00, not 0), so columns read alike.
    public static decimal Printed(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero) + 0.00m;
}

/// <summary>Forecast cases and engineers needed by region and week (platforms summed).</summary>
public sealed record RegionWeek(IsoWeek Week, string Region, double Cases, double Low, double High, double EngineersNeeded);

/// <summary>Where the model came from: trained now or reused, and its files.</summary>
public sealed record ModelProvenance(bool Reused, string DataHash, string MetadataPath, string? ModelPath);

/// <summary>A forecast run: the history it used, the forecast, its back-test and the engineers needed.</summary>
public sealed record ForecastResult(
    Instant AsOf,
    WorkloadHistory History,
    ForecastMethod Method,
    IReadOnlyList<ForecastRow> Rows,
    IReadOnlyList<RegionWeek> Regions,
    BacktestSummary Backtest,
    ModelProvenance Provenance)
{
    /// <summary>Cases per region in the last <paramref name="weeks"/> history weeks (platforms summed), for charts beside <see cref="Regions"/>.</summary>
    public IReadOnlyList<(IsoWeek Week, string Region, double Cases)> RegionHistory(int weeks = 52)
    {
        var from = Math.Max(0, History.Weeks.Count - weeks);
        return History.Regions
            .SelectMany(region =>
            {
                var total = History.RegionTotal(region);
                return Enumerable.Range(from, History.Weeks.Count - from).Select(t => (History.Weeks[t], region, total[t]));
            })
            .OrderBy(r => r.Item1).ThenBy(r => r.region, StringComparer.Ordinal).ToList();
    }
}
