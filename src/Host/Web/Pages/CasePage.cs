using System.Text;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using JuniperFts.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>
/// One case: the verdict in plain words, the walk of <c>fts sla explain</c> step by step, and the stored row the reports
/// show beside it; what a service manager reads before answering a customer's dispute.
/// </summary>
public static class CasePage
{
    public static IResult Render(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var number = (string)http.Request.RouteValues["number"]!;
        var warehouse = services.GetRequiredService<Warehouse>();
        var account = services.GetRequiredService<PortalFigures>().AccountOfCase(number);
        // A service manager is refused alike for another account's case and for no case at all.
        if (!PortalAccess.MaySee(user, warehouse, account)) return PortalLayout.Refusal(http, StatusCodes.Status403Forbidden);
        if (account is null) return PageProblem.NotFound(http, user, $"case '{number}' is not in the database");
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var e = SlaExplanation.Of(warehouse, services.GetRequiredService<ReferenceData>(), number, now);
        var quarter = e.Verdict.Quarter.ToString();

        var html = new StringBuilder($"<h1>Case {Html.Encode(number)} <span class=\"status-{e.Status.Code()}\">{e.Status.Code()}</span></h1>");
        html.Append($"<p><a href=\"/accounts/{Uri.EscapeDataString(account)}?quarter={quarter}\">Account {Html.Encode(account)}, {quarter}</a> · ")
            .Append($"<a href=\"/api/cases/{Uri.EscapeDataString(number)}/explain\">This explanation as JSON</a></p>");
        html.Append("<section class=\"card\" aria-labelledby=\"words\"><h2 id=\"words\">In plain words</h2>");
        foreach (var sentence in e.InPlainWords()) html.Append($"<p>{Html.Encode(sentence)}</p>");
        html.Append("</section><div class=\"columns\">");

        html.Append("<section class=\"card\" aria-labelledby=\"steps\"><h2 id=\"steps\">How the rules decide, step by step</h2><ul id=\"explanation\" class=\"steps\">");
        foreach (var line in e.Lines()) html.Append($"<li>{Html.Encode(line)}</li>");
        html.Append("</ul></section>");

        html.Append("<section class=\"card\" aria-labelledby=\"stored\"><h2 id=\"stored\">What the reports show</h2>");
        if (e.Stored is { } s)
        {
            html.Append("<dl id=\"stored-row\" class=\"facts\">");
            foreach (var (name, value) in new (string, string)[]
                     {
                         ("SLA status", s.Status.Code() + (s.Reason is { } r ? $" ({r.Code()})" : "")), ("priority", s.Priority.Code()),
                         ("service window", s.Window?.Code() ?? "–"), ("after hours", s.AfterHours ? "yes" : "no"),
                         ("contract", s.ContractId ?? "–"), ("support centre", s.SupportCenter ?? "–"), ("region", s.Region ?? "–"),
                         ("took", Html.Duration(s.ElapsedSeconds)), ("target", Html.Duration(s.TargetSeconds)), ("quarter", s.Quarter.ToString()),
                         ("created", Html.Utc(s.CreatedAt)), ("first response", s.FirstResponseAt is { } f && f <= now ? Html.Utc(f) : "none yet"),
                         ("resolved", s.ResolvedAt is { } z && z <= now ? Html.Utc(z) : "not yet"), ("platform", s.Platform ?? "–"),
                         ("serial number", s.SerialNumber ?? "–"), ("title", s.Title ?? "–"),
                     })
                html.Append($"<div><dt>{name}</dt><dd>{Html.Encode(value)}</dd></div>");
            html.Append("</dl>");
            html.Append(e.Differences.Count == 0
                ? "<p class=\"agrees\">The stored evaluation agrees with the rules.</p>"
                : "<p class=\"error\">The stored evaluation differs from the rules: " + Html.Encode(string.Join("; ", e.Differences)) + ". The next SLA refresh corrects it.</p>");
        }
        else html.Append("<p>No stored evaluation at this as-of: the case was created after it.</p>");
        html.Append("</section></div>");
        return PortalLayout.Page(http, user, $"Case {number}", "Accounts", quarter, html.ToString());
    }
}
