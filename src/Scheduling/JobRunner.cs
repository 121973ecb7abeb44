using System.Collections.Concurrent;
using JuniperFts.Domain;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Scheduling;

/// <summary>What one run of a job is asked to do.</summary>
/// <param name="PeriodKey">The period this run covers ("2026-11-25", "2026-W48", "2026Q3").</param>
/// <param name="PreviousPeriodKey">The period key of the job's latest successful run before this one, if any.</param>
/// <param name="OutFolder">The job's own output folder (created).</param>
public sealed record JobRunContext(string PeriodKey, Instant Now, string? PreviousPeriodKey, string OutFolder, CancellationToken Cancellation);

/// <summary>A scheduled job of <c>fts serve</c>; it returns the paths of the files it wrote.</summary>
public interface IServiceJob
{
    /// <summary>One of <see cref="JobNames"/>.</summary>
    string Name { get; }

    /// <summary>Does the work for <see cref="JobRunContext.PeriodKey"/>; throws to fail the attempt.</summary>
    Task<IReadOnlyList<string>> RunAsync(JobRunContext run);
}

/// <summary>
/// A job whose runs are keyed by the work waiting for it rather than by a calendar period: each firing runs
/// every waiting key that has no success yet, and a firing with nothing waiting records nothing.
/// </summary>
public interface IWaitingWorkJob : IServiceJob
{
    /// <summary>The keys of the work waiting now, in the order to run it; each becomes a run's period key.</summary>
    IReadOnlyList<string> WaitingKeys();
}

/// <summary>Work that follows a job's success (delivery of what it wrote); its failures are its own and never fail the job.</summary>
public interface IAfterJobSuccess
{
    /// <summary>Called once after run <paramref name="run"/> of <paramref name="job"/> was recorded as succeeded.</summary>
    Task AfterSucceededAsync(string job, JobRunContext run, IReadOnlyList<string> outputs);
}

/// <summary>How a request to run a job ended.</summary>
public enum RunOutcome
{
    /// <summary>No due time in the look-back window.</summary>
    NothingDue,
    /// <summary>The due period already has a successful run.</summary>
    AlreadySucceeded,
    /// <summary>The due period used up its tries; it stays failed until someone looks.</summary>
    GaveUp,
    /// <summary>Another run of the same job was still going.</summary>
    Overlapping,
    Succeeded,
    Failed,
}

