using JuniperFts.Reports.TrueUp;
using Microsoft.Extensions.Logging;
using NodaTime.Text;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>
/// The daily true-up: issues a statement (PDF, CSV, JSON) for every contract year whose last day is before the
/// run's date and that has none yet, so a year ended since the last run, or while the service was down, is issued once.
/// </summary>
/// <remarks>
/// The period key is the run's local date; the due date is the day before, because a contract year whose last
/// day is today is not over at 03:00. Statements already issued are left alone (the true-up keeps its own ledger).
/// </remarks>
public sealed class TrueUpJob(TrueUpService trueUp, ILogger<TrueUpJob> logger) : IServiceJob
{
    /// <inheritdoc />
    public string Name => JobNames.TrueUp;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        var due = PeriodKeys.TrueUpDueDate(run.PeriodKey);
        var folder = Path.Combine(run.OutFolder, run.PeriodKey);
        var issued = trueUp.IssueDue(due, folder, reissue: false, onlyNew: true, run.Cancellation);
        var written = issued.Statements.SelectMany(s => s.Files).ToList();
        logger.LogInformation("True-up due by {Due}: {Issued} statements issued, {Total} contract years due in all",
            LocalDatePattern.Iso.Format(due), issued.Statements.Count(s => s.Files.Count > 0), issued.Statements.Count);
        if (written.Count > 0) return Task.FromResult<IReadOnlyList<string>>([.. written, issued.SummaryPath]);

        // Most days no contract year ends: keep no summary that only repeats statements issued before.
        File.Delete(issued.SummaryPath);
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}
