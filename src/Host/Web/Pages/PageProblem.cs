using Microsoft.AspNetCore.Http;

namespace JuniperFts.Host.Web.Pages;

/// <summary>A page asked for with a value it cannot use: the one-line problem, as the JSON endpoints word it.</summary>
public static class PageProblem
{
    public static IResult BadRequest(HttpContext http, PortalUser user, string problem) =>
        PortalLayout.Page(http, user, "Cannot show this", "", null,
            $"<section class=\"card\"><h1>Cannot show this page</h1><p class=\"error\">{Html.Encode(problem)}</p></section>", StatusCodes.Status400BadRequest);

    public static IResult NotFound(HttpContext http, PortalUser user, string problem) =>
        PortalLayout.Page(http, user, "Not found", "", null,
            $"<section class=\"card\"><h1>Not found</h1><p class=\"error\">{Html.Encode(problem)}</p></section>", StatusCodes.Status404NotFound);
}
