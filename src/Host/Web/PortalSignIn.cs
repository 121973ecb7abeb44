using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using JuniperFts.Host.Settings;

namespace JuniperFts.Host.Web;

/// <summary>
/// Who is asking: a bearer token of <c>Portal:Users</c> (header or the token form's cookie), or a session cookie
/// issued after sign-in with the company's identity provider (<c>Portal:Oidc</c>). A policy scheme picks one per
/// request, so scripts and people use the same endpoints and the same role rules.
/// </summary>
public static class PortalSignIn
{
    /// <summary>The default scheme: forwards to <see cref="TokenScheme"/> or <see cref="SessionScheme"/>.</summary>
    public const string PolicyScheme = "portal";
    /// <summary>The bearer tokens of <c>Portal:Users</c>.</summary>
    public const string TokenScheme = "token";
    /// <summary>The encrypted session cookie of a person signed in through the provider.</summary>
    public const string SessionScheme = "session";
    /// <summary>The OpenID Connect code flow with the provider.</summary>
    public const string OidcScheme = "oidc";
    /// <summary>The session cookie's name.</summary>
    public const string SessionCookieName = "fts_session";

    /// <summary>Claim types of a portal identity (the provider's own claim names are read once, at sign-in).</summary>
    public const string SubjectClaim = "sub", NameClaim = "name", EmailClaim = "email", RoleClaim = "fts_role";

    /// <summary>The portal user behind <paramref name="principal"/>, or null when they are signed in without a role (or not at all).</summary>
    public static PortalUser? UserOf(ClaimsPrincipal principal)
    {
        if (principal.Identities.OfType<TokenIdentity>().FirstOrDefault() is { } token) return token.User;
        if (principal.Identity?.IsAuthenticated != true) return null;
        var role = PortalUsers.Parse(principal.FindFirst(RoleClaim)?.Value);
        // A provider user's accounts are always those whose service manager e-mail is theirs (PortalAccess.AccountsOf).
        return role is { } r ? new PortalUser(principal.FindFirst(NameClaim)?.Value ?? "", principal.FindFirst(EmailClaim)?.Value ?? "", r, null) : null;
    }

