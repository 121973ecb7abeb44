using JuniperFts.Forecast;
using JuniperFts.Reports.ForecastChart;
using JuniperFts.Store;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>The weekly forecast: retrains on the history so far, back-tests, and writes the forecast CSV of the week.</summary>
/// <remarks>
/// As-of is the run's start, so the history is every ISO week that ended before it, as <c>fts forecast</c> counts.
/// The model it saves is the one the portal's and the review-pack job's packs use until the next run.
/// </remarks>
public sealed class ForecastJob(Warehouse warehouse, ForecastOptions options, ILogger<ForecastJob> logger) : IServiceJob
{
    /// <inheritdoc />
    public string Name => JobNames.Forecast;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var result = WorkloadForecaster.Run(warehouse, options with { Training = ModelTraining.Always }, run.Now);
        var csv = Path.Combine(run.OutFolder, $"forecast-{run.PeriodKey}.csv");
        ForecastTable.WriteCsv(result, csv);
        logger.LogInformation("Forecast {PeriodKey}: {Rows} rows with the {Method} method", run.PeriodKey, result.Rows.Count, result.Method);
        return Task.FromResult<IReadOnlyList<string>>([csv]);
    }
}
