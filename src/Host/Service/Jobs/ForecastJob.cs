using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Host.Service.Jobs;

/// <summary>The weekly forecast: retrains on the history so far, back-tests, and writes the forecast CSV of the week.</summary>
/// <remarks>As-of is the run's start, so the history is every ISO week that ended before it, as <c>fts forecast</c> counts.</remarks>
public sealed class ForecastJob(Warehouse warehouse, ReferenceData reference, IConfiguration configuration, ILogger<ForecastJob> logger) : IServiceJob
{
    /// <inheritdoc />
    public string Name => JobNames.Forecast;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var options = ForecastCommands.Options(configuration, reference) with { Retrain = true };
        var result = WorkloadForecaster.Run(warehouse, options, run.Now);
        var csv = Path.Combine(run.OutFolder, $"forecast-{run.PeriodKey}.csv");
        using (var writer = new StreamWriter(csv)) TabularOutput.WriteCsv(ForecastCommands.Rows(result), writer);
        logger.LogInformation("Forecast {PeriodKey}: {Rows} rows with the {Method} method", run.PeriodKey, result.Rows.Count, result.Method);
        return Task.FromResult<IReadOnlyList<string>>([csv]);
    }
}