/// <summary>
/// Runs the due period of a job with the ledger's guarantees: one success per period key, bounded tries,
/// never two runs of one job at once (also across the scheduler and the start-up catch-up).
/// </summary>
public sealed class JobRunner(IEnumerable<IServiceJob> jobs, ServiceSettings settings, RunLedger ledger, IClock clock, ILogger<JobRunner> logger,
    IEnumerable<IAfterJobSuccess> followUps)
{
    /// <summary>Trigger recorded for a run started by the cron schedule.</summary>
    public const string ScheduleTrigger = "schedule";
    /// <summary>Trigger recorded for a run of a due time missed while the service was down.</summary>
    public const string CatchUpTrigger = "catch-up";

    private readonly Dictionary<string, IServiceJob> _jobs = jobs.ToDictionary(j => j.Name);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    /// <summary>The jobs this runner can run (those whose feature is in the build).</summary>
    public IReadOnlyCollection<string> Jobs => _jobs.Keys;

    /// <summary>Runs every job's latest due period that has no success yet, once, in <see cref="JobNames.All"/> order.</summary>
    public async Task CatchUpAsync(CancellationToken cancellation)
    {
        var abandoned = ledger.AbandonUnfinished(clock.GetCurrentInstant());
        if (abandoned > 0) logger.LogWarning("Marked {Count} runs interrupted by the last stop as failed", abandoned);
        foreach (var job in JobNames.All.Where(_jobs.ContainsKey))
            await RunDueAsync(job, CatchUpTrigger, cancellation);
    }

    /// <summary>Runs <paramref name="job"/> for its latest due period unless the ledger says it is done or given up.</summary>
    public async Task<RunOutcome> RunDueAsync(string job, string trigger, CancellationToken cancellation)
    {
        var gate = _gates.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellation))
        {
            logger.LogInformation("Job {Job} is still running; the {Trigger} run is skipped", job, trigger);
            return RunOutcome.Overlapping;
        }
        try
        {
            return await RunLockedAsync(_jobs[job], trigger, cancellation);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RunOutcome> RunLockedAsync(IServiceJob job, string trigger, CancellationToken cancellation)
    {
        if (job is IWaitingWorkJob waiting)
        {
            var outcome = RunOutcome.NothingDue;
            foreach (var key in waiting.WaitingKeys())
            {
                var one = await RunPeriodAsync(job, key, trigger, cancellation);
                // The firing's outcome is its worst: one failed key shows even if the others succeeded.
                if (one == RunOutcome.Failed || outcome is RunOutcome.NothingDue or RunOutcome.AlreadySucceeded) outcome = one;
            }
            return outcome;
        }
        var due = settings.Calendar.LatestDue(settings.Plan(job.Name), clock.GetCurrentInstant());
        return due is { } run ? await RunPeriodAsync(job, run.PeriodKey, trigger, cancellation) : RunOutcome.NothingDue;
    }

    private async Task<RunOutcome> RunPeriodAsync(IServiceJob job, string periodKey, string trigger, CancellationToken cancellation)
    {
        var history = ledger.History(job.Name, periodKey);
        if (history.Succeeded) return RunOutcome.AlreadySucceeded;
        if (history.Attempts >= settings.MaxAttempts)
        {
            logger.LogDebug("Job {Job} period {PeriodKey} used its {Attempts} tries; not retried", job.Name, periodKey, history.Attempts);
            return RunOutcome.GaveUp;
        }

        var previous = ledger.LastSucceededPeriod(job.Name);
        var outFolder = Path.Combine(settings.OutFolder, job.Name);
        for (var attempt = history.Attempts + 1; attempt <= settings.MaxAttempts; attempt++)
        {
            var started = clock.GetCurrentInstant();
            long runId;
            try
            {
                runId = ledger.Start(job.Name, periodKey, attempt, trigger, started);
            }
            catch (UserError e) when (e.Transient)
            {
                // The disk cannot take even the ledger row: the service keeps serving and the next firing tries again.
                logger.LogError("Job {Job} period {PeriodKey} not started: {Error}", job.Name, periodKey, e.Message);
                return RunOutcome.Failed;
            }
            Instant? stopAskedAt = null;
            using var stopRequest = cancellation.Register(() => stopAskedAt = clock.GetCurrentInstant());
            logger.LogInformation("Job {Job} period {PeriodKey} attempt {Attempt} started ({Trigger})", job.Name, periodKey, attempt, trigger);
            var context = new JobRunContext(periodKey, started, previous, outFolder, cancellation);
            IReadOnlyList<string> outputs;
            try
            {
                Directory.CreateDirectory(outFolder);
                outputs = await job.RunAsync(context);
                if (ledger.Succeed(runId, clock.GetCurrentInstant(), outputs))
                    logger.LogInformation("Job {Job} period {PeriodKey} succeeded with {Outputs} outputs", job.Name, periodKey, outputs.Count);
                else
                {
                    logger.LogWarning("Job {Job} period {PeriodKey} finished but the period already had a success", job.Name, periodKey);
                    return RunOutcome.AlreadySucceeded;
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // A stop is not a failure: it uses no try, and the catch-up at the next start runs the period again.
                ledger.Stop(runId, stopAskedAt ?? clock.GetCurrentInstant());
                logger.LogInformation("Job {Job} period {PeriodKey} stopped with the service", job.Name, periodKey);
                throw;
            }
            catch (UserError e) when (e.Transient)
            {
                // The machine's fault (a full disk), not the period's: recorded with its reason, using no try, so the
                // next firing runs the period again (the ingest's file set waits in the drop folder) once there is room.
                try
                {
                    ledger.Fail(runId, clock.GetCurrentInstant(), e.Message, usesTry: false);
                }
                catch (UserError unrecorded) when (unrecorded.Transient)
                {
                    // Not even the ledger row fits: the log line below is the record; the next start marks the run interrupted.
                }
                logger.LogError("Job {Job} period {PeriodKey} failed (no try used; the next firing runs it again): {Error}", job.Name, periodKey, e.Message);
                return RunOutcome.Failed;
            }
            catch (Exception e)
            {
                var error = Describe(e);
                ledger.Fail(runId, clock.GetCurrentInstant(), error);
                logger.LogError("Job {Job} period {PeriodKey} attempt {Attempt} of {MaxAttempts} failed: {Error}",
                    job.Name, periodKey, attempt, settings.MaxAttempts, error);
                if (attempt < settings.MaxAttempts && settings.RetryDelay > Duration.Zero)
                    await Task.Delay(settings.RetryDelay.ToTimeSpan(), cancellation);
                continue;
            }
            // After the try: the job's success is recorded and stands whatever follows it.
            foreach (var followUp in followUps) await FollowUpAsync(followUp, job.Name, context, outputs);
            return RunOutcome.Succeeded;
        }
        return RunOutcome.Failed;
    }

    private async Task FollowUpAsync(IAfterJobSuccess followUp, string job, JobRunContext context, IReadOnlyList<string> outputs)
    {
        try
        {
            await followUp.AfterSucceededAsync(job, context, outputs);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("After job {Job} period {PeriodKey}: {FollowUp} failed: {Error}", job, context.PeriodKey, followUp.GetType().Name, Describe(e));
        }
    }

    /// <summary>One line for the ledger: a user mistake as written, anything else with its type.</summary>
    private static string Describe(Exception e) => e is UserError
        ? e.Message
        : $"{e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}";
}
