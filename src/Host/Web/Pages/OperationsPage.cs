using System.Text;
using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace JuniperFts.Host.Web.Pages;

/// <summary>Leadership: the scheduled jobs and their last runs, the recent runs, the subscriptions and the recent deliveries.</summary>
public static class OperationsPage
{
    public static IResult Render(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var ledger = services.GetRequiredService<RunLedger>();
        var deliveries = services.GetRequiredService<DeliverySettings>();
        var store = services.GetRequiredService<DeliveryLedger>();
        var latest = ledger.LatestPerJob();
        var html = new StringBuilder("<h1>Operations</h1>");

        html.Append("<section class=\"card\" aria-labelledby=\"jobs-title\"><h2 id=\"jobs-title\">Scheduled jobs</h2>");
        Html.Table(html, "jobs", "Each job's last run (times in UTC)",
            [new("job"), new("period"), new("status"), new("attempt", true), new("started"), new("finished")],
            JobNames.All.Select(job => latest.FirstOrDefault(r => r.Job == job) is { } run
                ? (IReadOnlyList<Cell>)[job, run.PeriodKey, Cell.Text(run.Status, "status-" + run.Status), run.Attempt.ToString(), Html.Utc(run.StartedAt), Html.Utc(run.FinishedAt)]
                : [job, "never run", "", "", "", ""]));
        html.Append("</section>");

        var last = LastDelivery.Of(store.LatestPeriodPerSubscription(), deliveries.MaxAttempts);
        html.Append("<section class=\"card\" aria-labelledby=\"subs-title\"><h2 id=\"subs-title\">Subscriptions</h2>");
        Html.Table(html, "subscription-table", "Every subscription and its last delivery",
            [new("subscription"), new("report"), new("to"), new("last period"), new("outcome"), new("recipients (latest try)")],
            deliveries.Subscriptions.Select(s => last.TryGetValue(s.Name, out var d)
                ? (IReadOnlyList<Cell>)[s.Name, s.Report, s.Folder is { } f ? "folder " + f : string.Join(", ", s.To), d.PeriodKey,
                    Cell.Text($"{d.Outcome} {Html.Utc(d.FinishedAt)}", "status-" + d.Outcome),
                    string.Join("; ", d.Recipients.Select(r => $"{r.Recipient}: {r.Status}" + (r.Status == DeliveryStatus.Delivered ? "" : $" (try {r.Attempt}: {r.ServerReply})")))]
                : [s.Name, s.Report, s.Folder is { } g ? "folder " + g : string.Join(", ", s.To), "never delivered", "", ""]),
            empty: "No subscriptions are configured (Delivery:Subscriptions).");
        html.Append("</section>");

        html.Append("<section class=\"card\" aria-labelledby=\"runs-title\"><h2 id=\"runs-title\">Recent runs</h2>");
        Html.Table(html, "runs", "The 50 most recent runs, newest first",
            [new("job"), new("period"), new("trigger"), new("status"), new("attempt", true), new("started"), new("finished"), new("error")],
            ledger.Recent(50).Select(r => (IReadOnlyList<Cell>)[r.Job, r.PeriodKey, r.Trigger, Cell.Text(r.Status, "status-" + r.Status), r.Attempt.ToString(),
                Html.Utc(r.StartedAt), Html.Utc(r.FinishedAt), r.Error ?? ""]),
            empty: "No job has run yet.");
        html.Append("</section>");

        html.Append("<section class=\"card\" aria-labelledby=\"deliveries-title\"><h2 id=\"deliveries-title\">Recent deliveries</h2>");
        Html.Table(html, "deliveries", "The 50 most recent delivery attempts, newest first",
            [new("subscription"), new("period"), new("recipient"), new("status"), new("attempt", true), new("finished"), new("server's reply")],
            store.Recent(50).Select(a => (IReadOnlyList<Cell>)[a.Subscription, a.PeriodKey, a.Recipient, Cell.Text(a.Status, "status-" + a.Status),
                a.Attempt.ToString(), Html.Utc(a.FinishedAt), a.ServerReply ?? ""]),
            empty: "Nothing was delivered yet.");
        html.Append("</section>");
        return PortalLayout.Page(http, user, "Operations", "Operations", null, html.ToString());
    }
}
