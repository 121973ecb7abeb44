using JuniperFts.Domain.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// The portal page: plain HTML, CSS and a little JavaScript embedded in the executable, calling the same JSON
/// endpoints as any client. Sign-in posts the token once; the server keeps it in an HttpOnly, SameSite=Strict
/// cookie (Secure over HTTPS) so page scripts never hold it.
/// </summary>
public static class PortalPage
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new()
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/portal.js"] = ("portal.js", "text/javascript; charset=utf-8"),
        ["/portal.css"] = ("portal.css", "text/css; charset=utf-8"),
    };

    /// <summary>Maps the page, its assets, sign-in and sign-out.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (path, (resource, type)) in Assets)
        {
            var bytes = Load(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers["X-Content-Type-Options"] = "nosniff";
                http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
                return Results.Bytes(bytes, type);
            });
        }

        // The quarters the picker offers: the last eight, the latest complete one selected.
        app.MapGet("/api/quarters", (IClock clock, Service.ServiceSettings settings) =>
        {
            // Today is the service's date (the true-up link's due date); the quarter follows the one rule of Quarter.DefaultAt.
            var now = clock.GetCurrentInstant();
            var today = now.InZone(settings.Zone).Date;
            var latest = Quarter.DefaultAt(now);
            return Results.Json(new { today = today.ToString("uuuu'-'MM'-'dd", null), latest_complete = latest.ToString(), quarters = latest.Next.Trailing(8).Reverse().Select(q => q.ToString()) });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance);

        app.MapPost("/signin", async (HttpContext http, PortalUsers users, ILoggerFactory logs) =>
        {
            var log = logs.CreateLogger(typeof(PortalPage));
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
            var token = form?["token"].ToString().Trim();
            var user = users.Find(token);
            if (user is null)
            {
                log.LogInformation("Portal sign-in refused: unknown token");
                return Results.Redirect("/?signin=failed");
            }
            http.Response.Cookies.Append(PortalAccess.CookieName, token!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                Path = "/",
                IsEssential = true,
            });
            log.LogInformation("Portal sign-in as {Role}", user.RoleCode);
            return Results.Redirect("/");
        }).DisableAntiforgery();

        app.MapPost("/signout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(PortalAccess.CookieName, new CookieOptions { Path = "/", SameSite = SameSiteMode.Strict, HttpOnly = true, Secure = http.Request.IsHttps });
            return Results.Redirect("/");
        }).DisableAntiforgery();
    }

    private static byte[] Load(string name)
    {
        var assembly = typeof(PortalPage).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Portal." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
