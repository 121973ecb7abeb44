using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using JuniperFts.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Web;

/// <summary>The drill-down of web.md: accounts, an account's cases, and one case's explanation.</summary>
public static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts", (HttpContext http, string? quarter, Warehouse warehouse, IClock clock, AttainmentGoals goals, PortalFigures figures) =>
        {
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            var accounts = figures.Accounts(PortalAccess.AccountsOf(http.User(), warehouse), q, now);
            return Results.Json(new
            {
                quarter = q.ToString(),
                as_of = PortalEndpoints.AsOf(now),
                target_pct = goals.Green,
                accounts = accounts.Select(a => new
                {
                    account_id = a.AccountId, name = a.Name, service_manager = a.ServiceManager, attainment_pct = a.AttainmentPct,
                    rating = SlaEndpoints.Rating(goals.BandOf(a.AttainmentPct)), eligible = a.Eligible, met = a.Met, breached = a.Breached,
                    pending = a.Pending, open_p1_p2 = a.OpenUrgent,
                }),
            });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        app.MapGet("/api/accounts/{id}/cases", (HttpContext http, string id, string? quarter, string? status, Warehouse warehouse, IClock clock,
            PortalFigures figures) =>
        {
            // Checked before anything else, so a 403 says nothing about whether the account or quarter exists.
            var user = http.User();
            if (!PortalAccess.MaySee(user, warehouse, id)) return PortalAccess.Forbidden(http, user);
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            SlaStatus? only = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                if (Enum.GetValues<SlaStatus>().FirstOrDefault(s => s.Code() == status) is var s && s.Code() != status)
                    return PortalEndpoints.BadRequest($"status: '{status}' is not one of {string.Join(", ", Enum.GetValues<SlaStatus>().Select(x => x.Code()))}");
                only = s;
            }
            if (figures.AccountName(id) is null) return ReportEndpoints.NotFound($"no account '{id}'");
            var cases = figures.Cases(id, q, now).Where(c => only is null || c.Status == only);
            return Results.Json(new { account_id = id, quarter = q.ToString(), as_of = PortalEndpoints.AsOf(now), status, cases = cases.Select(CaseJson) });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        app.MapGet("/api/cases/{number}/explain", (HttpContext http, string number, string? as_of, Warehouse warehouse, ReferenceData reference,
            IClock clock, PortalFigures figures) =>
        {
            var user = http.User();
            var account = figures.AccountOfCase(number);
            // A service manager is refused alike for another account's case and for no case at all.
            if (!PortalAccess.MaySee(user, warehouse, account)) return PortalAccess.Forbidden(http, user);
            var at = clock.GetCurrentInstant();
            if (as_of is not null && !UserInput.TryInstant(as_of, out at, out var problem)) return PortalEndpoints.BadRequest("as_of: " + problem);
            if (account is null) return ReportEndpoints.NotFound($"case: case '{number}' is not in the database");
            return Results.Json(ExplanationJson(SlaExplanation.Of(warehouse, reference, number, at)));
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);
    }

    /// <summary>A case as <c>fts sla cases --format json</c> names its fields.</summary>
    internal static object CaseJson(SlaCase c) => new
    {
        case_number = c.CaseNumber, status = c.Status.Code(), excluded_reason = c.Reason?.Code(), priority = c.Priority.Code(),
        service_window = c.Window?.Code(), region = c.Region, support_center = c.SupportCenter, after_hours = c.AfterHours,
        elapsed_seconds = c.ElapsedSeconds, target_seconds = c.TargetSeconds, account_id = c.AccountId, site_id = c.SiteId,
        contract_id = c.ContractId, platform = c.Platform, engineer_id = c.EngineerId, serial_number = c.SerialNumber, title = c.Title,
        quarter = c.Quarter.ToString(), created_at = PortalEndpoints.Iso(c.CreatedAt), first_response_at = PortalEndpoints.Iso(c.FirstResponseAt),
        resolved_at = PortalEndpoints.Iso(c.ResolvedAt),
    };

    /// <summary>
    /// <c>fts sla explain</c> as JSON: <c>steps</c> are its lines exactly, the verdict's facts beside them, the stored
    /// row the reports read, and where the two differ.
    /// </summary>
    internal static object ExplanationJson(SlaExplanation e)
    {
        var v = e.Verdict;
        var winner = SlaRules.Winner(e.Candidates);
        return new
        {
            case_number = e.Facts.CaseNumber,
            account_id = e.Facts.AccountId,
            as_of = PortalEndpoints.Iso(e.AsOf),
            steps = e.Lines(),
            verdict = new
            {
                status = e.Status.Code(), excluded_reason = v.ExcludedReason, quarter = v.Quarter.ToString(),
                priority_at_creation = e.Facts.CreatedPriority.Code(), priority = v.Priority.Code(),
                priority_changes = e.Facts.Events.Where(x => x.Kind == CaseEventKinds.PriorityChanged).OrderBy(x => x.At)
                    .Select(x => new { at = PortalEndpoints.Iso(x.At), priority = x.Value }),
                contract_id = v.Unit?.ContractId, sku = v.Sku?.Code, service_window = v.Sku?.Window.Code(), support_center = v.Unit?.SupportCenter,
                after_hours = v.AfterHours, created_at = PortalEndpoints.Iso(e.Facts.CreatedAt), clock_start = PortalEndpoints.Iso(e.ClockStart),
                due_at = PortalEndpoints.Iso(v.DueAt), first_response_at = PortalEndpoints.Iso(e.Facts.FirstResponseAt),
                elapsed_seconds = e.Elapsed is { } d ? SlaSeconds.RoundedUp(d) : (long?)null,
                target_seconds = v.Target is { } t ? (long)t.TotalSeconds : (long?)null,
                end_of_support = winner?.Unit.EndOfSupport is { } eos ? LocalDatePattern.Iso.Format(eos) : null,
            },
            candidates = e.Candidates.Select(c => new
            {
                contract_id = c.Unit.ContractId, sku = c.Sku.Code, support_center = c.Unit.SupportCenter,
                contract_start = LocalDatePattern.Iso.Format(c.Unit.ContractStart), contract_end = LocalDatePattern.Iso.Format(c.Unit.ContractEnd),
                covered_from = LocalDatePattern.Iso.Format(c.Unit.CoveredFrom), covered_to = c.Unit.CoveredTo is { } to ? LocalDatePattern.Iso.Format(to) : null,
                created_on = LocalDatePattern.Iso.Format(c.CreatedOn), covers = c.Covers, entitles = c.Entitles, wins = ReferenceEquals(c, winner),
            }),
            stored = e.Stored is { } s ? CaseJson(s) : null,
            agrees = e.Differences.Count == 0,
            differences = e.Differences,
        };
    }
}
