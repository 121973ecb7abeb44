using System.Text;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Charts;
using JuniperFts.Reports.Sla;
using JuniperFts.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Web.Pages;

/// <summary>
/// The overview: the quarter's attainment against the goal and the previous quarter, the trend of the last eight
/// quarters, the breakdown by the chosen grouping, and for leadership the accounts furthest below the goal.
/// </summary>
public static class OverviewPage
{
    /// <summary>The groupings the overview offers, with their names on the page.</summary>
    public static readonly (string Code, string Label)[] Groupings =
        [("priority", "priority"), ("region", "region"), ("window", "service window"), ("support_center", "support centre"), ("account", "account")];

    /// <summary>Lines a trend chart draws at most; with more groups it draws the total alone.</summary>
    private const int MaxChartLines = 8;

    public static IResult Render(HttpContext http, PortalUser user)
    {
        var services = http.RequestServices;
        var figures = services.GetRequiredService<PortalFigures>();
        var goals = services.GetRequiredService<AttainmentGoals>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var asked = http.Request.Query;
        if (!SlaEndpoints.TryQuarter(asked["quarter"], now, out var q, out var problem)) return PageProblem.BadRequest(http, user, problem);
        var by = asked["by"].ToString() is { Length: > 0 } b ? b : "priority";
        if (!Groupings.Any(g => g.Code == by)) return PageProblem.BadRequest(http, user, $"by: '{by}' must be one of {string.Join(", ", Groupings.Select(g => g.Code))}");
        var region = asked["region"].ToString() is { Length: > 0 } r ? r : null;
        var byLabel = Groupings.First(g => g.Code == by).Label;
        var scope = PortalAccess.AccountsOf(user, services.GetRequiredService<Warehouse>());
        var links = user.Role != PortalRole.Finance; // finance sees summaries without case detail

        var trend = figures.Trend(scope, q, PortalFigures.TrendQuarters, TrendGrouping(by), now, region);
        var rows = figures.Summary(scope, q, [by], now, region);
        var html = new StringBuilder();
        html.Append($"<h1>Overview <span class=\"muted\">{q}{(region is null ? "" : " · region " + Html.Encode(region))}</span></h1>");
        var groupSelect = new StringBuilder("<label for=\"by\">By</label><select id=\"by\" name=\"by\">");
        foreach (var (code, label) in Groupings)
            groupSelect.Append($"<option value=\"{code}\"{(code == by ? " selected" : "")}>{label}</option>");
        groupSelect.Append("</select>");
        html.Append("<section class=\"card\" aria-labelledby=\"pick\"><h2 id=\"pick\" class=\"visually-hidden\">Choose</h2>");
        PortalLayout.QuarterForm(html, q, now, groupSelect.ToString(), ("region", region));
        if (region is not null) html.Append($"<p><a href=\"{Html.Encode("/" + Html.Query(("quarter", q.ToString()), ("by", "region")))}\">All regions</a></p>");
        html.Append("</section>");

        Headline(html, trend, goals);
        Trend(html, trend, goals, byLabel);

        html.Append($"<section class=\"card\" aria-labelledby=\"breakdown\"><h2 id=\"breakdown\">SLA attainment {q} by {byLabel}</h2>");
        Legend(html, goals);
        Html.Table(html, "attainment", $"Attainment of {q} by {byLabel}",
            [new(byLabel), new("eligible", true), new("met", true), new("breached", true), new("pending", true), new("attainment", true)],
            rows.Select(g => (IReadOnlyList<Cell>)[
                GroupCell(by, g.Keys[0], q, links), Html.Count(g.Eligible), Html.Count(g.Met), Html.Count(g.Breached), Html.Count(g.Pending),
                Cell.Text(Html.Pct(g.AttainmentPct), Html.Band(goals, g.AttainmentPct))]),
            empty: "No eligible cases in this quarter.");
        html.Append("</section>");

        if (user.Role == PortalRole.Leadership) Furthest(html, figures.Accounts(null, q, now), goals, q);
        if (links)
            html.Append("<section class=\"card\" id=\"downloads\" aria-labelledby=\"downloads-title\"><h2 id=\"downloads-title\">Downloads</h2><ul id=\"download-list\">")
                .Append($"<li><a href=\"/api/reports/sla.xlsx?quarter={q}\">SLA workbook {q} (.xlsx)</a></li>")
                .Append($"<li><a href=\"/accounts?quarter={q}\">Review packs and decks: on each account's page</a></li></ul></section>");
        return PortalLayout.Page(http, user, $"Overview {q}", "Overview", q.ToString(), html.ToString());
    }

    /// <summary>The trend's lines for a grouping: one per group, but for accounts (hundreds) the total alone.</summary>
    public static string? TrendGrouping(string by) => by == "account" ? null : by;

    /// <summary>The target colours, in words.</summary>
    internal static void Legend(StringBuilder html, AttainmentGoals goals) =>
        html.Append("<p class=\"legend\"><span class=\"swatch good\"></span> at or above the goal <span class=\"swatch near\"></span> near it ")
            .Append("<span class=\"swatch bad\"></span> below <span class=\"swatch none\"></span> no answered cases ")
            .Append($"<span id=\"target\" class=\"target\">Goal {Html.Pct(goals.Green)}; amber from {Html.Pct(goals.Amber)}.</span></p>");

