using System.Text;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using JuniperFts.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>The accounts the reader may see (sortable), and one account: attainment, trend, breaches, open P1/P2, every case, downloads.</summary>
public static class AccountPages
{
    private static readonly Column[] ListColumns =
    [
        new("account", SortKey: "account"), new("name", SortKey: "name"), new("service manager", SortKey: "manager"),
        new("attainment", true, "attainment"), new("eligible", true, "eligible"), new("breached", true, "breached"), new("open P1/P2", true, "open"),
    ];

    public static IResult List(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var goals = services.GetRequiredService<AttainmentGoals>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        if (!SlaEndpoints.TryQuarter(http.Request.Query["quarter"], now, out var q, out var problem)) return PageProblem.BadRequest(http, user, problem);
        var sort = http.Request.Query["sort"].ToString() is { Length: > 0 } s ? s : "account";
        if (ListColumns.All(c => c.SortKey != sort)) return PageProblem.BadRequest(http, user, $"sort: '{sort}' must be one of {string.Join(", ", ListColumns.Select(c => c.SortKey))}");
        var descending = http.Request.Query["dir"] == "desc";
        var scope = PortalAccess.AccountsOf(user, services.GetRequiredService<Warehouse>());
        var accounts = Sorted(services.GetRequiredService<PortalFigures>().Accounts(scope, q, now), sort, descending);

        var html = new StringBuilder($"<h1>Accounts <span class=\"muted\">{q}</span></h1><section class=\"card\" aria-label=\"Choose the quarter\">");
        PortalLayout.QuarterForm(html, q, now, null, ("sort", sort), ("dir", descending ? "desc" : null));
        html.Append("</section><section class=\"card\" aria-labelledby=\"list\">")
            .Append($"<h2 id=\"list\">{accounts.Count} account{(accounts.Count == 1 ? "" : "s")}</h2>");
        OverviewPage.Legend(html, goals);
        Html.Table(html, "accounts", $"Accounts in {q}, sorted by {ListColumns.First(c => c.SortKey == sort).Header}{(descending ? ", descending" : "")}", ListColumns,
            accounts.Select(a => (IReadOnlyList<Cell>)[
                Cell.Link($"/accounts/{Uri.EscapeDataString(a.AccountId)}?quarter={q}", a.AccountId), a.Name, a.ServiceManager ?? "",
                Cell.Text(Html.Pct(a.AttainmentPct), Html.Band(goals, a.AttainmentPct)), Html.Count(a.Eligible), Html.Count(a.Breached), Html.Count(a.OpenUrgent)]),
            empty: "No accounts to show.",
            sortLink: c => "/accounts" + Html.Query(("quarter", q.ToString()), ("sort", c.SortKey), ("dir", c.SortKey == sort && !descending ? "desc" : null)),
            sorted: (sort, descending));
        html.Append("</section>");
        return PortalLayout.Page(http, user, $"Accounts {q}", "Accounts", q.ToString(), html.ToString());
    }

