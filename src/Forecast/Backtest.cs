using JuniperFts.Domain.Workload;

namespace JuniperFts.Forecast;

/// <summary>Back-test errors of one method: MASE and sMAPE (percent).</summary>
public sealed record MethodScore(double Mase, double Smape);

/// <summary>The scores of the three methods; <see cref="Model"/> is null when no model could be trained.</summary>
public sealed record MethodScores(MethodScore? Model, MethodScore SeasonalNaive, MethodScore Naive)
{
    public MethodScore? Of(ForecastMethod m) => m switch
    {
        ForecastMethod.Model => Model,
        ForecastMethod.SeasonalNaive => SeasonalNaive,
        _ => Naive,
    };
}

/// <summary>Back-test scores of a region's weekly total (its platforms summed).</summary>
public sealed record RegionScores(string Region, MethodScores Scores);

/// <summary>
/// How wide an interval is: per forecast step the negative-binomial dispersion φ of the back-test errors
/// (variance = mean + φ·mean²), and the multiple <paramref name="Z"/> of that standard deviation that held the stated
/// share of the back-test weeks.
/// </summary>
public sealed record IntervalSpread(IReadOnlyList<double> Dispersion, double Z)
{
    /// <summary>The low and high end around <paramref name="mean"/>, <paramref name="step"/> weeks ahead (steps beyond the back-test use its last).</summary>
    /// <param name="meanVariance">Variance of the mean itself, added to the count's (e.g. from uncertain model weights).</param>
    public (double Low, double High) Around(double mean, int step, double meanVariance = 0)
    {
        var sd = Math.Sqrt(Variance(mean, Dispersion[Math.Min(step, Dispersion.Count) - 1]) + meanVariance);
        return (Math.Max(0, mean - Z * sd), mean + Z * sd);
    }

    /// <summary>A Poisson spread (no dispersion) at the normal quantile of <paramref name="coverage"/>: mean ± z·√mean.</summary>
    public static IntervalSpread Poisson(double coverage) => new([0], NormalQuantile(1 - (1 - coverage) / 2));

    /// <summary>Upper standard normal quantile for 0.5 ≤ p &lt; 1 (Abramowitz–Stegun 26.2.23, error under 4.5e-4).</summary>
    private static double NormalQuantile(double p)
    {
        var t = Math.Sqrt(-2 * Math.Log(1 - p));
        return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    }

    /// <summary>The standard deviation of a count with this mean and dispersion (the mean floored at 0.5, so a quiet week still has a spread).</summary>
    public static double Deviation(double mean, double dispersion) => Math.Sqrt(Variance(mean, dispersion));

    private static double Variance(double mean, double dispersion) => Math.Max(mean, 0.5) + dispersion * mean * mean;
}

/// <summary>
/// What the rolling-origin back-test found: the origins (first forecast week of each), scores per region
/// and overall (mean over regions), the method chosen, why, and the interval spread of the chosen method.
/// </summary>
/// <param name="Intervals">For one region × platform series; null without a back-test from a full year of history.</param>
/// <param name="RegionIntervals">For a region's total; null without a back-test from a full year of history.</param>
public sealed record BacktestSummary(
    IReadOnlyList<string> Origins,
    int Steps,
    IReadOnlyList<RegionScores> Regions,
    MethodScores? Overall,
    ForecastMethod Chosen,
    string Statement,
    IntervalSpread? Intervals,
    IntervalSpread? RegionIntervals);

/// <summary>Rolling-origin back-test over the last year of history.</summary>
internal static class Backtest
{
    /// <summary>Weeks each back-test origin forecasts; origins are this far apart.</summary>
    public const int Steps = 13;

    /// <summary>Weeks of history an origin needs before it (a year when any origin has one).</summary>
    public const int MinimumTraining = 26;

