using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.ReviewPack;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>On the first business day after a quarter ends: a review pack per account for the quarter that ended.</summary>
/// <remarks>
/// SLA is judged at the run's start; the packs go to <c>review-packs/2026Q3/</c>, one PDF per account. Their forecast is the
/// one the forecast job saved last (the job never trains a model itself).
/// </remarks>
public sealed class ReviewPacksJob(Warehouse warehouse, ReferenceData reference, ReviewPackOptions options, ILogger<ReviewPacksJob> logger) : IServiceJob
{
    /// <inheritdoc />
    public string Name => JobNames.ReviewPacks;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var quarter = Quarter.Parse(run.PeriodKey);
        var written = ReviewPacks.WriteAll(warehouse, reference, quarter, run.Now, Path.Combine(run.OutFolder, run.PeriodKey), options,
            run.Cancellation);
        logger.LogInformation("Review packs {Quarter}: {Packs} written", run.PeriodKey, written.Count);
        return Task.FromResult(written);
    }
}
