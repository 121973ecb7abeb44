using JuniperFts.Domain.Forecast;
using NodaTime;

namespace JuniperFts.Forecast;

/// <summary>One forecast week of one region and platform.</summary>
/// <param name="Cases">The forecast mean.</param>
/// <param name="Low">Lower end of the interval (never below 0).</param>
/// <param name="EngineersNeeded">Engineers (fractional) these cases take under the region's priority mix.</param>
public sealed record ForecastRow(IsoWeek Week, string Region, string Platform, double Cases, double Low, double High, double EngineersNeeded);

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
    ModelProvenance Provenance);
