using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace JuniperFts.Host.Web.Pages;

/// <summary>
/// The portal's pages of web.md, rendered on the server from the same figures as the JSON endpoints; every state is
/// in the URL (quarter, grouping, region, account, case), so links can be shared and the back button works.
/// </summary>
public static class PortalPages
{
    private static readonly PortalRole[] Everyone = [PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance];
    private static readonly PortalRole[] Managers = [PortalRole.Leadership, PortalRole.ServiceManager];
    private static readonly PortalRole[] Money = [PortalRole.Leadership, PortalRole.Finance];

    public static void Map(IEndpointRouteBuilder app)
    {
        MapPage(app, "/accounts", Managers, AccountPages.List);
        MapPage(app, "/accounts/{id}", Managers, AccountPages.One);
        MapPage(app, "/cases/{number}", Managers, CasePage.Render);
        MapPage(app, "/trueup", Money, TrueUpPage.Render);
        MapPage(app, "/operations", [PortalRole.Leadership], OperationsPage.Render);
    }

    /// <summary>The overview, for "/" when someone with a role is signed in (the sign-in page otherwise).</summary>
    public static IResult Overview(HttpContext http, PortalUser user) => OverviewPage.Render(http, user);

    /// <summary>
    /// The role rules of web.md for a page: not signed in 401, no role or not one of <paramref name="roles"/> 403, each
    /// as a short page with none of the data; the page itself refuses accounts that are not the reader's.
    /// </summary>
    private static void MapPage(IEndpointRouteBuilder app, string pattern, PortalRole[] roles, Func<HttpContext, PortalUser, IResult> render) =>
        app.MapGet(pattern, (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated != true) return PortalLayout.Refusal(http, StatusCodes.Status401Unauthorized);
            var user = PortalSignIn.UserOf(http.User);
            if (user is null || !roles.Contains(user.Role)) return PortalLayout.Refusal(http, StatusCodes.Status403Forbidden);
            return render(http, user);
        });
}
