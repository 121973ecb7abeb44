using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Host.Tests.Service;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>Delivery inside <c>fts serve</c>: after the review-packs job through Coravel, and again at a restart (nothing twice).</summary>
public sealed class ScheduledDeliveryTests : IDisposable
{
    private readonly SmtpSink _smtp = new();
    // Where the packs-to-share subscription drops its files (the harness makes its own folder for the rest).
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fts-delivery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _smtp.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The harness of <c>fts serve</c> with the real review-packs and true-up jobs and delivery, configured as web.md's example.</summary>
    private ServiceHarness Service()
    {
        var settings = Config(_folder, _smtp.Port);
        settings.Remove("Service:OutFolder");
        return new(Instant.FromUtc(2026, 9, 1, 0, 0), settings, services =>
        {
            services.AddSingleton<IServiceJob, ReviewPacksJob>();
            services.AddSingleton<IServiceJob, TrueUpJob>();
            DeliveryServices.Add(services);
        });
    }

    [Fact]
    public async Task ReviewPacksJob_OnTheFirstBusinessDay_DeliversPacksAndWorkbookOnceAndARestartSendsNothing()
    {
        using var h = Service();
        Seed(h.Store);
        h.Ledger.Succeed(h.Ledger.Start(JobNames.ReviewPacks, "2026Q2", 1, JobRunner.ScheduleTrigger, Instant.FromUtc(2026, 7, 1, 4, 0)), Instant.FromUtc(2026, 7, 1, 4, 1), []);

        await h.TickAt(new LocalDateTime(2026, 10, 1, 6, 0));   // Thursday: Q3's packs, then their delivery
        await h.TickAt(new LocalDateTime(2026, 10, 2, 6, 0));   // Friday: the job is done, so is the delivery

        Assert.Equal(["review-pack-A0001-2026Q3.pdf", "review-pack-A0003-2026Q3.pdf"], SmtpSink.Attachments(Assert.Single(_smtp.To(Sm1))));
        Assert.Equal(["review-pack-A0002-2026Q3.pdf"], SmtpSink.Attachments(Assert.Single(_smtp.To(Sm2))));
        Assert.Equal(["sla-2026Q3.xlsx"], SmtpSink.Attachments(Assert.Single(_smtp.To(Leadership))));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(_folder, "share")).Length);
        Assert.Empty(_smtp.To(Finance)); // the true-up subscription follows the true-up job, not this one
        var attempts = new DeliveryLedger(h.Store.Warehouse).Recent(100);
        Assert.All(attempts, a => Assert.Equal((DeliveryStatus.Delivered, "2026Q3", SubscriptionSender.AfterJobTrigger), (a.Status, a.PeriodKey, a.Trigger)));

        // A restart: the start-up catch-up looks at the latest period of each subscription's job and finds nothing owed.
        await h.Provider.GetRequiredService<SubscriptionSender>().CatchUpAsync(h.Ledger, CancellationToken.None);
        Assert.Equal(3, _smtp.Received.Count);
        Assert.Equal(attempts.Count, new DeliveryLedger(h.Store.Warehouse).Recent(100).Count);
    }

    [Fact]
    public async Task CatchUp_AfterAStopWithARecipientOwed_DeliversToThatRecipientOnly()
    {
        using var h = Service();
        Seed(h.Store);
        _smtp.Refuse(Sm2, times: 3); // the server refuses sm2 for the whole first run
        h.Ledger.Succeed(h.Ledger.Start(JobNames.ReviewPacks, "2026Q2", 1, JobRunner.ScheduleTrigger, Instant.FromUtc(2026, 7, 1, 4, 0)), Instant.FromUtc(2026, 7, 1, 4, 1), []);
        await h.TickAt(new LocalDateTime(2026, 10, 1, 6, 0));
        Assert.Empty(_smtp.To(Sm2));

        // The three tries are used up: a restart does not try again, and sends nobody anything twice.
        await h.Provider.GetRequiredService<SubscriptionSender>().CatchUpAsync(h.Ledger, CancellationToken.None);
        Assert.Empty(_smtp.To(Sm2));
        Assert.Single(_smtp.To(Sm1));
        var last = LastDelivery.Of(new DeliveryLedger(h.Store.Warehouse).LatestPeriodPerSubscription(), 3)["packs-to-managers"];
        Assert.Equal(("2026Q3", DeliveryStatus.Failed), (last.PeriodKey, last.Outcome));
        Assert.All(last.Recipients.Where(r => r.Recipient == Sm2), r => Assert.Equal((3, DeliveryStatus.Failed), (r.Attempt, r.Status)));
    }

    [Fact]
    public async Task CatchUp_AnInterruptedSend_CountsAsATryAndIsSentAgain()
    {
        using var h = Service();
        Seed(h.Store);
        var store = new DeliveryLedger(h.Store.Warehouse);
        h.Ledger.Succeed(h.Ledger.Start(JobNames.ReviewPacks, "2026Q3", 1, JobRunner.ScheduleTrigger, Instant.FromUtc(2026, 10, 1, 4, 0)), Instant.FromUtc(2026, 10, 1, 4, 5),
            ["review-pack-A0001-2026Q3.pdf"]);
        // The process stopped between recording the try and the server's answer.
        var settings = h.Provider.GetRequiredService<DeliverySettings>();
        var subscription = settings.Find("packs-to-managers");
        store.Start(subscription.Name, subscription.Report, "2026Q3", Sm1, 1, SubscriptionSender.AfterJobTrigger, Instant.FromUtc(2026, 10, 1, 4, 5), [], null);

        await h.Provider.GetRequiredService<SubscriptionSender>().CatchUpAsync(h.Ledger, CancellationToken.None);

        Assert.Single(_smtp.To(Sm1));
        var sm1 = store.Attempts("packs-to-managers").Where(a => a.Recipient == Sm1).ToList();
        Assert.Equal([(1, DeliveryStatus.Failed, SubscriptionSender.AfterJobTrigger), (2, DeliveryStatus.Delivered, SubscriptionSender.CatchUpTrigger)], sm1.Select(a => (a.Attempt, a.Status, a.Trigger)));
        Assert.Equal("interrupted: the process stopped during the send", sm1[0].ServerReply);
    }

    [Fact]
    public async Task TrueUpJob_ThatIssuedStatements_DeliversThemOnceAndADayWithoutStatementsSendsNothing()
    {
        using var h = Service();
        Seed(h.Store);

        await h.TickAt(new LocalDateTime(2026, 1, 1, 3, 0));   // contract year 1 of all four contracts ended on 31 December
        await h.TickAt(new LocalDateTime(2026, 1, 2, 3, 0));   // nothing ended on 1 January: no statements, no message

        var message = Assert.Single(_smtp.To(Finance));
        Assert.Equal("True-up statements for contract years ending on or before 2025-12-31", message.Subject);
        Assert.Equal(["trueup-summary-2025-12-31.xlsx", "trueup-statements-2025-12-31.zip"], SmtpSink.Attachments(message));
        Assert.Single(_smtp.Received);
        var attempt = Assert.Single(new DeliveryLedger(h.Store.Warehouse).Attempts("trueup-to-finance"));
        Assert.Equal(("2025-12-31", DeliveryStatus.Delivered), (attempt.PeriodKey, attempt.Status));
    }
}
