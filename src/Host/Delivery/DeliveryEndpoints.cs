using JuniperFts.Delivery;
using JuniperFts.Host.Web;
using JuniperFts.Store.Ledgers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace JuniperFts.Host.Delivery;

/// <summary>The last delivery of a subscription: its latest period and each recipient's latest try.</summary>
/// <param name="Outcome">delivered (every recipient), retrying (a failure with tries left), failed (a recipient out of tries), sending.</param>
public sealed record LastDelivery(string PeriodKey, string Outcome, Instant? FinishedAt, IReadOnlyList<DeliveryAttempt> Recipients)
{
    /// <summary>The last delivery of each subscription in <paramref name="attempts"/> (every attempt of each one's latest period).</summary>
    public static IReadOnlyDictionary<string, LastDelivery> Of(IReadOnlyList<DeliveryAttempt> attempts, int maxAttempts) =>
        attempts.GroupBy(a => a.Subscription, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var latest = g.GroupBy(a => a.Recipient, StringComparer.Ordinal).Select(r => r.MaxBy(a => a.AttemptId)!).OrderBy(a => a.Recipient, StringComparer.Ordinal).ToList();
            var outcome = latest.Any(a => a.Status == DeliveryStatus.Sending) ? DeliveryStatus.Sending
                : latest.Any(a => a.Status == DeliveryStatus.Failed && a.Attempt >= maxAttempts) ? DeliveryStatus.Failed
                : latest.Any(a => a.Status == DeliveryStatus.Failed) ? "retrying"
                : DeliveryStatus.Delivered;
            return new LastDelivery(g.First().PeriodKey, outcome, latest.Max(a => a.FinishedAt), latest);
        }, StringComparer.Ordinal);
}

/// <summary>Delivery in the portal: every subscription and its last delivery for leadership, the outcomes in <c>/health</c> and <c>/api/jobs</c>.</summary>
public static class DeliveryEndpoints
{
    /// <summary>Maps <c>GET /api/deliveries</c> (leadership).</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/deliveries", (DeliverySettings settings, DeliveryLedger ledger) =>
        {
            var last = LastDelivery.Of(ledger.LatestPeriodPerSubscription(), settings.MaxAttempts);
            return Results.Json(new
            {
                subscriptions = settings.Subscriptions.Select(s => new
                {
                    name = s.Name, report = s.Report, to = s.To, folder = s.Folder, timestamp = s.Timestamp,
                    last_delivery = last.TryGetValue(s.Name, out var d) ? new
                    {
                        period_key = d.PeriodKey, outcome = d.Outcome, finished_at = Iso(d.FinishedAt),
                        recipients = d.Recipients.Select(Detail),
                    } : null,
                }),
            });
        }).AllowRoles(PortalRole.Leadership);

    /// <summary>For <c>/health</c> (anyone): each subscription's last outcome, with counts and the servers' reply codes but no addresses or texts.</summary>
    public static object Health(DeliverySettings settings, DeliveryLedger ledger)
    {
        var last = LastDelivery.Of(ledger.LatestPeriodPerSubscription(), settings.MaxAttempts);
        return settings.Subscriptions.Select(s => new
        {
            subscription = s.Name,
            last_delivery = last.TryGetValue(s.Name, out var d) ? new
            {
                period_key = d.PeriodKey, outcome = d.Outcome, finished_at = Iso(d.FinishedAt),
                delivered = d.Recipients.Count(r => r.Status == DeliveryStatus.Delivered),
                failed = d.Recipients.Count(r => r.Status == DeliveryStatus.Failed),
                reply_codes = d.Recipients.Where(r => r.Status == DeliveryStatus.Failed).Select(r => DeliveryFailure.CodeOf(r.ServerReply) ?? "none").Distinct().ToList(),
            } : null,
        }).ToList();
    }

    /// <summary>For <c>/api/jobs</c> (leadership): the most recent delivery attempts with recipient, files and the server's reply.</summary>
    public static object Recent(DeliveryLedger ledger) => ledger.Recent(200).Select(Detail).ToList();

    private static object Detail(DeliveryAttempt a) => new
    {
        attempt_id = a.AttemptId, subscription = a.Subscription, report = a.Report, period_key = a.PeriodKey, recipient = a.Recipient,
        attempt = a.Attempt, trigger = a.Trigger, started_at = Iso(a.StartedAt), finished_at = Iso(a.FinishedAt), status = a.Status,
        files = a.Files.Select(Path.GetFileName), message_id = a.MessageId, server_reply = a.ServerReply,
    };

    private static string? Iso(Instant? instant) => PortalEndpoints.Iso(instant);
}
