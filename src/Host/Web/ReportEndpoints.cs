using System.Text.Json;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.TrueUp;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.TrueUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Web;

/// <summary>The file endpoints: the leadership workbook, the review packs and the true-up statements.</summary>
public static class ReportEndpoints
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/sla.xlsx", async (HttpContext http, string? quarter, Warehouse warehouse, ReferenceData reference,
            IClock clock, SlaWorkbookOptions options, ReviewPackOptions packs, ReportCache cache) =>
        {
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            // A service manager's workbook holds their accounts only.
            var accounts = PortalAccess.AccountsOf(http.User(), warehouse);
            var scope = accounts is null ? "all" : string.Join(',', accounts.Order(StringComparer.Ordinal));
            var report = await cache.GetAsync(ReportCache.Key(warehouse, "sla.xlsx", scope, q, now), () =>
            {
                using var file = new MemoryStream();
                // The Staffing sheet reads the forecast the packs read: the latest saved one, never trained by a request.
                SlaWorkbook.Write(warehouse, reference, q, now, accounts, file, options, now, packs.Forecast);
                return file.ToArray();
            });
            return Served(http, report, XlsxType, SlaWorkbook.FileName(q));
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        // The pack and the deck: the same review, the same role rules, cached and bounded alike.
        MapReview(app, "review-pack.pdf", "application/pdf", (w, r, id, q, now, file, options) => ReviewPacks.Write(w, r, id, q, now, file, options), ReviewPacks.FileName);
        MapReview(app, "review-deck.pptx", PptxType, ReviewDecks.Write, ReviewDecks.FileName);

        app.MapGet("/api/trueup", (string? due, Warehouse warehouse, TrueUpService trueUp) =>
        {
            if (!UserInput.TryDate(due, out var date, out var problem)) return PortalEndpoints.BadRequest("due: " + problem);
            return Results.Json(new { due = TrueUpJson.Date(date), statements = trueUp.StatementsDue(date).Select(Json).ToList() });
        }).AllowRoles(PortalRole.Leadership, PortalRole.Finance);

        // One statement as PDF, CSV or JSON (the files of fts trueup); the PDF is the issued revision when its figures still hold.
        app.MapGet("/api/trueup/{contract}/{year}.pdf", (string contract, string year, TrueUpService trueUp) => StatementFile(contract, year, trueUp, statement =>
        {
            using var file = new MemoryStream();
            trueUp.RenderPdf(statement, file);
            return Results.File(file.ToArray(), "application/pdf", statement.Number + ".pdf");
        })).AllowRoles(PortalRole.Leadership, PortalRole.Finance);
        app.MapGet("/api/trueup/{contract}/{year}.csv", (string contract, string year, TrueUpService trueUp) => StatementFile(contract, year, trueUp,
            statement => Results.File(System.Text.Encoding.UTF8.GetBytes(TrueUpCsv.Write(statement)), "text/csv; charset=utf-8", statement.Number + ".csv")))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);
        app.MapGet("/api/trueup/{contract}/{year}.json", (string contract, string year, TrueUpService trueUp) => StatementFile(contract, year, trueUp,
            statement => Results.File(System.Text.Encoding.UTF8.GetBytes(TrueUpJson.Write(statement)), "application/json", statement.Number + ".json")))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);

        // The summary workbook of the statements due by a date, as they stand in the ledger (nothing is issued).
        app.MapGet("/api/trueup/summary.xlsx", (string? due, TrueUpService trueUp) =>
        {
            if (!UserInput.TryDate(due, out var date, out var problem)) return PortalEndpoints.BadRequest("due: " + problem);
            using var file = new MemoryStream();
            trueUp.WriteStandingSummary(date, file);
            return Results.File(file.ToArray(), XlsxType, TrueUpService.SummaryFileName(date));
        }).AllowRoles(PortalRole.Leadership, PortalRole.Finance);
    }

    private static IResult StatementFile(string contract, string year, TrueUpService trueUp, Func<TrueUpStatement, IResult> answer)
    {
        if (!UserInput.TryWhole(year, 1, 1000, out var k, out var problem)) return PortalEndpoints.BadRequest("year: " + problem);
        try
        {
            return answer(trueUp.Statement(contract, k));
        }
        catch (UserError e)
        {
            return NotFound(Words(e));
        }
    }

    /// <summary>A statement in the JSON of <c>fts trueup --format json</c>, as an element of the listing.</summary>
    private const string PptxType = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    private delegate void WriteReview(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf, Stream output, ReviewPackOptions options);

    /// <summary><c>GET /api/accounts/{id}/{file}?quarter=Q</c>: leadership, or the service manager of that account.</summary>
    private static void MapReview(IEndpointRouteBuilder app, string file, string contentType, WriteReview write, Func<string, Quarter, string> fileName) =>
        app.MapGet($"/api/accounts/{{id}}/{file}", async (HttpContext http, string id, string? quarter, Warehouse warehouse, ReferenceData reference,
            IClock clock, ReviewPackOptions options, ReportCache cache, PortalFigures figures) =>
        {
            var user = http.User();
            // Checked before anything else, so a 403 says nothing about whether the account or quarter exists.
            if (PortalAccess.AccountsOf(user, warehouse) is { } mine && !mine.Contains(id)) return PortalAccess.Forbidden(http, user);
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            if (figures.AccountName(id) is null) return NotFound($"no account '{id}'");
            var report = await cache.GetAsync(ReportCache.Key(warehouse, file, id, q, now), () =>
            {
                using var output = new MemoryStream();
                write(warehouse, reference, id, q, now, output, options);
                return output.ToArray();
            });
            return Served(http, report, contentType, fileName(id, q));
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

    private static JsonElement Json(TrueUpStatement statement) => JsonDocument.Parse(TrueUpJson.Write(statement)).RootElement.Clone();

    /// <summary>The built file, marked <c>X-Report-Cache: hit|miss</c>; or 503 with Retry-After when no build could be queued.</summary>
    private static IResult Served(HttpContext http, CachedReport report, string type, string fileName)
    {
        if (report.Bytes is not { } bytes)
        {
            http.Response.Headers.RetryAfter = ReportCache.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { error = $"too many reports are being built; try again in {ReportCache.RetryAfterSeconds} seconds" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        http.Response.Headers["X-Report-Cache"] = report.FromCache ? "hit" : "miss";
        return Results.File(bytes, type, fileName);
    }

    /// <summary>A user mistake in the portal's words: the parameter it came in through (<c>contract: …</c>) before the message.</summary>
    internal static string Words(UserError e) => e.Subject is { } parameter ? $"{parameter}: {e.Message}" : e.Message;

    internal static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status404NotFound);
}
