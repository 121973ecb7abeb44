using JuniperFts.Host.Service;
using JuniperFts.Ingest.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>The file endpoints: the leadership workbook, the review packs and the true-up statements.</summary>
public static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/sla.xlsx", (HttpContext http, string? quarter, Warehouse warehouse, IClock clock, ServiceSettings settings) =>
        {
            if (!SlaEndpoints.TryQuarter(quarter, clock.GetCurrentInstant(), settings, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            // A service manager's workbook holds their accounts only.
            var accounts = PortalAccess.AccountsOf(http.User(), warehouse);
            _ = (q, accounts);
            // SEAM(excel): SlaWorkbook.Write is not on main yet.
            return NotInThisBuild("the SLA workbook");
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        app.MapGet("/api/accounts/{id}/review-pack.pdf", (HttpContext http, string id, string? quarter, Warehouse warehouse, IClock clock, ServiceSettings settings) =>
        {
            var user = http.User();
            // Checked before anything else, so a 403 says nothing about whether the account or quarter exists.
            if (PortalAccess.AccountsOf(user, warehouse) is { } mine && !mine.Contains(id)) return PortalAccess.Forbidden(http, user);
            if (!SlaEndpoints.TryQuarter(quarter, clock.GetCurrentInstant(), settings, out var q, out var problem)) return PortalEndpoints.BadRequest(problem);
            if (!AccountExists(warehouse, id)) return Results.Json(new { error = $"no account '{id}'" }, statusCode: StatusCodes.Status404NotFound);
            _ = q;
            // SEAM(pack): ReviewPack.Write is not on main yet.
            return NotInThisBuild("the review pack");
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        // SEAM(trueup): TrueUpService is not on main yet.
        app.MapGet("/api/trueup", () => NotInThisBuild("true-up statements"))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);
        app.MapGet("/api/trueup/{contract}/{year}.pdf", () => NotInThisBuild("true-up statements"))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);
    }

    private static bool AccountExists(Warehouse warehouse, string id)
    {
        using var c = warehouse.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM accounts WHERE account_id = $id";
        cmd.Parameters.Add(new DuckDB.NET.Data.DuckDBParameter("id", id));
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>A file download with a name, so browsers save it rather than show it.</summary>
    internal static IResult Download(byte[] bytes, string contentType, string fileName) => Results.File(bytes, contentType, fileName);

    /// <summary>501: the feature behind this route is not part of this build (said plainly, never a made-up file).</summary>
    private static IResult NotInThisBuild(string what) =>
        Results.Json(new { error = $"{what} is not available in this build" }, statusCode: StatusCodes.Status501NotImplemented);
}
