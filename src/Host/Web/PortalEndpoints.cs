using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Web;

/// <summary>The routes of web.md: health, the JSON and file endpoints, and the portal page.</summary>
public static class PortalEndpoints
{
    private static readonly PortalRole[] Everyone = [PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance];

    /// <summary>Maps every route onto <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (RunLedger ledger, DeliverySettings deliveries, DeliveryLedger deliveryStore) =>
        {
            var latest = ledger.LatestPerJob(); // one ledger read per request, not one per job
            return Results.Json(new
            {
                status = "ok",
                jobs = JobNames.All.Select(job => new { job, last_run = latest.FirstOrDefault(r => r.Job == job) is { } run ? RunView(run, detail: false) : null }).ToList(),
                deliveries = DeliveryEndpoints.Health(deliveries, deliveryStore),
            });
        });

        app.MapGet("/api/me", (HttpContext http) =>
        {
            var user = http.User();
            return Results.Json(new { name = user.Name, role = user.RoleCode });
        }).AllowRoles(Everyone);

        app.MapGet("/api/jobs", (RunLedger ledger, DeliveryLedger deliveryStore) =>
                Results.Json(new { runs = ledger.Recent(200).Select(r => RunView(r, detail: true)), deliveries = DeliveryEndpoints.Recent(deliveryStore) }))
            .AllowRoles(PortalRole.Leadership);

        SlaEndpoints.Map(app);
        AccountEndpoints.Map(app);
        ReportEndpoints.Map(app);
        DeliveryEndpoints.Map(app);
        PortalPage.Map(app);
        Pages.PortalPages.Map(app);
        PortalSignIn.Map(app);
    }

    /// <summary>A ledger row as JSON; errors and output paths only for those allowed to read the ledger.</summary>
    private static object RunView(JobRun run, bool detail) => detail
        ? new
        {
            run_id = run.RunId, job = run.Job, period_key = run.PeriodKey, attempt = run.Attempt, trigger = run.Trigger,
            started_at = Iso(run.StartedAt), finished_at = Iso(run.FinishedAt), status = run.Status,
            output_paths = run.OutputPaths, error = run.Error,
        }
        : new
        {
            period_key = run.PeriodKey, attempt = run.Attempt, started_at = Iso(run.StartedAt), finished_at = Iso(run.FinishedAt), status = run.Status,
        };

    /// <summary>An instant as the JSON answers write it (ISO 8601, UTC).</summary>
    internal static string? Iso(Instant? instant) => instant is { } i ? InstantPattern.ExtendedIso.Format(i) : null;

    /// <summary>
    /// The as-of of an answer, to the millisecond and always as long (ISO 8601, UTC): answers of the same figures then
    /// have the same length, which load tools such as <c>ab</c> check (a shorter one counts as a failed request there).
    /// </summary>
    internal static string AsOf(Instant now) => AsOfPattern.Format(now);

    private static readonly InstantPattern AsOfPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'");

    /// <summary>A 400 answer naming the bad parameter.</summary>
    internal static IResult BadRequest(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);
}
