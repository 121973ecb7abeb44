using System.Text.Json;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.TrueUp;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
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
        app.MapGet("/api/reports/sla.xlsx", (HttpContext http, string? quarter, Warehouse warehouse, ReferenceData reference,
            IClock clock, SlaWorkbookOptions options, ReviewPackOptions packs) =>
        {
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            // A service manager's workbook holds their accounts only.
            var accounts = PortalAccess.AccountsOf(http.User(), warehouse);
            using var file = new MemoryStream();
            // The Staffing sheet reads the forecast the packs read: the latest saved one, never trained by a request.
            SlaWorkbook.Write(warehouse, reference, q, now, accounts, file, options, now, packs.Forecast);
            return Results.File(file.ToArray(), XlsxType, SlaWorkbook.FileName(q));
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        app.MapGet("/api/accounts/{id}/review-pack.pdf", (HttpContext http, string id, string? quarter, Warehouse warehouse, ReferenceData reference,
            IClock clock, ReviewPackOptions options) =>
        {
            var user = http.User();
            // Checked before anything else, so a 403 says nothing about whether the account or quarter exists.
            if (PortalAccess.AccountsOf(user, warehouse) is { } mine && !mine.Contains(id)) return PortalAccess.Forbidden(http, user);
            var now = clock.GetCurrentInstant();
            if (!SlaEndpoints.TryQuarter(quarter, now, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            if (!AccountExists(warehouse, id)) return NotFound($"no account '{id}'");
            using var file = new MemoryStream();
            ReviewPacks.Write(warehouse, reference, id, q, now, file, options);
            return Results.File(file.ToArray(), "application/pdf", ReviewPacks.FileName(id, q));
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        app.MapGet("/api/trueup", (string? due, Warehouse warehouse, TrueUpService trueUp) =>
        {
            var parsed = LocalDatePattern.Iso.Parse(due ?? "");
            if (!parsed.Success) return PortalEndpoints.BadRequest($"due: '{due}' is not a date (yyyy-MM-dd)");
            return Results.Json(new { due = TrueUpJson.Date(parsed.Value), statements = trueUp.StatementsDue(parsed.Value).Select(Json).ToList() });
        }).AllowRoles(PortalRole.Leadership, PortalRole.Finance);

        app.MapGet("/api/trueup/{contract}/{year}.pdf", (string contract, string year, TrueUpService trueUp) =>
        {
            if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k))
                return PortalEndpoints.BadRequest($"year: '{year}' is not a contract year number");
            TrueUpStatement statement;
            try
            {
                statement = trueUp.Statement(contract, k);
            }
            catch (UserError e)
            {
                return NotFound(Words(e));
            }
            using var file = new MemoryStream();
            trueUp.RenderPdf(statement, file);
            return Results.File(file.ToArray(), "application/pdf", statement.Number + ".pdf");
        }).AllowRoles(PortalRole.Leadership, PortalRole.Finance);
    }

    /// <summary>A statement in the JSON of <c>fts trueup --format json</c>, as an element of the listing.</summary>
    private static JsonElement Json(TrueUpStatement statement) => JsonDocument.Parse(TrueUpJson.Write(statement)).RootElement.Clone();

    private static bool AccountExists(Warehouse warehouse, string id)
    {
        using var c = warehouse.Connect();
        return c.Scalar<long>("SELECT count(*) FROM accounts WHERE account_id = $id", ("id", id)) > 0;
    }

    /// <summary>A user mistake in the portal's words: the parameter it came in through (<c>contract: …</c>) before the message.</summary>
    internal static string Words(UserError e) => e.Subject is { } parameter ? $"{parameter}: {e.Message}" : e.Message;

    private static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status404NotFound);
}
