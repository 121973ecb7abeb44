using JuniperFts.Domain;
using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Delivery;

/// <summary>What happened to one recipient in a delivery run.</summary>
/// <param name="Outcome">One of <see cref="RecipientOutcome"/>'s constants.</param>
/// <param name="Attempts">Tries recorded for this recipient and period, all runs together.</param>
/// <param name="Reply">The server's last reply (or the folder's error).</param>
public sealed record RecipientResult(string Recipient, IReadOnlyList<string> Files, string Outcome, int Attempts, string? Reply, Instant? DeliveredAt);

/// <summary>The outcomes of <see cref="RecipientResult"/>.</summary>
public static class RecipientOutcome
{
    public const string Delivered = "delivered";
    /// <summary>Delivered by an earlier run; not sent again.</summary>
    public const string AlreadyDelivered = "already delivered";
    /// <summary>Every try failed; not tried again.</summary>
    public const string Failed = "failed";
    /// <summary>A dry run: this recipient would get these files.</summary>
    public const string WouldSend = "would send";
    /// <summary>A test send went to the test address (not recorded).</summary>
    public const string TestSent = "test sent";
}

/// <summary>One run of a subscription for a period.</summary>
/// <param name="Unaddressed">Packs of accounts without a service manager e-mail.</param>
public sealed record DeliveryRun(Subscription Subscription, ReportDocuments Reports, IReadOnlyList<RecipientResult> Recipients, IReadOnlyList<DeliveryFile> Unaddressed)
{
    /// <summary>True when a recipient's delivery failed for good in this run.</summary>
    public bool AnyFailed => Recipients.Any(r => r.Outcome == RecipientOutcome.Failed);
}