    public static BacktestSummary Run(WorkloadHistory history, ModelSettings settings, double coverage)
    {
        var n = history.Weeks.Count;
        // Four origins a quarter apart: the last year, each forecast ending by the last history week.
        var origins = Enumerable.Range(1, 4).Select(k => n - k * Steps).Where(o => o >= MinimumTraining).Order().ToList();
        // An origin with a whole season before it tests the model that will forecast; shorter ones only when there is no such origin.
        if (origins.Any(o => o >= WeekFeatures.Season)) origins.RemoveAll(o => o < WeekFeatures.Season);
        if (origins.Count == 0)
        {
            var fallback = n >= WeekFeatures.Season ? ForecastMethod.SeasonalNaive : ForecastMethod.Naive;
            return new BacktestSummary([], Steps, [], null, fallback,
                $"History too short to back-test ({n} weeks; a back-test needs {MinimumTraining + Steps}): forecasting with {fallback.Describe()}, unchecked.",
                null, null);
        }

        var methods = new[] { ForecastMethod.Model, ForecastMethod.SeasonalNaive, ForecastMethod.Naive };
        var regions = history.Regions;
        // Per region and method: actual and forecast weeks, concatenated over origins.
        var actual = regions.ToDictionary(r => r, _ => new List<double>());
        var forecast = regions.ToDictionary(r => r, _ => methods.ToDictionary(m => m, _ => new List<double>()));
        // Per method and step: (actual, forecast) of every series, and of every region total.
        var errors = methods.ToDictionary(m => m, _ => Enumerable.Range(0, Steps).Select(_ => new List<(double, double)>()).ToArray());
        var regionErrors = methods.ToDictionary(m => m, _ => Enumerable.Range(0, Steps).Select(_ => new List<(double, double)>()).ToArray());
        var totals = regions.ToDictionary(r => r, r => history.RegionTotal(r));
        var modelEverywhere = true;

        foreach (var origin in origins)
        {
            var model = CaseModel.Train(history, origin, settings);
            modelEverywhere &= model is not null;
            foreach (var region in regions)
            {
                var regionActual = new double[Steps];
                var regionForecast = methods.ToDictionary(m => m, _ => new double[Steps]);
                for (var i = 0; i < history.Series.Count; i++)
                {
                    var s = history.Series[i];
                    if (s.Region != region) continue;
                    for (var h = 0; h < Steps; h++) regionActual[h] += s.Cases[origin + h];
                    foreach (var m in methods)
                    {
                        if (m == ForecastMethod.Model && model is null) continue;
                        var f = SeriesForecaster.Forecast(history, i, origin, Steps, m, model);
                        for (var h = 0; h < Steps; h++)
                        {
                            regionForecast[m][h] += f[h];
                            errors[m][h].Add((s.Cases[origin + h], f[h]));
                        }
                    }
                }
                actual[region].AddRange(regionActual);
                foreach (var m in methods)
                {
                    forecast[region][m].AddRange(regionForecast[m]);
                    for (var h = 0; h < Steps; h++) regionErrors[m][h].Add((regionActual[h], regionForecast[m][h]));
                }
            }
        }

        var regionScores = regions.Select(region =>
        {
            var scale = ErrorMetrics.MaseScale(totals[region].AsSpan(0, origins[0]));
            MethodScore Score(ForecastMethod m) => new(
                ErrorMetrics.Mase(actual[region], forecast[region][m], scale),
                ErrorMetrics.Smape(actual[region], forecast[region][m]));
            return new RegionScores(region, new MethodScores(
                modelEverywhere ? Score(ForecastMethod.Model) : null,
                Score(ForecastMethod.SeasonalNaive),
                Score(ForecastMethod.Naive)));
        }).ToList();

        MethodScore Mean(Func<MethodScores, MethodScore?> pick) => new(
            regionScores.Average(r => pick(r.Scores)!.Mase), regionScores.Average(r => pick(r.Scores)!.Smape));
        var overall = new MethodScores(
            modelEverywhere ? Mean(s => s.Model) : null, Mean(s => s.SeasonalNaive), Mean(s => s.Naive));

        var (chosen, statement) = Choose(overall, origins.Count, fullSeason: origins[0] >= WeekFeatures.Season);

        var originWeeks = origins.Select(o => history.Weeks[o].ToString()).ToList();
        // Back-tested models that never saw a season err more than the forecasting one: their spread would overstate it,
        // so the forecast states its own (WorkloadForecaster).
        var fullSeason = origins[0] >= WeekFeatures.Season;
        return new BacktestSummary(originWeeks, Steps, regionScores, overall, chosen, statement,
            fullSeason ? Spread(errors[chosen], coverage) : null,
            fullSeason ? Spread(regionErrors[chosen], coverage) : null);
    }

    /// <summary>
    /// The spread of the back-test errors: per step the dispersion by moments (pooling the neighbouring ±2 steps, as a
    /// few origins give few errors per step), then the multiple of the standard deviation that covers the stated share.
    /// </summary>
    private static IntervalSpread Spread(List<(double Actual, double Forecast)>[] byStep, double coverage)
    {
        var dispersion = Enumerable.Range(1, byStep.Length).Select(step =>
        {
            var pool = Enumerable.Range(Math.Max(1, step - 2), 5).Where(k => k <= byStep.Length).SelectMany(k => byStep[k - 1]).ToList();
            var excess = pool.Sum(e => (e.Actual - e.Forecast) * (e.Actual - e.Forecast) - e.Forecast);
            var squares = pool.Sum(e => e.Forecast * e.Forecast);
            return squares > 0 ? Math.Max(0, excess / squares) : 0;
        }).ToList();
        var scaled = byStep.SelectMany((errors, h) => errors.Select(e => Math.Abs(e.Actual - e.Forecast) / IntervalSpread.Deviation(e.Forecast, dispersion[h]))).ToList();
        return new IntervalSpread(dispersion, ErrorMetrics.Quantile(scaled, coverage));
    }

    /// <summary>
    /// The model when it beats seasonal naive (and naive) on MASE; else the better baseline, said plainly. When no origin
    /// had a year of history before it (<paramref name="fullSeason"/> false), the back-tested models never saw a whole
    /// season while the forecasting one does, so the scores are reported and the model is used.
    /// </summary>
    internal static (ForecastMethod, string) Choose(MethodScores overall, int origins, bool fullSeason = true)
    {
        var sn = overall.SeasonalNaive;
        var naive = overall.Naive;
        var bestBaseline = naive.Mase < sn.Mase ? ForecastMethod.Naive : ForecastMethod.SeasonalNaive;
        var what = $"Back-test over {origins} rolling origins in the last year of history";
        if (overall.Model is not { } model)
            return (bestBaseline, $"{what}: too little history to train the model; forecasting with {bestBaseline.Describe()}.");
        var vs = $"MASE {model.Mase:0.00} vs seasonal naive {sn.Mase:0.00} and naive {naive.Mase:0.00}; " +
                 $"sMAPE {model.Smape:0.0}% vs {sn.Smape:0.0}% and {naive.Smape:0.0}%";
        if (!fullSeason)
            return (ForecastMethod.Model, $"{what}, each with under a year before it ({vs}): too short to test the yearly pattern, " +
                                          "which the model learns from the whole year (pooled over every series); forecasting with the model.");
        if (model.Mase < sn.Mase && model.Mase <= naive.Mase)
            return (ForecastMethod.Model, $"{what}: the model beat seasonal naive ({vs}); forecasting with the model.");
        var beaten = model.Mase < sn.Mase ? "naive" : "seasonal naive";
        return (bestBaseline, $"{what}: the model did NOT beat {beaten} ({vs}); forecasting with {bestBaseline.Describe()} instead.");
    }
}
