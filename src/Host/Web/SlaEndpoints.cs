using System.Buffers;
using System.Text.Json;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary><c>/api/sla/summary</c>: the summary of <c>fts sla summary</c>, scoped to the caller's accounts.</summary>
public static class SlaEndpoints
{
    /// <summary>The grouping when <c>by</c> is not given, as in <c>fts sla summary</c>.</summary>
    public static IReadOnlyList<string> DefaultGrouping { get; } = ["priority", "region", "window"];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sla/summary", (HttpContext http, string? quarter, string? by, Warehouse warehouse, IClock clock, AttainmentGoals goals,
            PortalFigures figures) =>
        {
            var now = clock.GetCurrentInstant();
            if (!TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            if (!TryGrouping(by, out var groups, out problem)) return PortalEndpoints.BadRequest(problem);
            // The rows' JSON is written once per data version (this is the hot path of scripts and dashboards): a request
            // reads the version, then writes around it the few fields that move with the clock.
            var rows = figures.SummaryJson(PortalAccess.AccountsOf(http.User(), warehouse), q, groups, now);
            var body = new ArrayBufferWriter<byte>(rows.Length + 256);
            using (var w = new Utf8JsonWriter(body))
            {
                w.WriteStartObject();
                w.WriteString("quarter", q.ToString());
                w.WriteStartArray("by");
                foreach (var g in groups) w.WriteStringValue(g);
                w.WriteEndArray();
                w.WriteString("as_of", PortalEndpoints.AsOf(now));
                w.WriteNumber("target_pct", goals.Green);
                w.WriteNumber("warning_pct", goals.Amber);
                w.WritePropertyName("rows");
                w.WriteRawValue(rows, skipInputValidation: true);
                w.WriteEndObject();
            }
            return Results.Bytes(body.WrittenMemory, "application/json; charset=utf-8");
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance);

        app.MapGet("/api/sla/trend", (HttpContext http, string? quarters, string? by, string? quarter, Warehouse warehouse, IClock clock,
            AttainmentGoals goals, PortalFigures figures) =>
        {
            var now = clock.GetCurrentInstant();
            if (!TryQuarter(quarter, now, out var last, out var problem)) return PortalEndpoints.BadRequest(problem);
            var count = PortalFigures.TrendQuarters;
            if (quarters is not null && !UserInput.TryWhole(quarters, 1, 40, out count, out problem)) return PortalEndpoints.BadRequest("quarters: " + problem);
            var group = string.IsNullOrWhiteSpace(by) ? "priority" : by.Trim();
            if (!SlaQueries.Groupings.Contains(group) || group == "quarter")
                return PortalEndpoints.BadRequest($"by: '{by}' must be one of {string.Join(", ", SlaQueries.Groupings.Where(g => g != "quarter"))}");
            var trend = figures.Trend(PortalAccess.AccountsOf(http.User(), warehouse), last, count, group, now);
            return Results.Json(new
            {
                quarters = trend.Quarters.Select(x => x.ToString()),
                by = group,
                as_of = PortalEndpoints.AsOf(now),
                target_pct = goals.Green,
                warning_pct = goals.Amber,
                lines = new[] { trend.All }.Concat(trend.Lines).Select(l => new
                {
                    key = l == trend.All ? null : l.Label,
                    points = l.PerQuarter.Select((g, i) => new
                    {
                        quarter = trend.Quarters[i].ToString(), eligible = g?.Eligible ?? 0, met = g?.Met ?? 0, breached = g?.Breached ?? 0,
                        pending = g?.Pending ?? 0, attainment_pct = g?.AttainmentPct,
                    }),
                }),
            });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance);
    }

    /// <summary>The <c>rows</c> of <c>/api/sla/summary</c> as JSON.</summary>
    internal static byte[] RowsJson(IReadOnlyList<SlaGroup> rows, AttainmentGoals goals, JsonSerializerOptions options) =>
        JsonSerializer.SerializeToUtf8Bytes(rows.Select(r => new
        {
            keys = r.Keys, eligible = r.Eligible, met = r.Met, breached = r.Breached, pending = r.Pending,
            attainment_pct = r.AttainmentPct, rating = Rating(goals.BandOf(r.AttainmentPct)),
        }), options);

    /// <summary>The <c>by</c> parameter of the summary: distinct groupings, default <see cref="DefaultGrouping"/>.</summary>
    internal static bool TryGrouping(string? by, out IReadOnlyList<string> groups, out string problem)
    {
        problem = "";
        groups = string.IsNullOrWhiteSpace(by) ? DefaultGrouping : by.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!groups.Any(g => !SlaQueries.Groupings.Contains(g)) && groups.Count > 0 && groups.Distinct().Count() == groups.Count) return true;
        problem = $"by: '{by}' must list distinct groups among {string.Join(", ", SlaQueries.Groupings)}";
        return false;
    }

    /// <summary>The colour class the portal page gives a band.</summary>
    internal static string Rating(AttainmentBand band) => band switch
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
        if (UserInput.TryQuarter(text, out quarter, out problem)) return true;
        problem = "quarter: " + problem;
        return false;
    }
}
