using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Web;

/// <summary><c>/api/sla/summary</c>: the summary of <c>fts sla summary</c>, scoped to the caller's accounts.</summary>
public static class SlaEndpoints
{
    /// <summary>The grouping when <c>by</c> is not given, as in <c>fts sla summary</c>.</summary>
    public static IReadOnlyList<string> DefaultGrouping { get; } = ["priority", "region", "window"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sla/summary", (HttpContext http, string? quarter, string? by, Warehouse warehouse, ReferenceData reference,
            IClock clock, AttainmentGoals goals) =>
        {
            var now = clock.GetCurrentInstant();
            if (!TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            var groups = string.IsNullOrWhiteSpace(by) ? DefaultGrouping : by.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = groups.FirstOrDefault(g => !SlaQueries.Groupings.Contains(g));
            if (unknown is not null || groups.Count == 0 || groups.Distinct().Count() != groups.Count)
                return PortalEndpoints.BadRequest($"by: '{by}' must list distinct groups among {string.Join(", ", SlaQueries.Groupings)}");

            var accounts = PortalAccess.AccountsOf(http.User(), warehouse);
            var rows = new SlaQueries(warehouse, reference).Summary(now, groups, new SlaFilter(q, accounts));
            return Results.Json(new
            {
                quarter = q.ToString(),
                by = groups,
                as_of = InstantPattern.ExtendedIso.Format(now),
                target_pct = goals.Green,
                warning_pct = goals.Amber,
                rows = rows.Select(r => new
                {
                    keys = r.Keys, eligible = r.Eligible, met = r.Met, breached = r.Breached, pending = r.Pending,
                    attainment_pct = r.AttainmentPct, rating = Rating(goals.BandOf(r.AttainmentPct)),
                }),
            });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance);
    }

    /// <summary>The colour class the portal page gives a band.</summary>
    private static string Rating(AttainmentBand band) => band switch
    {
        AttainmentBand.Green => "good",
        AttainmentBand.Amber => "near",
        AttainmentBand.Red => "bad",
        _ => "none",
    };

    /// <summary>The <c>quarter</c> parameter, or <see cref="Quarter.DefaultAt"/> (the rule of the CLI) when it is missing.</summary>
    internal static bool TryQuarter(string? text, Instant now, out Quarter quarter, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            quarter = Quarter.DefaultAt(now);
            return true;
        }
        if (AskedValues.TryQuarter(text, out quarter, out problem)) return true;
        problem = "quarter: " + problem;
        return false;
    }
}
