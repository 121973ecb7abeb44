using JuniperFts.Domain.Reference;
using JuniperFts.Host.Service;
using JuniperFts.Host.Service.Jobs;
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

    private static JobRunContext Run(ServiceHarness h) => new("2026-11-25", Now, null, h.Settings.OutFolder, CancellationToken.None);

    [Fact]
    public async Task RunAsync_GoodAndBrokenFileSets_IngestedOneMovedToProcessedOtherToFailedWithReason()
    {
        using var h = new ServiceHarness(Now, jobs: JobNames.Ingest);
        var drop = h.Settings.DropFolder;
        WriteSet(Path.Combine(drop, "2026-11-24-crm"), "account_id,name,country,service_manager_email\nA0001,Acme,US,sm1@vendor.example\nA0002,Globex,NL,\n");
        WriteSet(Path.Combine(drop, "2026-11-24-broken"), "account_id,country\nA0009,US\n");

        var outputs = await Job(h).RunAsync(Run(h));

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

        var outputs = await Job(h).RunAsync(Run(h));

        Assert.Equal([Path.Combine(drop, "processed", "daily-20261125T010000Z")], outputs);
    }

    [Fact]
    public async Task RunAsync_EmptyDropFolder_NothingToDo()
    {
        using var h = new ServiceHarness(Now, jobs: JobNames.Ingest);
        Assert.Empty(await Job(h).RunAsync(Run(h)));
    }
}
