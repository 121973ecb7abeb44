using JuniperFts.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Host.Web;

/// <summary>The 401/403 rules of web.md over whoever <see cref="PortalSignIn"/> found: a bearer token or a provider session.</summary>
public static class PortalAccess
{
    /// <summary>The cookie in which the portal page keeps the token after sign-in (HttpOnly, SameSite=Strict).</summary>
    public const string CookieName = "fts_token";

    private static readonly object UserKey = new();

    /// <summary>The token of the request: <c>Authorization: Bearer TOKEN</c>, else the portal cookie.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    /// <summary>The user the endpoint filter let through.</summary>
    public static PortalUser User(this HttpContext context) =>
        context.Items[UserKey] as PortalUser ?? throw new InvalidOperationException("The endpoint has no role filter.");

    /// <summary>401 when nobody is signed in (no known token, no session), 403 when the user has no role or not one of <paramref name="roles"/>.</summary>
    public static TBuilder AllowRoles<TBuilder>(this TBuilder builder, params PortalRole[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (http.User.Identity?.IsAuthenticated != true)
            {
                Log(http).LogInformation("Refused {Method} {Path}: not signed in", http.Request.Method, http.Request.Path.Value);
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Results.Json(new { error = "sign in: send Authorization: Bearer TOKEN" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            var user = PortalSignIn.UserOf(http.User);
            if (user is null)
            {
                // Signed in through the provider, but none of their groups is mapped: nothing of the data, on every route.
                Log(http).LogInformation("Refused {Method} {Path} to subject {Subject}: no role", http.Request.Method, http.Request.Path.Value,
                    http.User.FindFirst(PortalSignIn.SubjectClaim)?.Value);
                return Denied();
            }
            if (!roles.Contains(user.Role))
                return Forbidden(http, user);
            http.Items[UserKey] = user;
            return await next(invocation);
        });

    /// <summary>The 403 answer: says no, and nothing of the data.</summary>
    public static IResult Forbidden(HttpContext http, PortalUser user)
    {
        Log(http).LogInformation("Refused {Method} {Path} to a {Role}", http.Request.Method, http.Request.Path.Value, user.RoleCode);
        return Denied();
    }

    private static IResult Denied() => Results.Json(new { error = "your role or accounts do not allow this" }, statusCode: StatusCodes.Status403Forbidden);

    private static ILogger Log(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalAccess));

    /// <summary>True when <paramref name="user"/> may see the cases of <paramref name="accountId"/> (null: an account that does not exist, which only those who see every account may be told).</summary>
    public static bool MaySee(PortalUser user, Warehouse warehouse, string? accountId) =>
        AccountsOf(user, warehouse) is not { } mine || accountId is not null && mine.Contains(accountId);

    /// <summary>The accounts whose data <paramref name="user"/> may see; null means every account.</summary>
    /// <remarks>A service manager without configured <c>Accounts</c> gets the accounts whose <c>service_manager_email</c> is theirs, read per request so a new account shows up after the next ingest.</remarks>
    public static IReadOnlySet<string>? AccountsOf(PortalUser user, Warehouse warehouse)
    {
        if (user.Role != PortalRole.ServiceManager) return null;
        if (user.Accounts is not null) return user.Accounts;
        using var c = warehouse.Connect();
        return c.Query("SELECT account_id FROM accounts WHERE lower(service_manager_email) = lower($email)", r => r.Text(0), ("email", user.Email))
            .ToHashSet(StringComparer.Ordinal);
    }
}
