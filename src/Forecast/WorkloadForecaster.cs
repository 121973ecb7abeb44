using JuniperFts.Domain.Forecast;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Forecast;

/// <summary>
/// The workload forecast the CLI, scheduler, portal and review pack share: weekly history, back-test,
/// forecast with interval, and engineers needed per region and week.
/// </summary>
public static class WorkloadForecaster
{
    /// <summary>Forecasts the <see cref="ForecastOptions.Horizon"/> weeks after the last week that ended by <paramref name="asOf"/>.</summary>
    /// <exception cref="Domain.UserError">No history, a horizon out of range, or (with <see cref="ModelTraining.Never"/>) no saved model yet.</exception>
    public static ForecastResult Run(Warehouse warehouse, ForecastOptions options, Instant asOf)
    {
        if (options.Horizon is < ForecastOptions.MinHorizon or > ForecastOptions.MaxHorizon)
            throw new Domain.UserError($"the horizon must be between {ForecastOptions.MinHorizon} and {ForecastOptions.MaxHorizon} weeks, not {options.Horizon}") { Subject = "horizon" };
        if (options.IntervalCoverage is <= 0.5 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.IntervalCoverage, "IntervalCoverage must be between 0.5 and 1 (both excluded)");
        var history = WorkloadHistoryQuery.Load(warehouse, options.Reference, asOf, options.Horizon);
        var folder = options.ModelFolder ?? Path.Combine(Path.GetDirectoryName(warehouse.Path) ?? ".", "forecast");
        return Run(history, options, new ModelStore(folder));
    }

    internal static ForecastResult Run(WorkloadHistory history, ForecastOptions options, ModelStore store)
    {
        var hash = ModelStore.DataHash(history, options.Model, options.IntervalCoverage);
        ForecastModelMetadata metadata = null!;
        CaseModel? model = null;
        var reused = options.Training switch
        {
            ModelTraining.WhenStale => store.TryLoad(saved => saved.DataHash == hash, out metadata, out model),
            // A read uses what the last forecast saved, provided it was made with the features and settings configured now.
            ModelTraining.Never => store.TryLoad(saved => saved.Settings == options.Model && saved.IntervalCoverage.Equals(options.IntervalCoverage)
                    && saved.Features.SequenceEqual(WeekFeatures.Names), out metadata, out model)
                ? true
                : throw new Domain.UserError("no forecast has been made yet with the current Forecast settings (the forecast job, fts forecast and fts run make one)"),
            _ => false,
        };
        if (!reused)
        {
            var backtest = Backtest.Run(history, options.Model, options.IntervalCoverage);
            model = backtest.Chosen == ForecastMethod.Model
                ? CaseModel.Train(SeriesForecaster.Examples(history.Series, history.Weeks.Count), options.Model)
                : null;
            metadata = new ForecastModelMetadata(hash, history.AsOf.ToString(), history.Weeks[0].ToString(), history.Weeks[^1].ToString(),
                history.Series.Select(s => $"{s.Region}/{s.Platform}").ToList(), WeekFeatures.Names, options.Model,
                options.IntervalCoverage, backtest);
            store.Save(metadata, model);
        }

        var method = metadata.Backtest.Chosen;
        var n = history.Weeks.Count;
        var rows = new List<ForecastRow>();
        foreach (var s in history.Series)
        {
            var forecast = SeriesForecaster.Forecast(s, n, options.Horizon, method, model);
            var level = WeekFeatures.Scale(WeekFeatures.Level(s.Cases.ToArray()));
            var mix = history.MixOf(s.Region);
            for (var h = 0; h < options.Horizon; h++)
            {
                var (low, high) = Interval(forecast[h], level, h + 1, metadata.Backtest.Intervals, options.IntervalCoverage);
                rows.Add(new ForecastRow(history.Horizon[h], s.Region, s.Platform, forecast[h], low, high,
                    options.Staffing.EngineersNeeded(forecast[h], mix)));
            }
        }

        // A region's interval comes from the back-test errors of region totals: summing the platforms' ends would
        // overstate it, since their errors partly cancel.
        var regionLevels = history.Regions.ToDictionary(region => region, region => WeekFeatures.Scale(WeekFeatures.Level(history.RegionTotal(region))));
        var regions = rows.GroupBy(r => (r.Week, r.Region))
            .Select(g =>
            {
                var cases = g.Sum(r => r.Cases);
                var (low, high) = Interval(cases, regionLevels[g.Key.Region], history.StepsAhead(g.Key.Week),
                    metadata.Backtest.RegionIntervals, options.IntervalCoverage);
                return new RegionWeek(g.Key.Week, g.Key.Region, cases, low, high, g.Sum(r => r.EngineersNeeded));
            })
            .OrderBy(r => r.Week).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();

        return new ForecastResult(history.AsOf, history, method,
            rows.OrderBy(r => r.Week).ThenBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Platform, StringComparer.Ordinal).ToList(),
            regions, metadata.Backtest,
            new ModelProvenance(reused, hash, store.MetadataPath, model is null ? null : store.ModelPath));
    }

    /// <summary>
    /// The interval of a forecast <paramref name="step"/> weeks ahead: back-test residual quantiles in units of the
    /// series' level; beyond the back-tested steps the last one's; without a back-test a Poisson-like spread.
    /// </summary>
    private static (double Low, double High) Interval(double mean, double level, int step, IReadOnlyList<StepInterval> intervals, double coverage)
    {
        double low, high;
        if (intervals.Count > 0)
        {
            var q = intervals[Math.Min(step, intervals.Count) - 1];
            low = mean + q.Low * level;
            high = mean + q.High * level;
        }
        else
        {
            var z = NormalQuantile(1 - (1 - coverage) / 2);
            var spread = z * Math.Sqrt(Math.Max(mean, 1));
            (low, high) = (mean - spread, mean + spread);
        }
        return (Math.Max(0, Math.Min(low, mean)), Math.Max(high, mean));
    }

    /// <summary>Upper standard normal quantile for 0.5 ≤ p &lt; 1 (Abramowitz–Stegun 26.2.23, error under 4.5e-4).</summary>
    private static double NormalQuantile(double p)
    {
        var t = Math.Sqrt(-2 * Math.Log(1 - p));
        return t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
    }
}
