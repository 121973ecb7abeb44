using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JuniperFts.Host.Web;

/// <summary>The file endpoints: the leadership workbook, the review packs and the true-up statements.</summary>
public static class ReportEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // SEAM(excel): SlaWorkbook.Write is not on main yet; the route, its roles and its scoping are in place.
        app.MapGet("/api/reports/sla.xlsx", () => NotInThisBuild("the SLA workbook"))
            .AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        // SEAM(pack): ReviewPack.Write is not on main yet.
        app.MapGet("/api/accounts/{id}/review-pack.pdf", () => NotInThisBuild("the review pack"))
            .AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager);

        // SEAM(trueup): TrueUpService is not on main yet.
        app.MapGet("/api/trueup", () => NotInThisBuild("true-up statements"))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);
        app.MapGet("/api/trueup/{contract}/{year}.pdf", () => NotInThisBuild("true-up statements"))
            .AllowRoles(PortalRole.Leadership, PortalRole.Finance);
    }

    /// <summary>501: the feature behind this route is not part of this build (said plainly, never a made-up file).</summary>
    private static IResult NotInThisBuild(string what) =>
        Results.Json(new { error = $"{what} is not available in this build" }, statusCode: StatusCodes.Status501NotImplemented);
}