    private static Cell GroupCell(string by, string key, Quarter q, bool links) => (by, links) switch
    {
        ("region", _) when key.Length > 0 => Cell.Link("/" + Html.Query(("quarter", q.ToString()), ("by", "account"), ("region", key)), key),
        ("account", true) => Cell.Link($"/accounts/{Uri.EscapeDataString(key)}" + Html.Query(("quarter", q.ToString())), key),
        _ => key.Length == 0 ? "(none)" : key,
    };

    /// <summary>The quarter against the goal and the previous quarter (the last two points of the trend's total).</summary>
    internal static void Headline(StringBuilder html, SlaTrend trend, AttainmentGoals goals)
    {
        var n = trend.Quarters.Count;
        var now = trend.All.PerQuarter[n - 1];
        var before = n > 1 ? trend.All.PerQuarter[n - 2] : null;
        var change = now?.AttainmentPct is { } a && before?.AttainmentPct is { } p ? a - p : (decimal?)null;
        html.Append("<section class=\"card headline\" aria-label=\"The quarter at a glance\"><dl>")
            .Append($"<div class=\"tile {Html.Band(goals, now?.AttainmentPct)}\"><dt>Attainment {trend.Quarters[n - 1]}</dt><dd id=\"quarter-attainment\">{Html.Pct(now?.AttainmentPct)}</dd></div>")
            .Append($"<div class=\"tile\"><dt>Goal</dt><dd>{Html.Pct(goals.Green)}</dd></div>");
        if (n > 1)
            html.Append($"<div class=\"tile\"><dt>Previous quarter {trend.Quarters[n - 2]}</dt><dd>{Html.Pct(before?.AttainmentPct)}")
                .Append(change is { } c ? $" <span class=\"change\">({(c >= 0 ? "+" : "−")}{Math.Abs(c):0.00} points)</span>" : "").Append("</dd></div>");
        html.Append($"<div class=\"tile\"><dt>Eligible cases</dt><dd>{Html.Count(now?.Eligible ?? 0)}</dd></div>")
            .Append($"<div class=\"tile\"><dt>Breached</dt><dd>{Html.Count(now?.Breached ?? 0)}</dd></div></dl></section>");
    }

    /// <summary>The trend chart (the pack's chart, as SVG) and its figures in a table under it.</summary>
    internal static void Trend(StringBuilder html, SlaTrend trend, AttainmentGoals goals, string byLabel)
    {
        var lines = trend.Lines.Count is > 0 and <= MaxChartLines ? trend.Lines : [];
        var all = new[] { trend.All with { Label = "All cases" } }.Concat(lines).ToList();
        var quarters = trend.Quarters.Select(x => x.ToString()).ToList();
        html.Append($"<section class=\"card\" aria-labelledby=\"trend\"><h2 id=\"trend\">Trend of the last {quarters.Count} quarters</h2>");
        if (trend.Lines.Count > MaxChartLines)
            html.Append($"<p class=\"muted\">{trend.Lines.Count} groups by {Html.Encode(byLabel)}: the chart shows all cases together.</p>");
        var svg = ChartPng.LinesSvg(AttainmentTrendChart.Spec(quarters,
            all.Select(l => (l.Label, (IReadOnlyList<decimal?>)l.PerQuarter.Select(g => g?.AttainmentPct).ToList())).ToList(),
            goals.Green, $"Goal {Html.Pct(goals.Green)}", 1100, 320));
        Html.Chart(html, svg, $"Attainment by quarter, {quarters[0]} to {quarters[^1]}, against the goal of {Html.Pct(goals.Green)}; the figures are in the table below.");
        Html.Table(html, "trend-table", "Attainment by quarter (eligible cases in brackets)",
            [new(byLabel), .. quarters.Select(x => new Column(x, true))],
            all.Select(l => (IReadOnlyList<Cell>)[(Cell)l.Label, .. l.PerQuarter.Select(g =>
                Cell.Text(g is null ? "–" : $"{Html.Pct(g.AttainmentPct)} ({Html.Count(g.Eligible)})", Html.Band(goals, g?.AttainmentPct)))]));
        html.Append("</section>");
    }

    /// <summary>Leadership: the ten accounts furthest below the goal in the quarter.</summary>
    private static void Furthest(StringBuilder html, IReadOnlyList<SlaAccount> accounts, AttainmentGoals goals, Quarter q)
    {
        var worst = accounts.Where(a => a.AttainmentPct is { } p && p < goals.Green)
            .OrderBy(a => a.AttainmentPct).ThenByDescending(a => a.Breached).ThenBy(a => a.AccountId, StringComparer.Ordinal).Take(10).ToList();
        html.Append($"<section class=\"card\" aria-labelledby=\"furthest\"><h2 id=\"furthest\">Accounts furthest below the goal, {q}</h2>");
        Html.Table(html, "furthest-table", $"The ten accounts furthest below the goal of {Html.Pct(goals.Green)}",
            [new("account"), new("name"), new("attainment", true), new("below the goal", true), new("breached", true), new("eligible", true)],
            worst.Select(a => (IReadOnlyList<Cell>)[
                Cell.Link($"/accounts/{Uri.EscapeDataString(a.AccountId)}?quarter={q}", a.AccountId), a.Name,
                Cell.Text(Html.Pct(a.AttainmentPct), Html.Band(goals, a.AttainmentPct)), $"{goals.Green - a.AttainmentPct:0.00} points",
                Html.Count(a.Breached), Html.Count(a.Eligible)]),
            empty: "Every account with answered cases meets the goal.");
        html.Append("</section>");
    }
}
