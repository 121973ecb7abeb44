using JuniperFts.Domain.Forecast;

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

/// <summary>Interval of one forecast step, as residual quantiles in units of the series' level.</summary>
public sealed record StepInterval(int Step, double Low, double High);

/// <summary>
/// What the rolling-origin back-test found: the origins (first forecast week of each), scores per region
/// and overall (mean over regions), the method chosen, why, and the intervals of the chosen method.
/// </summary>
/// <param name="Intervals">Per step, for one region × platform series (in units of its level).</param>
/// <param name="RegionIntervals">Per step, for a region's total (in units of the region's level).</param>
public sealed record BacktestSummary(
    IReadOnlyList<string> Origins,
    int Steps,
    IReadOnlyList<RegionScores> Regions,
    MethodScores? Overall,
    ForecastMethod Chosen,
    string Statement,
    IReadOnlyList<StepInterval> Intervals,
    IReadOnlyList<StepInterval> RegionIntervals);

/// <summary>Rolling-origin back-test over the last year of history.</summary>
internal static class Backtest
{
    /// <summary>Weeks each back-test origin forecasts; origins are this far apart.</summary>
    public const int Steps = 13;

    /// <summary>Weeks of history an origin needs before it.</summary>
    public const int MinimumTraining = 26;

    public static BacktestSummary Run(WorkloadHistory history, ModelSettings settings, double coverage)
    {
        var n = history.Weeks.Count;
        // Four origins a quarter apart: the last year, each forecast ending by the last history week.
        var origins = Enumerable.Range(1, 4).Select(k => n - k * Steps).Where(o => o >= MinimumTraining).Order().ToList();
        if (origins.Count == 0)
        {
            var fallback = n >= WeekFeatures.Season ? ForecastMethod.SeasonalNaive : ForecastMethod.Naive;
            return new BacktestSummary([], Steps, [], null, fallback,
                $"History too short to back-test ({n} weeks; a back-test needs {MinimumTraining + Steps}): forecasting with {fallback.Describe()}, unchecked.",
                [], []);
        }

        var methods = new[] { ForecastMethod.Model, ForecastMethod.SeasonalNaive, ForecastMethod.Naive };
        var regions = history.Regions;
        // Per region and method: actual and forecast weeks, concatenated over origins.
        var actual = regions.ToDictionary(r => r, _ => new List<double>());
        var forecast = regions.ToDictionary(r => r, _ => methods.ToDictionary(m => m, _ => new List<double>()));
        var residuals = methods.ToDictionary(m => m, _ => Enumerable.Range(0, Steps).Select(_ => new List<double>()).ToArray());
        var regionResiduals = methods.ToDictionary(m => m, _ => Enumerable.Range(0, Steps).Select(_ => new List<double>()).ToArray());
        var totals = regions.ToDictionary(r => r, r => history.RegionTotal(r));
        var modelEverywhere = true;

        foreach (var origin in origins)
        {
            var examples = SeriesForecaster.Examples(history.Series, origin);
            var model = examples.Count >= CaseModel.MinimumExamples ? CaseModel.Train(examples, settings) : null;
            modelEverywhere &= model is not null;
            foreach (var region in regions)
            {
                var regionActual = new double[Steps];
                var regionForecast = methods.ToDictionary(m => m, _ => new double[Steps]);
                foreach (var s in history.Series.Where(s => s.Region == region))
                {
                    var level = WeekFeatures.Scale(WeekFeatures.Level(s.Cases.Take(origin).ToArray()));
                    for (var h = 0; h < Steps; h++) regionActual[h] += s.Cases[origin + h];
                    foreach (var m in methods)
                    {
                        if (m == ForecastMethod.Model && model is null) continue;
                        var f = SeriesForecaster.Forecast(s, origin, Steps, m, model);
                        for (var h = 0; h < Steps; h++)
                        {
                            regionForecast[m][h] += f[h];
                            residuals[m][h].Add((s.Cases[origin + h] - f[h]) / level);
                        }
                    }
                }
                actual[region].AddRange(regionActual);
                var regionLevel = WeekFeatures.Scale(WeekFeatures.Level(totals[region].AsSpan(0, origin)));
                foreach (var m in methods)
                {
                    forecast[region][m].AddRange(regionForecast[m]);
                    for (var h = 0; h < Steps; h++) regionResiduals[m][h].Add((regionActual[h] - regionForecast[m][h]) / regionLevel);
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

        var (chosen, statement) = Choose(overall, origins.Count);
        var originWeeks = origins.Select(o => history.Weeks[o].ToString()).ToList();
        return new BacktestSummary(originWeeks, Steps, regionScores, overall, chosen, statement,
            Quantiles(residuals[chosen], coverage), Quantiles(regionResiduals[chosen], coverage));
    }

    /// <summary>Residual quantiles per step; neighbouring steps are pooled, as a few origins give few residuals per step.</summary>
    private static List<StepInterval> Quantiles(List<double>[] residualsByStep, double coverage)
    {
        var tail = (1 - coverage) / 2;
        return Enumerable.Range(1, residualsByStep.Length).Select(step =>
        {
            var pool = Enumerable.Range(Math.Max(1, step - 2), 5).Where(k => k <= residualsByStep.Length)
                .SelectMany(k => residualsByStep[k - 1]).ToList();
            return new StepInterval(step, ErrorMetrics.Quantile(pool, tail), ErrorMetrics.Quantile(pool, 1 - tail));
        }).ToList();
    }

    /// <summary>The model when it beats seasonal naive (and naive) on MASE; else the better baseline, said plainly.</summary>
    internal static (ForecastMethod, string) Choose(MethodScores overall, int origins)
    {
        var sn = overall.SeasonalNaive;
        var naive = overall.Naive;
        var bestBaseline = naive.Mase < sn.Mase ? ForecastMethod.Naive : ForecastMethod.SeasonalNaive;
        var what = $"Back-test over {origins} rolling origins in the last year of history";
        if (overall.Model is not { } model)
            return (bestBaseline, $"{what}: too little history to train the model; forecasting with {bestBaseline.Describe()}.");
        var vs = $"MASE {model.Mase:0.00} vs seasonal naive {sn.Mase:0.00} and naive {naive.Mase:0.00}; " +
                 $"sMAPE {model.Smape:0.0}% vs {sn.Smape:0.0}% and {naive.Smape:0.0}%";
        if (model.Mase < sn.Mase && model.Mase <= naive.Mase)
            return (ForecastMethod.Model, $"{what}: the model beat seasonal naive ({vs}); forecasting with the model.");
        var beaten = model.Mase < sn.Mase ? "naive" : "seasonal naive";
        return (bestBaseline, $"{what}: the model did NOT beat {beaten} ({vs}); forecasting with {bestBaseline.Describe()} instead.");
    }
}