/// <summary>
/// Scheduled delivery: sends a subscription's reports for a period to each recipient exactly once, as the delivery
/// ledger records it. What <c>fts deliver</c>, the jobs of <c>fts serve</c> and its start-up call.
/// </summary>
/// <remarks>
/// Each recipient is tried up to <see cref="DeliverySettings.MaxAttempts"/> times over all runs together; a failure of one
/// recipient never stops the others. An attempt is recorded before it is sent; only the moment between the server's
/// "250 OK" and the ledger's commit is not covered, and a resend after a crash there carries the same Message-Id.
/// </remarks>
public sealed class SubscriptionSender(DeliverySettings settings, DeliveryLedger ledger, ReportCollector collector, IClock clock, ILogger<SubscriptionSender> logger)
    : IAfterJobSuccess
{
    /// <summary>Trigger recorded for a delivery that follows a job's success.</summary>
    public const string AfterJobTrigger = "after-job";
    /// <summary>Trigger recorded for a delivery resumed at start-up.</summary>
    public const string CatchUpTrigger = "catch-up";
    /// <summary>Trigger recorded for <c>fts deliver</c>.</summary>
    public const string CommandTrigger = "fts-deliver";

    // One delivery run at a time: the scheduler's jobs and the start-up catch-up never send side by side.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The configured subscriptions.</summary>
    public DeliverySettings Settings => settings;

    /// <summary>Delivers <paramref name="subscription"/> for <paramref name="periodKey"/> to every recipient that has not had it and has tries left.</summary>
    public async Task<DeliveryRun> DeliverAsync(Subscription subscription, string periodKey, string trigger, Instant asOf, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation);
        try
        {
            var (reports, plan) = Plan(subscription, periodKey, asOf);
            var histories = ledger.Histories(subscription.Name, reports.PeriodKey);
            var results = new Dictionary<string, RecipientResult>(StringComparer.Ordinal);
            var pending = new List<RecipientFiles>();
            foreach (var recipient in plan.Recipients)
            {
                var history = histories.GetValueOrDefault(recipient.Address);
                if (history.Delivered)
                    results[recipient.Address] = Result(recipient, RecipientOutcome.AlreadyDelivered, history.Attempts, null, history.DeliveredAt);
                else if (history.Attempts >= settings.MaxAttempts)
                    results[recipient.Address] = Result(recipient, RecipientOutcome.Failed, history.Attempts, "no tries left: see the delivery ledger (/api/jobs)", null);
                else
                    pending.Add(recipient);
            }

            var attempts = pending.ToDictionary(p => p.Address, p => histories.GetValueOrDefault(p.Address).Attempts, StringComparer.Ordinal);
            while (pending.Count > 0)
            {
                var failed = new List<RecipientFiles>();
                await using (var mailer = settings.Smtp is { } smtp ? new SmtpMailer(smtp) : null)
                {
                    foreach (var recipient in pending)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        var attempt = ++attempts[recipient.Address];
                        var (ok, reply) = await SendAsync(subscription, reports, recipient, attempt, trigger, mailer, cancellation);
                        if (ok)
                            results[recipient.Address] = Result(recipient, RecipientOutcome.Delivered, attempt, reply, clock.GetCurrentInstant());
                        else
                        {
                            results[recipient.Address] = Result(recipient, RecipientOutcome.Failed, attempt, reply, null);
                            if (attempt < settings.MaxAttempts) failed.Add(recipient);
                        }
                    }
                }
                pending = failed;
                if (pending.Count > 0 && settings.RetryDelay > TimeSpan.Zero)
                    await Task.Delay(settings.RetryDelay, cancellation);
            }

            foreach (var file in plan.Unaddressed)
                logger.LogWarning("Subscription {Subscription} {Period}: account {Account} has no service manager e-mail; its pack goes to nobody",
                    subscription.Name, reports.PeriodKey, file.AccountId);
            return new DeliveryRun(subscription, reports, plan.Recipients.Select(p => results[p.Address]).ToList(), plan.Unaddressed);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Who would get which files, and what the ledger says of each; sends nothing, records nothing.</summary>
    public DeliveryRun DryRun(Subscription subscription, string periodKey, Instant asOf)
    {
        var (reports, plan) = Plan(subscription, periodKey, asOf);
        var histories = ledger.Histories(subscription.Name, reports.PeriodKey);
        var results = plan.Recipients.Select(p =>
        {
            var h = histories.GetValueOrDefault(p.Address);
            var outcome = h.Delivered ? RecipientOutcome.AlreadyDelivered : h.Attempts >= settings.MaxAttempts ? RecipientOutcome.Failed : RecipientOutcome.WouldSend;
            return Result(p, outcome, h.Attempts, null, h.DeliveredAt);
        }).ToList();
        return new DeliveryRun(subscription, reports, results, plan.Unaddressed);
    }

    /// <summary>Sends every recipient's message to <paramref name="address"/> only, marked as a test; records nothing.</summary>
    /// <exception cref="UserError">A folder subscription, or no SMTP server configured.</exception>
    public async Task<DeliveryRun> TestSendAsync(Subscription subscription, string periodKey, string address, Instant asOf, CancellationToken cancellation)
    {
        var smtp = settings.Smtp ?? throw new UserError("--to: Delivery:Smtp:Host is not configured, so nothing can be sent");
        var (reports, plan) = Plan(subscription, periodKey, asOf);
        var results = new List<RecipientResult>();
        await using var mailer = new SmtpMailer(smtp);
        foreach (var recipient in plan.Recipients)
        {
            var message = DeliveryMessage.Compose(subscription, reports, recipient, smtp, settings.PortalUrl, clock.GetCurrentInstant(), testSendTo: address);
            try
            {
                var reply = await mailer.SendAsync(message, cancellation);
                results.Add(Result(recipient, RecipientOutcome.TestSent, 0, reply, null));
            }
            catch (DeliveryFailure e)
            {
                results.Add(Result(recipient, RecipientOutcome.Failed, 0, e.Reply, null));
            }
        }
        return new DeliveryRun(subscription, reports, results, plan.Unaddressed);
    }

    /// <summary>After a job's success: delivers the subscriptions that follow that job, for the period it produced.</summary>
    public async Task AfterSucceededAsync(string job, JobRunContext run, IReadOnlyList<string> outputs)
    {
        if (PeriodAfter(job, run.PeriodKey, outputs) is not { } period) return;
        foreach (var subscription in settings.Subscriptions.Where(s => s.AfterJob == job))
            await DeliverLoggedAsync(subscription, period, AfterJobTrigger, run.Now, run.Cancellation);
    }

    /// <summary>At start-up: marks interrupted attempts failed, then resumes each subscription's latest period of its job where recipients are still owed.</summary>
    public async Task CatchUpAsync(RunLedger runs, CancellationToken cancellation)
    {
        var abandoned = ledger.AbandonUnfinished(clock.GetCurrentInstant());
        if (abandoned > 0) logger.LogWarning("Marked {Count} deliveries interrupted by the last stop as failed tries", abandoned);
        foreach (var subscription in settings.Subscriptions)
        {
            var last = runs.Runs(subscription.AfterJob).LastOrDefault(r => r.Status == RunStatus.Succeeded && r.OutputPaths.Count > 0);
            if (last is not null && PeriodAfter(subscription.AfterJob, last.PeriodKey, last.OutputPaths) is { } period)
                await DeliverLoggedAsync(subscription, period, CatchUpTrigger, clock.GetCurrentInstant(), cancellation);
        }
    }

    /// <summary>The delivery period that a success of <paramref name="job"/> for <paramref name="periodKey"/> produced, if any.</summary>
    private static string? PeriodAfter(string job, string periodKey, IReadOnlyList<string> outputs) => job switch
    {
        JobNames.ReviewPacks => periodKey,
        // A true-up run that issued no statement has nothing to deliver; its period is the due date it issued for.
        JobNames.TrueUp when outputs.Count > 0 => LocalDatePattern.Iso.Format(PeriodKeys.TrueUpDueDate(periodKey)),
        _ => null,
    };

    private async Task DeliverLoggedAsync(Subscription subscription, string period, string trigger, Instant asOf, CancellationToken cancellation)
    {
        try
        {
            var run = await DeliverAsync(subscription, period, trigger, asOf, cancellation);
            foreach (var r in run.Recipients.Where(r => r.Outcome == RecipientOutcome.Failed))
                logger.LogError("Subscription {Subscription} {Period}: a delivery failed after {Attempts} tries ({Reply}; the whole reply is in /api/jobs)",
                    subscription.Name, period, r.Attempts, ReplyCode(r.Reply));
            logger.LogInformation("Subscription {Subscription} {Period}: {Delivered} delivered, {Already} delivered before, {Failed} failed",
                subscription.Name, period, run.Recipients.Count(r => r.Outcome == RecipientOutcome.Delivered),
                run.Recipients.Count(r => r.Outcome == RecipientOutcome.AlreadyDelivered), run.Recipients.Count(r => r.Outcome == RecipientOutcome.Failed));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Building the reports failed (disk, database): the job's own outputs stand; the catch-up at the next start tries again.
            logger.LogError("Subscription {Subscription} {Period}: could not prepare the delivery: {Error}", subscription.Name, period, e.GetType().Name + ": " + e.Message);
        }
    }

    private (ReportDocuments, DeliveryPlan) Plan(Subscription subscription, string periodKey, Instant asOf)
    {
        var key = ReportCollector.PeriodKey(subscription.Report, periodKey);
        var reports = collector.Collect(subscription.Report, key, asOf);
        return (reports, DeliveryPlan.For(subscription, reports, ledger.Accounts()));
    }

    private async Task<(bool Ok, string Reply)> SendAsync(Subscription subscription, ReportDocuments reports, RecipientFiles recipient, int attempt, string trigger,
        SmtpMailer? mailer, CancellationToken cancellation)
    {
        var now = clock.GetCurrentInstant();
        var files = recipient.Files.Select(f => f.Path).ToList();
        // A folder gets the files copied; an e-mail one is composed first, so its Message-Id goes into the ledger with the try.
        var message = recipient.IsFolder ? null
            : DeliveryMessage.Compose(subscription, reports, recipient, settings.Smtp!, settings.PortalUrl, now); // validated: a subscription with To has an SMTP host
        var id = ledger.Start(subscription.Name, subscription.Report, reports.PeriodKey, recipient.Address, attempt, trigger, now, files, message?.MessageId);
        try
        {
            var reply = message is null
                ? $"{FolderDrop.Deliver(recipient.Address, recipient.Files, subscription.Timestamp, now).Count} files written"
                : await mailer!.SendAsync(message, cancellation);
            return (ledger.Delivered(id, clock.GetCurrentInstant(), reply), reply);
        }
        catch (DeliveryFailure e)
        {
            ledger.Failed(id, clock.GetCurrentInstant(), e.Reply);
            logger.LogWarning("Subscription {Subscription} {Period}: try {Attempt} failed ({Reply})", subscription.Name, reports.PeriodKey, attempt, ReplyCode(e.Reply));
            return (false, e.Reply);
        }
    }

    /// <summary>The SMTP status code of a reply, for logs: the reply's text may name the recipient, and logs name no one.</summary>
    private static string ReplyCode(string? reply) => DeliveryFailure.CodeOf(reply) is { } code ? "SMTP " + code : "not sent";

    private static RecipientResult Result(RecipientFiles recipient, string outcome, int attempts, string? reply, Instant? at) =>
        new(recipient.Address, recipient.Files.Select(f => f.Name).ToList(), outcome, attempts, reply, at);
}
