using System.CommandLine;
using JuniperFts.Delivery;
using JuniperFts.Domain;
using JuniperFts.Forecast;
using JuniperFts.Host.Cli;
using JuniperFts.Host.Settings;
using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Delivery;

/// <summary><c>fts deliver --subscription NAME --period P [--to ADDRESS] [--dry-run]</c>: one subscription's reports for a period, now.</summary>
public static class DeliverCommand
{
    /// <summary>Exit code when a recipient's delivery failed (the others were delivered).</summary>
    public const int SomeFailedExit = 1;

    public static IEnumerable<Command> Create(CliContext context)
    {
        var subscription = new Option<string>("--subscription") { Description = "The subscription's Name in Delivery:Subscriptions", Required = true };
        var period = new Option<string>("--period") { Description = "A quarter (2026Q3) for review-packs and sla-workbook; the due date (2026-12-31) for trueup", Required = true };
        var to = new Option<string?>("--to") { Description = "A test send to this address only, marked as a test and not recorded as the delivery" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List who would get which files; send nothing, record nothing" };
        var asOf = CommonOptions.AsOf();
        var command = new Command("deliver", "Send one subscription's reports for a period now, to each recipient that has not had them (see the delivery ledger)")
        {
            subscription, period, to, dryRun, asOf,
        };
        command.SetAction(async (pr, cancellation) =>
        {
            // Every argument and setting is checked before the database is opened.
            var settings = context.Settings.Delivery;
            var chosen = settings.Find(pr.GetValue(subscription)!);
            var periodKey = ReportCollector.PeriodKey(chosen.Report, pr.GetValue(period)!);
            var testAddress = pr.GetValue(to);
            if (testAddress is not null)
            {
                if (pr.GetValue(dryRun)) throw new UserError("--to and --dry-run: give one of them (a test send, or a list of who would get what)");
                if (chosen.Folder is not null) throw new UserError($"--to: subscription '{chosen.Name}' delivers into a folder, not by e-mail");
                if (!SettingReader.TryEmail(testAddress, out var parsed))
                    throw new UserError($"--to: '{testAddress}' is not an e-mail address");
                testAddress = parsed.Address;
            }

            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            // Held for the command's life, so the ledger's many small units of work reuse the open database
            // instead of opening and checkpointing the file for each one.
            using var held = warehouse.Connect();
            var sender = new SubscriptionSender(settings, new DeliveryLedger(warehouse),
                new ReportCollector(warehouse, context.Reference, context.Settings.ReviewPacks(ModelTraining.Never), context.Settings.Workbook,
                    context.Clock, ServiceSection.OutFolderOf(context.Settings.Configuration)),
                context.Clock, NullLogger<SubscriptionSender>.Instance);
            var at = pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant();
            var run = pr.GetValue(dryRun) ? sender.DryRun(chosen, periodKey, at)
                : testAddress is not null ? await sender.TestSendAsync(chosen, periodKey, testAddress, at, cancellation)
                : await sender.DeliverAsync(chosen, periodKey, SubscriptionSender.CommandTrigger, at, cancellation);
            Print(run, testAddress, context.Out);
            return run.AnyFailed ? SomeFailedExit : 0;
        });
        return [command];
    }

    /// <summary>One line per recipient: who, what happened (or would), which files; then the packs nobody gets.</summary>
    private static void Print(DeliveryRun run, string? testAddress, TextWriter output)
    {
        var what = $"{run.Subscription.Name} {run.Reports.PeriodKey}";
        if (run.Reports.Files.Count == 0)
            output.WriteLine($"{what}: nothing to deliver (no {run.Subscription.Report} documents for {run.Reports.PeriodLabel})");
        foreach (var r in run.Recipients)
        {
            var files = string.Join(", ", r.Files);
            output.WriteLine(r.Outcome switch
            {
                RecipientOutcome.WouldSend => $"{r.Recipient}: would get {files}",
                RecipientOutcome.AlreadyDelivered => $"{r.Recipient}: already delivered{At(r.DeliveredAt)}, not sent again ({files})",
                RecipientOutcome.Delivered => $"{r.Recipient}: delivered ({files})" + (r.Attempts > 1 ? $" on try {r.Attempts}" : ""),
                RecipientOutcome.TestSent => $"{r.Recipient}: test send to {testAddress} ({files})",
                _ when testAddress is not null => $"{r.Recipient}: test send to {testAddress} failed: {r.Reply}",
                _ => $"{r.Recipient}: failed after {r.Attempts} {(r.Attempts == 1 ? "try" : "tries")}: {r.Reply}",
            });
        }
        foreach (var file in run.Unaddressed)
            output.WriteLine($"{file.Name}: nobody (account {file.AccountId} has no service_manager_email)");
        output.Flush();
    }

    private static string At(Instant? at) => at is { } i ? " " + InstantPattern.General.Format(i) : "";
}