    /// <summary>Registers data protection, anti-forgery and the authentication schemes.</summary>
    public static void AddTo(IServiceCollection services, ServiceRuntime runtime)
    {
        // Keys beside the database: cookies and anti-forgery tokens survive a restart of the service.
        // The folder is the service account's alone: the keys decrypt every session cookie.
        var keys = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runtime.Warehouse.Path))!, "portal-keys");
        var folder = OperatingSystem.IsWindows() ? Directory.CreateDirectory(keys)
            : Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().SetApplicationName("JuniperFts").PersistKeysToFileSystem(folder);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "fts_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "fts_antiforgery";
        });

        var oidc = runtime.Settings.Oidc;
        var auth = services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "token or session", o => o.ForwardDefaultSelector = http =>
                oidc is null || PortalAccess.TokenOf(http.Request) is not null ? TokenScheme : SessionScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenHandler>(TokenScheme, null);
        if (oidc is null) return;

        auth.AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = SessionCookieName;
            o.Cookie.HttpOnly = true;
            // Strict works with the redirect back: the callback sets the cookie and the page reads everything with
            // same-site requests. A link from elsewhere opens the page, whose own requests then carry the cookie.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = oidc.SessionLifetime;
            // Not sliding: a leaver disabled at the provider loses the portal when the session ends.
            o.SlidingExpiration = false;
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        auth.AddOpenIdConnect(OidcScheme, o =>
        {
            o.Authority = oidc.Authority.ToString().TrimEnd('/');
            o.RequireHttpsMetadata = !oidc.IsLoopback;
            o.ClientId = oidc.ClientId;
            if (oidc.ClientSecret.Length > 0) o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The code comes back in a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
            // (form_post would need SameSite=None).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = "/signin-oidc";
            o.SignedOutCallbackPath = "/signout-callback-oidc";
            o.SignedOutRedirectUri = "/";
            o.SignInScheme = SessionScheme;
            o.SignOutScheme = SessionScheme;
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
            // Claim names stay as the provider sends them, so NameClaim/EmailClaim/RoleClaim mean what the provider's documentation says.
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.ClaimActions.MapUniqueJsonKey(oidc.NameClaim, oidc.NameClaim);
            o.ClaimActions.MapUniqueJsonKey(oidc.EmailClaim, oidc.EmailClaim);
            o.ClaimActions.MapJsonKey(oidc.RoleClaim, oidc.RoleClaim); // a JSON array becomes one claim per value
            o.SaveTokens = true;
            o.Events.OnTicketReceived = c => OnSignedIn(c, oidc);
            o.Events.OnRemoteFailure = OnFailed;
        });
    }

    /// <summary>Replaces the provider's claims by the portal's few (subject, name, e-mail, role) and keeps only the ID token, for sign-out.</summary>
    private static Task OnSignedIn(TicketReceivedContext context, OidcSettings oidc)
    {
        var provider = context.Principal!;
        var subject = provider.FindFirst("sub")?.Value ?? "";
        var role = oidc.RoleOf(provider.FindAll(oidc.RoleClaim).Select(c => c.Value));
        var email = provider.FindFirst(oidc.EmailClaim)?.Value ?? "";
        var name = provider.FindFirst(oidc.NameClaim)?.Value ?? (email.Length > 0 ? email : subject);
        var identity = new ClaimsIdentity(OidcScheme, NameClaim, RoleClaim);
        identity.AddClaim(new Claim(SubjectClaim, subject));
        identity.AddClaim(new Claim(NameClaim, name));
        if (email.Length > 0) identity.AddClaim(new Claim(EmailClaim, email));
        if (role is { } r) identity.AddClaim(new Claim(RoleClaim, PortalUsers.Code(r)));
        context.Principal = new ClaimsPrincipal(identity);

        var properties = context.Properties!;
        var idToken = properties.GetTokenValue("id_token");
        properties.StoreTokens(idToken is null ? [] : [new AuthenticationToken { Name = "id_token", Value = idToken }]);
        properties.IsPersistent = true;
        properties.RedirectUri = LocalReturn(properties.RedirectUri);

        var log = Logger(context.HttpContext);
        if (role is { } granted) log.LogInformation("Signed in through the identity provider: subject {Subject} as {Role}", subject, PortalUsers.Code(granted));
        else log.LogWarning("Signed in through the identity provider without a role: subject {Subject}; none of its {RoleClaim} values is mapped in Portal:Oidc:Roles", subject, oidc.RoleClaim);
        return Task.CompletedTask;
    }

    /// <summary>A sign-in that came back refused or broken (denied consent, an expired attempt, the provider failing): a page, not an exception.</summary>
    private static async Task OnFailed(RemoteFailureContext context)
    {
        context.HandleResponse();
        // The type only: messages can quote the provider's answer.
        Logger(context.HttpContext).LogWarning("Sign-in through the identity provider did not complete: {Failure}", context.Failure?.GetType().Name ?? "unknown");
        await Page(context.Response, StatusCodes.Status502BadGateway, "Sign-in did not complete",
            "The identity provider did not confirm who you are (the sign-in was cancelled, took too long, or the provider answered with an error).",
            ("/signin", "Try again"));
    }

    /// <summary>Maps the sign-in, sign-out and session routes of the page.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        // What the page needs before anything else: who is signed in (also without a role), which sign-in to offer,
        // and the anti-forgery token for its forms.
        app.MapGet("/session", (HttpContext http, IAntiforgery antiforgery, FtsSettings settings) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            var principal = http.User;
            var signedIn = principal.Identity?.IsAuthenticated == true;
            var user = UserOf(principal);
            return Results.Json(new
            {
                signed_in = signedIn,
                name = signedIn ? user?.Name ?? principal.FindFirst(NameClaim)?.Value : null,
                role = user?.RoleCode,
                oidc = settings.Oidc is not null,
                antiforgery = new { field = tokens.FormFieldName, token = tokens.RequestToken },
            });
        });

        app.MapGet("/signin", async (HttpContext http, FtsSettings settings) =>
        {
            if (settings.Oidc is null) return Results.Redirect("/");
            try
            {
                // Fetches the provider's discovery document (cached): this is where a provider that is down shows.
                // Back to the page the reader came from (a shared link), carried in the sign-in's protected state.
                await http.ChallengeAsync(OidcScheme, new AuthenticationProperties { RedirectUri = LocalReturn(http.Request.Query[ReturnParameter]) });
                return Results.Empty;
            }
            catch (OpenIdConnectProtocolException e)
            {
                // The provider answered but refused the request: almost always a redirect URI it does not know.
                Logger(http).LogWarning("The identity provider refused the sign-in request: {Failure}", e.GetType().Name);
                var callback = $"{http.Request.Scheme}://{http.Request.Host}/signin-oidc";
                await Page(http.Response, StatusCodes.Status502BadGateway, "Sign-in is not set up correctly",
                    $"The identity provider refused the sign-in request. The JuniperFts administrator should check that {callback} " +
                    $"is registered as a redirect URI of the client '{settings.Oidc.ClientId}' (see docs/service.md).", ("/signin", "Try again"));
                return Results.Empty;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
            {
                Logger(http).LogWarning("Sign-in could not reach the identity provider: {Failure}", e.GetType().Name);
                await Page(http.Response, StatusCodes.Status503ServiceUnavailable, "Sign-in is not available right now",
                    $"The identity provider at {settings.Oidc.Authority.Host} did not answer. Try again in a few minutes; " +
                    "if it keeps failing, tell the JuniperFts administrator. Scripts using access tokens are not affected.",
                    ("/signin", "Try again"));
                return Results.Empty;
            }
        });

        app.MapPost("/signin", async (HttpContext http, PortalUsers users, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Refused(http);
            var form = await http.Request.ReadFormAsync();
            var token = form["token"].ToString().Trim();
            var user = users.Find(token);
            var log = Logger(http);
            var back = LocalReturn(form[ReturnParameter]);
            if (user is null)
            {
                log.LogInformation("Portal sign-in refused: unknown token");
                return Results.Redirect("/" + Pages.Html.Query(("signin", "failed"), (ReturnParameter, back == "/" ? null : back)));
            }
            http.Response.Cookies.Append(PortalAccess.CookieName, token, TokenCookie(http));
            log.LogInformation("Portal sign-in as {Role}", user.RoleCode);
            return Results.Redirect(back);
        }).DisableAntiforgery(); // checked above, before the form is read

        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery, FtsSettings settings) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Refused(http);
            http.Response.Cookies.Delete(PortalAccess.CookieName, TokenCookie(http));
            // The provider session is ended even when a token cookie took precedence for this request.
            var session = settings.Oidc is null ? AuthenticateResult.NoResult() : await http.AuthenticateAsync(SessionScheme);
            if (!session.Succeeded) return Results.Redirect("/");
            Logger(http).LogInformation("Signed out: subject {Subject}", session.Principal.FindFirst(SubjectClaim)?.Value);
            try
            {
                // Ends the provider's session too (RP-initiated logout); it sends the browser back to /signout-callback-oidc, then to /.
                await http.SignOutAsync(OidcScheme, new AuthenticationProperties { RedirectUri = "/" });
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
            {
                Logger(http).LogWarning("Sign-out could not reach the identity provider: {Failure}", e.GetType().Name);
                http.Response.Redirect("/");
            }
            await http.SignOutAsync(SessionScheme);
            return Results.Empty;
        }).DisableAntiforgery();
    }

    /// <summary>The parameter (query of <c>GET /signin</c> and of the sign-in page, field of its token form) naming the page to return to after sign-in.</summary>
    public const string ReturnParameter = "returnUrl";

    /// <summary>
    /// <paramref name="url"/> when it is a path on this portal ("/accounts/A1?quarter=2026Q3"), else "/": an absolute
    /// URL, a protocol-relative "//host" or "/\host" (which browsers read as another host) or anything with control
    /// characters would make the sign-in an open redirect, sending a reader who trusted this portal's link elsewhere.
    /// </summary>
    public static string LocalReturn(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && !u.StartsWith("//", StringComparison.Ordinal) && !u.Any(c => char.IsControl(c) || c == '\\') ? u : "/";

    private static CookieOptions TokenCookie(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };

    private static IResult Refused(HttpContext http)
    {
        Logger(http).LogInformation("Refused {Method} {Path}: missing or stale anti-forgery token", http.Request.Method, http.Request.Path.Value);
        return Results.Redirect("/?signin=expired");
    }

    private static ILogger Logger(HttpContext http) => http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalSignIn));

    /// <summary>A one-message page in the portal's look (sign-in errors), with the portal's security headers.</summary>
    private static async Task Page(HttpResponse response, int status, string title, string text, (string Href, string Label) link)
    {
        response.StatusCode = status;
        response.ContentType = "text/html; charset=utf-8";
        PortalPage.Secure(response);
        await response.WriteAsync(Html(title, text, link));
    }

    private static string Html(string title, string text, (string Href, string Label) link)
    {
        var e = HtmlEncoder.Default;
        return $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{e.Encode(title)}: JuniperFts</title><link rel="stylesheet" href="/portal.css"></head>
            <body><header><h1>JuniperFts <span>FTS service portal</span></h1></header>
            <main><section class="card" id="message"><h2>{e.Encode(title)}</h2><p>{e.Encode(text)}</p>
            <p><a href="{e.Encode(link.Href)}">{e.Encode(link.Label)}</a> · <a href="/">Portal home</a></p></section></main></body></html>
            """;
    }

    /// <summary>An identity from a <c>Portal:Users</c> token; carries the configured user (with any configured accounts).</summary>
    public sealed class TokenIdentity : ClaimsIdentity
    {
        public TokenIdentity(PortalUser user) : base([new Claim(NameClaim, user.Name), new Claim(RoleClaim, user.RoleCode)], TokenScheme, NameClaim, RoleClaim) => User = user;

        public PortalUser User { get; }
    }

    /// <summary>Authenticates <c>Authorization: Bearer TOKEN</c> or the token form's cookie against <c>Portal:Users</c>.</summary>
    public sealed class TokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PortalUsers users)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var token = PortalAccess.TokenOf(Request);
            if (token is null) return Task.FromResult(AuthenticateResult.NoResult());
            var user = users.Find(token);
            return Task.FromResult(user is null
                ? AuthenticateResult.Fail("unknown token")
                : AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new TokenIdentity(user)), TokenScheme)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }
    }
}
