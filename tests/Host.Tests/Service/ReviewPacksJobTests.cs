using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Host.Tests.Web;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class ReviewPacksJobTests
{
    [Fact]
    public async Task RunAtAsync_FirstBusinessDayAfterQ3_OnePackPerAccountForQ3()
    {
        using var h = new ServiceHarness(Instant.FromUtc(2026, 9, 1, 0, 0), null, services => services.AddSingleton<IServiceJob, ReviewPacksJob>());
        PortalData.Seed(h.Store);
        // Q2's run is on the ledger already, as if the service had been up on 1 July.
        h.Ledger.Succeed(h.Ledger.Start(JobNames.ReviewPacks, "2026Q2", 1, JobRunner.ScheduleTrigger, Instant.FromUtc(2026, 7, 1, 4, 0)), Instant.FromUtc(2026, 7, 1, 4, 1), []);

        await h.TickAt(new LocalDateTime(2026, 9, 30, 6, 0));   // Wednesday, last day of Q3: nothing due
        await h.TickAt(new LocalDateTime(2026, 10, 1, 6, 0));   // Thursday: Q3's packs
        await h.TickAt(new LocalDateTime(2026, 10, 2, 6, 0));   // Friday: done already

        var run = Assert.Single(h.Ledger.Runs(JobNames.ReviewPacks), r => r.PeriodKey == "2026Q3");
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(["review-pack-A0001-2026Q3.pdf", "review-pack-A0002-2026Q3.pdf", "review-pack-A0003-2026Q3.pdf"],
            run.OutputPaths.Select(Path.GetFileName));
        Assert.All(run.OutputPaths, p => Assert.True(new FileInfo(p).Length > 1000));
        Assert.Equal(2, h.Ledger.Runs(JobNames.ReviewPacks).Count);
    }
}
