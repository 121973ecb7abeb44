using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>Re-evaluates the first-response SLA of the cases that changed since the last refresh.</summary>
public sealed class SlaRefreshJob(Warehouse warehouse, ReferenceData reference, ILogger<SlaRefreshJob> logger) : IServiceJob
{
    /// <inheritdoc />
    public string Name => JobNames.SlaRefresh;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var count = SlaRefresh.Run(warehouse, reference);
        logger.LogInformation("SLA refresh re-evaluated {Cases} cases", count);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}
