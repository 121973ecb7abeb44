using JuniperFts.Domain.Workload;
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
            ModelTraining.WhenStale => store.TryLoad(saved => saved.DataHash == hash, history, out metadata, out model),
            // A read uses what the last forecast saved, provided this version made it with the features and settings configured now.
            ModelTraining.Never => store.TryLoad(saved => MadeWithSettings(saved, options) && saved.ModelVersion == CaseModel.Version
                    && saved.Features.SequenceEqual(CaseModel.FeaturesOf(history).Names), history, out metadata, out model)
                ? true
                : throw new Domain.UserError(WhyNoSavedForecast(store, history, options)),
            _ => false,
        };
        if (!reused)
        {
            var backtest = Backtest.Run(history, options.Model, options.IntervalCoverage);
            model = backtest.Chosen == ForecastMethod.Model ? CaseModel.Train(history, history.Weeks.Count, options.Model) : null;
            metadata = new ForecastModelMetadata(hash, history.AsOf.ToString(), history.Weeks[0].ToString(), history.Weeks[^1].ToString(),
                history.SeriesNames, CaseModel.FeaturesOf(history).Names, options.Model,
                options.IntervalCoverage, backtest, model?.TrendScale, model?.PriorScales, CaseModel.Version);
            store.Save(metadata, model);
        }

        var method = metadata.Backtest.Chosen;
        var n = history.Weeks.Count;
        var rows = new List<ForecastRow>();
        for (var i = 0; i < history.Series.Count; i++)
        {
            var s = history.Series[i];
            var forecast = SeriesForecaster.Forecast(history, i, n, options.Horizon, method, model);
            var mix = history.MixOf(s.Region);
            for (var h = 0; h < options.Horizon; h++)
            {
                var (low, high) = Interval(forecast[h], h + 1, metadata.Backtest.Intervals, options.IntervalCoverage, method == ForecastMethod.Model ? model : null, [i]);
                rows.Add(new ForecastRow(history.Horizon[h], s.Region, s.Platform, forecast[h], low, high,
                    options.Staffing.EngineersNeeded(forecast[h], mix)));
            }
        }

        // A region's interval comes from the back-test errors of region totals: summing the platforms' ends would
        // overstate it, since their errors partly cancel.
        var regions = rows.GroupBy(r => (r.Week, r.Region))
            .Select(g =>
            {
                var cases = g.Sum(r => r.Cases);
                var (low, high) = Interval(cases, history.StepsAhead(g.Key.Week), metadata.Backtest.RegionIntervals, options.IntervalCoverage,
                    method == ForecastMethod.Model ? model : null, history.SeriesIn(g.Key.Region));
                return new RegionWeek(g.Key.Week, g.Key.Region, cases, low, high, g.Sum(r => r.EngineersNeeded));
            })
            .OrderBy(r => r.Week).ThenBy(r => r.Region, StringComparer.Ordinal).ToList();

        return new ForecastResult(history.AsOf, history, method,
            rows.OrderBy(r => r.Week).ThenBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.Platform, StringComparer.Ordinal).ToList(),
            regions, metadata.Backtest,
            new ModelProvenance(reused, hash, store.MetadataPath, model is null ? null : store.ModelPath));
    }

    private static bool MadeWithSettings(ForecastModelMetadata saved, ForecastOptions options) =>
        saved.Settings == options.Model && saved.IntervalCoverage.Equals(options.IntervalCoverage);

    /// <summary>Why a read found no saved forecast it can use, in the reader's words.</summary>
    private static string WhyNoSavedForecast(ModelStore store, WorkloadHistory history, ForecastOptions options)
    {
        const string makers = "the forecast job, fts forecast and fts run make one";
        var saved = store.ReadMetadata();
        if (saved is null || !MadeWithSettings(saved, options))
            return $"no forecast has been made yet with the current Forecast settings ({makers})";
        // Same settings, other series: say which, so a new region or platform does not read as a missing forecast.
        var now = history.SeriesNames;
        var added = now.Except(saved.Series).ToList();
        var gone = saved.Series.Except(now).ToList();
        var latest = $"the latest forecast (history to {saved.LastWeek})";
        if (added.Count == 0 && gone.Count == 0)
            return $"{latest} was made by an earlier version of the forecaster; the next forecast will replace it ({makers})";
        return added.Count > 0
            ? $"{latest} does not cover {string.Join(", ", added)}, new since; the next forecast will ({makers})"
            : $"{latest} was made for {string.Join(", ", gone)}, no longer in the data; the next forecast will match it ({makers})";
    }

    /// <summary>
    /// The interval of a forecast <paramref name="step"/> weeks ahead: the back-test's spread around the mean. Without a
    /// back-test from a full year, the model's own: Poisson count noise plus the uncertainty of its weights, which a single
    /// year leaves wide (season and trend are learnt from one cycle); without a model, a Poisson spread (mean ± z·√mean).
    /// </summary>
    private static (double Low, double High) Interval(double mean, int step, IntervalSpread? spread, double coverage, CaseModel? model, IReadOnlyCollection<int> series)
    {
        // The mean's own uncertainty is capped at the mean itself: weights no data touched (a penalty of 0 and weeks of the
        // year not yet seen) would otherwise state an interval of any width.
        var (low, high) = spread is not null ? spread.Around(mean, step)
            : IntervalSpread.Poisson(coverage).Around(mean, step, Math.Min(model?.MeanVariance(series, step) ?? 0, mean * mean));
        return (Math.Min(low, mean), Math.Max(high, mean));
    }
}
