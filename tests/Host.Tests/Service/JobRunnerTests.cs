using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class JobRunnerTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 8, 0);

    [Fact]
    public async Task RunAtAsync_WeekdayMornings_ReviewPacksFireOnFirstBusinessDayAfterQuarterEnds()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.ReviewPacks);
        // Every day at 06:00 from 1 July to 5 October 2026: Coravel ticks on weekdays, the ledger keeps one run per quarter.
        for (var day = new LocalDate(2026, 7, 1); day <= new LocalDate(2026, 10, 5); day = day.PlusDays(1))
            await h.TickAt(day.At(new LocalTime(6, 0)));

        var runs = h.Jobs[JobNames.ReviewPacks].Runs;
        Assert.Equal(["2026Q2", "2026Q3"], runs.Select(r => r.PeriodKey));
        Assert.Equal(new LocalDateTime(2026, 10, 1, 6, 0), runs[1].Now.InZone(h.Settings.Zone).LocalDateTime);
    }

    [Fact]
    public async Task RunAtAsync_OffScheduleMinute_NothingRuns()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        await h.TickAt(new LocalDateTime(2026, 11, 25, 1, 1));
        Assert.Empty(h.Jobs[JobNames.Ingest].Runs);
        await h.TickAt(new LocalDateTime(2026, 11, 25, 1, 0));
        Assert.Equal(["2026-11-25"], h.Jobs[JobNames.Ingest].Runs.Select(r => r.PeriodKey));
    }

    [Fact]
    public async Task CatchUpAsync_DueTimeMissedWhileDown_RunsOnceAtStartUp()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        await h.TickAt(new LocalDateTime(2026, 11, 23, 1, 0));
        // Down on the 24th and the 25th at 01:00; started again at 09:00 on the 25th, twice (a restart).
        h.SetClock(new LocalDateTime(2026, 11, 25, 9, 0));
        await h.Runner.CatchUpAsync(CancellationToken.None);
        await h.Runner.CatchUpAsync(CancellationToken.None);

        var runs = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal(["2026-11-23", "2026-11-25"], runs.Select(r => r.PeriodKey));
        Assert.Equal([JobRunner.ScheduleTrigger, JobRunner.CatchUpTrigger], runs.Select(r => r.Trigger));
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Equal("2026-11-23", h.Jobs[JobNames.Ingest].Runs[1].Previous);
    }

    [Fact]
    public async Task CatchUpAsync_NothingMissed_RunsNothing()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        await h.TickAt(new LocalDateTime(2026, 11, 25, 1, 0));
        h.SetClock(new LocalDateTime(2026, 11, 25, 23, 0));
        await h.Runner.CatchUpAsync(CancellationToken.None);
        Assert.Single(h.Ledger.Runs(JobNames.Ingest));
    }

    [Fact]
    public async Task RunDueAsync_TickAndCatchUpOfOnePeriod_LedgerHoldsOneSuccess()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.SlaRefresh);
        await h.TickAt(new LocalDateTime(2026, 11, 25, 2, 0));
        await h.Runner.CatchUpAsync(CancellationToken.None);
        await h.TickAt(new LocalDateTime(2026, 11, 25, 2, 0));

        Assert.Equal(1L, h.Store.Scalar<long>("SELECT count(*) FROM job_runs WHERE job = 'sla-refresh' AND period_key = '2026-11-25' AND status = 'succeeded'"));
        Assert.Equal(0L, h.Store.Scalar<long>("SELECT count(*) FROM (SELECT job, period_key FROM job_runs WHERE status = 'succeeded' GROUP BY ALL HAVING count(*) > 1)"));
    }

    [Fact]
    public void Succeed_SecondSuccessOfOnePeriodKey_RefusedAndRecordedAsFailed()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        var first = h.Ledger.Start(JobNames.Ingest, "2026-11-25", 1, "schedule", Start);
        var second = h.Ledger.Start(JobNames.Ingest, "2026-11-25", 2, "schedule", Start);

        Assert.True(h.Ledger.Succeed(first, Start, []));
        Assert.False(h.Ledger.Succeed(second, Start, []));

        var runs = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal([RunStatus.Succeeded, RunStatus.Failed], runs.Select(r => r.Status));
        Assert.Equal("this period key already has a successful run", runs[1].Error);
    }

    [Fact]
    public async Task RunDueAsync_AlwaysFailing_TriedRetriesPlusOneTimesThenGivenUp()
    {
        using var h = new ServiceHarness(Start, new Dictionary<string, string?> { ["Service:Retries"] = "2" }, JobNames.Ingest);
        h.Jobs[JobNames.Ingest].FailNext = 100;
        h.SetClock(new LocalDateTime(2026, 11, 25, 1, 0));

        Assert.Equal(RunOutcome.Failed, await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));
        Assert.Equal(RunOutcome.GaveUp, await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.CatchUpTrigger, CancellationToken.None));

        var runs = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        Assert.All(runs, r => Assert.Equal(RunStatus.Failed, r.Status));
        Assert.Equal("InvalidOperationException: the drop folder share is offline", runs[2].Error);
        Assert.Equal(RunStatus.Failed, h.Ledger.LatestPerJob().Single().Status);
    }

    [Fact]
    public async Task RunDueAsync_FailsOnceThenWorks_SecondAttemptSucceeds()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        h.Jobs[JobNames.Ingest].FailNext = 1;
        await h.TickAt(new LocalDateTime(2026, 11, 25, 1, 0));

        var runs = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal([(1, RunStatus.Failed), (2, RunStatus.Succeeded)], runs.Select(r => (r.Attempt, r.Status)));
        Assert.Equal([Path.Combine(h.Settings.OutFolder, "ingest", "2026-11-25.txt")], runs[1].OutputPaths);
    }

    [Fact]
    public async Task RunDueAsync_WhileTheSameJobRuns_SecondIsSkipped()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        h.SetClock(new LocalDateTime(2026, 11, 25, 1, 0));
        var job = h.Jobs[JobNames.Ingest];
        job.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = Task.Run(() => h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));
        await job.WaitForRunAsync(1);
        var second = await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.CatchUpTrigger, CancellationToken.None);
        job.Hold.SetResult();

        Assert.Equal(RunOutcome.Overlapping, second);
        Assert.Equal(RunOutcome.Succeeded, await first);
        Assert.Single(h.Ledger.Runs(JobNames.Ingest));
    }

    [Fact]
    public void AbandonUnfinished_RunLeftRunningByACrash_MarkedFailed()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.Ingest);
        h.Ledger.Start(JobNames.Ingest, "2026-11-25", 1, "schedule", Start);

        Assert.Equal(1, h.Ledger.AbandonUnfinished(Start.Plus(Duration.FromMinutes(5))));
        var run = h.Ledger.Runs(JobNames.Ingest).Single();
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.StartsWith("interrupted", run.Error);
    }

    [Fact]
    public async Task CatchUpAsync_StoppedMidRunMoreOftenThanItsTries_RecordedStoppedAtTheStopNeverGivenUpAndRunsAgain()
    {
        using var h = new ServiceHarness(Start, jobs: JobNames.ReviewPacks);
        var job = h.Jobs[JobNames.ReviewPacks];
        h.SetClock(new LocalDateTime(2026, 10, 1, 7, 0));
        var stops = new List<Instant>();
        for (var i = 1; i <= h.Settings.MaxAttempts + 1; i++)
        {
            job.Hold = new TaskCompletionSource();
            using var stop = new CancellationTokenSource();
            var running = h.Runner.CatchUpAsync(stop.Token);
            await job.WaitForRunAsync(i);
            h.Clock.Advance(Duration.FromMinutes(1));
            stops.Add(h.Clock.GetCurrentInstant());
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            h.Clock.Advance(Duration.FromMinutes(5)); // the restart
        }
        job.Hold = null;
        await h.Runner.CatchUpAsync(CancellationToken.None);

        var runs = h.Ledger.Runs(JobNames.ReviewPacks);
        Assert.All(runs, r => Assert.Equal(("2026Q3", 1), (r.PeriodKey, r.Attempt)));
        Assert.Equal([.. Enumerable.Repeat(RunStatus.Stopped, stops.Count), RunStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Equal(stops, runs.Take(stops.Count).Select(r => r.FinishedAt!.Value));
    }
}
