using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// The portal's front door: the overview for someone signed in with a role (<see cref="Pages.PortalPages"/>), else the
/// sign-in page (plain HTML and a little JavaScript embedded in the executable); sign-in and sign-out are <see cref="PortalSignIn"/>'s.
/// </summary>
public static class PortalPage
{
    private static readonly Dictionary<string, (string Resource, string ContentType)> Assets = new()
    {
        ["/portal.js"] = ("portal.js", "text/javascript; charset=utf-8"),
        ["/portal.css"] = ("portal.css", "text/css; charset=utf-8"),
    };

    /// <summary>Maps the page and its assets (sign-in and sign-out: <see cref="PortalSignIn"/>).</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var signIn = Load("index.html");
        app.MapGet("/", (HttpContext http) =>
        {
            if (http.User.Identity?.IsAuthenticated == true && PortalSignIn.UserOf(http.User) is { } user) return Pages.PortalPages.Overview(http, user);
            Secure(http.Response);
            return Results.Bytes(signIn, "text/html; charset=utf-8");
        });
        foreach (var (path, (resource, type)) in Assets)
        {
            var bytes = Load(resource);
            app.MapGet(path, (HttpContext http) =>
            {
                Secure(http.Response);
                return Results.Bytes(bytes, type);
            });
        }

        // The quarters the picker offers: the last eight, the latest complete one selected.
        app.MapGet("/api/quarters", (IClock clock, ServiceSettings settings) =>
        {
            // Today is the service's date (the true-up link's due date); the quarter follows the one rule of Quarter.DefaultAt.
            var now = clock.GetCurrentInstant();
            var today = now.InZone(settings.Zone).Date;
            var latest = Quarter.DefaultAt(now);
            return Results.Json(new { today = today.ToString("uuuu'-'MM'-'dd", null), latest_complete = latest.ToString(), quarters = latest.Next.Trailing(8).Reverse().Select(q => q.ToString()) });
        }).AllowRoles(PortalRole.Leadership, PortalRole.ServiceManager, PortalRole.Finance);
    }

    /// <summary>The headers of every page response: never cached, same-origin only, no framing.</summary>
    internal static void Secure(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
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
