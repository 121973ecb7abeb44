using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Sample;
using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class IngestJobTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 1, 0);

    private static void WriteSet(string folder, string accountsCsv)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "accounts.csv"), accountsCsv);
    }

    private static IngestJob Job(ServiceHarness h) =>
        new(h.Settings, h.Store.Warehouse, ReferenceData.BuiltIn, h.Clock, NullLogger<IngestJob>.Instance);

    private static JobRunContext Run(string key, ServiceHarness h) => new(key, Now, null, h.Settings.OutFolder, CancellationToken.None);

    /// <summary>Runs the job for every waiting file set, as the runner does on one firing.</summary>
    private static async Task<IReadOnlyList<string>> RunWaiting(ServiceHarness h)
    {
        var job = Job(h);
        var outputs = new List<string>();
        foreach (var key in job.WaitingKeys()) outputs.AddRange(await job.RunAsync(Run(key, h)));
        return outputs;
    }

    [Fact]
    public async Task RunAsync_GoodAndBrokenFileSets_IngestedOneMovedToProcessedOtherToFailedWithReason()
    {
        using var h = new ServiceHarness(Now, jobs: JobNames.Ingest);
        var drop = h.Settings.DropFolder;
        WriteSet(Path.Combine(drop, "2026-11-24-crm"), "account_id,name,country,service_manager_email\nA0001,Acme,US,sm1@vendor.example\nA0002,Globex,NL,\n");
        WriteSet(Path.Combine(drop, "2026-11-24-broken"), "account_id,country\nA0009,US\n");

        var outputs = await RunWaiting(h);

        Assert.Equal([Path.Combine(drop, "failed", "2026-11-24-broken"), Path.Combine(drop, "processed", "2026-11-24-crm")], outputs);
        Assert.Equal(2L, h.Store.Scalar<long>("SELECT count(*) FROM accounts"));
        Assert.True(File.Exists(Path.Combine(drop, "processed", "2026-11-24-crm", "accounts.csv")));
        var reason = File.ReadAllText(Path.Combine(drop, "failed", "2026-11-24-broken.reason.txt"));
        Assert.Contains("name", reason);
        Assert.Equal([], IngestJob.FileSets(drop));
    }

    [Fact]
    public async Task RunAsync_SameNameAlreadyProcessed_KeptSideBySide()
    {
        using var h = new ServiceHarness(Now, jobs: JobNames.Ingest);
        var drop = h.Settings.DropFolder;
        Directory.CreateDirectory(Path.Combine(drop, "processed", "daily"));
        WriteSet(Path.Combine(drop, "daily"), "account_id,name,country,service_manager_email\nA0001,Acme,US,\n");

        var outputs = await RunWaiting(h);

        Assert.Equal([Path.Combine(drop, "processed", "daily-20261125T010000Z")], outputs);
    }

    [Fact]
    public async Task RunAsync_EmptyDropFolder_NothingToDo()
    {
        using var h = new ServiceHarness(Now, jobs: JobNames.Ingest);
        Assert.Empty(await RunWaiting(h));
    }

    [Fact]
    public async Task RunDueAsync_EveryMinute_EachFiringIngestsWhatIsWaitingKeyedByTheFileSet()
    {
        var settings = new Dictionary<string, string?> { ["Service:Schedules:ingest"] = "* * * * *" };
        using var h = new ServiceHarness(Now, settings, s => s.AddSingleton<IServiceJob, IngestJob>(), JobNames.Ingest);
        var drop = h.Settings.DropFolder;
        var runner = h.Provider.GetRequiredService<JobRunner>();
        WriteSet(Path.Combine(drop, "morning"), "account_id,name,country,service_manager_email\nA0001,Acme,US,\n");

        Assert.Equal(RunOutcome.Succeeded, await runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));
        // The same day, a minute later: nothing waiting records nothing; a new set (same name as an old one) is ingested.
        h.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(RunOutcome.NothingDue, await runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));
        WriteSet(Path.Combine(drop, "morning"), "account_id,name,country,service_manager_email\nA0002,Globex,NL,\n");
        h.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(RunOutcome.Succeeded, await runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));

        var runs = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Matches("^morning@[0-9a-f]{16}$", r.PeriodKey));
        Assert.NotEqual(runs[0].PeriodKey, runs[1].PeriodKey);
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Equal(2L, h.Store.Scalar<long>("SELECT count(*) FROM accounts"));
    }

    [Fact]
    public async Task RunDueAsync_DiskFull_FailureAndReasonInTheLedgerSetStaysNextFiringIngestsIt()
    {
        using var disk = new SmallDisk();
        var settings = new Dictionary<string, string?> { ["Service:Schedules:ingest"] = "* * * * *", ["Service:Retries"] = "0" };
        using var h = new ServiceHarness(new TempWarehouse(disk.PathOf("service")), Now, settings, s => s.AddSingleton<IServiceJob, IngestJob>(), JobNames.Ingest);
        var set = Path.Combine(h.Settings.DropFolder, "crm-export");
        SampleDropFolder.Write(set, new SampleOptions(3000, 11));
        disk.Fill(h.Store.DatabasePath);

        // Two firings on the full disk: each fails with the reason, and neither uses up the set's one try.
        Assert.Equal(RunOutcome.Failed, await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));
        h.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(RunOutcome.Failed, await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));

        var failed = h.Ledger.Runs(JobNames.Ingest);
        Assert.Equal(2, failed.Count);
        Assert.All(failed, r => Assert.Equal(RunStatus.Failed, r.Status));
        Assert.All(failed, r => Assert.StartsWith($"cannot write the database {h.Store.DatabasePath}: no space left on device", r.Error));
        Assert.Equal([set], IngestJob.FileSets(h.Settings.DropFolder));
        Assert.False(Directory.Exists(Path.Combine(h.Settings.DropFolder, IngestJob.Failed)));
        Assert.Equal(0L, h.Store.Scalar<long>("SELECT count(*) FROM cases"));

        disk.MakeRoom();
        h.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal(RunOutcome.Succeeded, await h.Runner.RunDueAsync(JobNames.Ingest, JobRunner.ScheduleTrigger, CancellationToken.None));

        Assert.Equal(RunStatus.Succeeded, h.Ledger.Runs(JobNames.Ingest)[^1].Status);
        Assert.Equal([], IngestJob.FileSets(h.Settings.DropFolder));
        Assert.True(Directory.Exists(Path.Combine(h.Settings.DropFolder, IngestJob.Processed, "crm-export")));
        Assert.True(h.Store.Scalar<long>("SELECT count(*) FROM cases") > 2500);
    }
}