    private static List<SlaAccount> Sorted(IReadOnlyList<SlaAccount> accounts, string sort, bool descending)
    {
        IOrderedEnumerable<SlaAccount> ordered = sort switch
        {
            "name" => accounts.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase),
            "manager" => accounts.OrderBy(a => a.ServiceManager ?? "", StringComparer.OrdinalIgnoreCase),
            // No attainment sorts after every figure, whichever the direction.
            "attainment" => descending ? accounts.OrderBy(a => a.AttainmentPct is null).ThenByDescending(a => a.AttainmentPct) : accounts.OrderBy(a => a.AttainmentPct is null).ThenBy(a => a.AttainmentPct),
            "eligible" => accounts.OrderBy(a => a.Eligible),
            "breached" => accounts.OrderBy(a => a.Breached),
            "open" => accounts.OrderBy(a => a.OpenUrgent),
            _ => accounts.OrderBy(a => a.AccountId, StringComparer.Ordinal),
        };
        var list = ordered.ThenBy(a => a.AccountId, StringComparer.Ordinal).ToList();
        if (descending && sort != "attainment") list.Reverse();
        return list;
    }

    public static IResult One(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var id = (string)http.Request.RouteValues["id"]!;
        // Checked before anything else, so a 403 says nothing about whether the account exists.
        if (!PortalAccess.MaySee(user, services.GetRequiredService<Warehouse>(), id)) return PortalLayout.Refusal(http, StatusCodes.Status403Forbidden);
        var figures = services.GetRequiredService<PortalFigures>();
        var goals = services.GetRequiredService<AttainmentGoals>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        if (!SlaEndpoints.TryQuarter(http.Request.Query["quarter"], now, out var q, out var problem)) return PageProblem.BadRequest(http, user, problem);
        if (figures.AccountName(id) is not { } name) return PageProblem.NotFound(http, user, $"no account '{id}'");

        var only = new HashSet<string>(StringComparer.Ordinal) { id };
        var trend = figures.Trend(only, q, PortalFigures.TrendQuarters, "priority", now);
        var cases = figures.Cases(id, q, now);
        var open = figures.OpenUrgent(id, now);
        var html = new StringBuilder($"<h1>{Html.Encode(id)} · {Html.Encode(name)} <span class=\"muted\">{q}</span></h1>");
        html.Append("<section class=\"card\" aria-label=\"Choose the quarter\">");
        PortalLayout.QuarterForm(html, q, now);
        html.Append("</section>");
        OverviewPage.Headline(html, trend, goals);
        OverviewPage.Trend(html, trend, goals, "priority");

        var breaches = cases.Where(c => c.Status == SlaStatus.Breached).OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).ToList();
        html.Append($"<section class=\"card\" aria-labelledby=\"breaches\"><h2 id=\"breaches\">Breaches in {q}: {breaches.Count}</h2>");
        Html.Table(html, "breaches-table", $"Cases of {q} that missed their response target; each links to why",
            [new("case"), new("priority"), new("created"), new("first response"), new("took", true), new("target", true), new("over by", true), new("title")],
            breaches.Select(c => (IReadOnlyList<Cell>)[
                CaseLink(c), c.Priority.Code(), Html.Utc(c.CreatedAt), FirstResponse(c, now), Html.Duration(c.ElapsedSeconds), Html.Duration(c.TargetSeconds),
                Html.Duration(c.ElapsedSeconds - c.TargetSeconds), c.Title ?? ""]),
            empty: "No case of this quarter missed its target.");
        html.Append("</section>");

        html.Append($"<section class=\"card\" aria-labelledby=\"open\"><h2 id=\"open\">P1 and P2 cases open at {Html.Utc(now)}: {open.Count}</h2>");
        Html.Table(html, "open-table", "P1 and P2 cases not resolved at the as-of",
            [new("case"), new("priority"), new("created"), new("SLA status"), new("first response"), new("title")],
            open.OrderBy(c => c.CreatedAt).Select(c => (IReadOnlyList<Cell>)[
                CaseLink(c), c.Priority.Code(), Html.Utc(c.CreatedAt), Status(c), FirstResponse(c, now), c.Title ?? ""]),
            empty: "No P1 or P2 case is open.");
        html.Append("</section>");

        html.Append($"<section class=\"card\" aria-labelledby=\"cases\"><h2 id=\"cases\">Every case of {q}: {cases.Count}</h2>");
        Html.Table(html, "cases-table", $"Cases created in {q}; each links to the explanation of its verdict",
            [new("case"), new("SLA status"), new("priority"), new("window"), new("created"), new("took", true), new("target", true)],
            cases.Select(c => (IReadOnlyList<Cell>)[
                CaseLink(c), Status(c), c.Priority.Code(), c.Window?.Code() ?? "", Html.Utc(c.CreatedAt), Html.Duration(c.ElapsedSeconds), Html.Duration(c.TargetSeconds)]),
            empty: "No case was created in this quarter.");
        html.Append("</section>");

        var account = Uri.EscapeDataString(id);
        html.Append("<section class=\"card\" aria-labelledby=\"downloads-title\"><h2 id=\"downloads-title\">Downloads</h2><ul id=\"download-list\">")
            .Append($"<li><a href=\"/api/accounts/{account}/review-pack.pdf?quarter={q}\">Review pack {Html.Encode(id)} {q} (.pdf)</a></li>")
            .Append($"<li><a href=\"/api/accounts/{account}/review-deck.pptx?quarter={q}\">Review deck {Html.Encode(id)} {q} (.pptx, editable)</a></li>")
            .Append($"<li><a href=\"/api/accounts/{account}/cases?quarter={q}\">Cases of {q} (.json)</a></li></ul></section>");
        return PortalLayout.Page(http, user, $"{id} {q}", "Accounts", q.ToString(), html.ToString());
    }

    private static Cell CaseLink(SlaCase c) => Cell.Link($"/cases/{Uri.EscapeDataString(c.CaseNumber)}", c.CaseNumber);

    private static Cell Status(SlaCase c) =>
        Cell.Text(c.Status.Code() + (c.Reason is { } r ? $" ({r.Code()})" : ""), c.Status switch
        {
            SlaStatus.Met => "good",
            SlaStatus.Breached => "bad",
            SlaStatus.Pending => "near",
            _ => "none",
        });

    /// <summary>A response after the as-of has not happened yet.</summary>
    private static string FirstResponse(SlaCase c, Instant now) => c.FirstResponseAt is { } at && at <= now ? Html.Utc(at) : "none yet";
}
