using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using JuniperFts.Host.Web;
using JuniperFts.Store.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// Sign-in through a real OpenID provider (oidc-provider under node, on localhost) in headless Chromium, against
/// the portal on a real Kestrel port on 127.0.0.1, with the bearer tokens of <c>Portal:Users</c> still configured.
/// </summary>
public class OidcSignInTests
{
    private const string Forbidden = "{\"error\":\"your role or accounts do not allow this\"}";

    /// <summary>A seeded portal configured with the provider, the provider started, and a browser.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public required OidcProvider Provider { get; init; }
        public required PortalFactory Portal { get; init; }
        public required PortalBrowser Browser { get; init; }
        /// <summary>Every URL the browser asked for, to find the sign-in code in it.</summary>
        public List<string> Urls { get; } = [];

        public IPage Page => Browser.Page;

        public static async Task<Rig> StartAsync()
        {
            var provider = await OidcProvider.LaunchAsync();
            var portal = new PortalFactory(settings: provider.PortalSettings());
            PortalData.Seed(portal.Store);
            var browser = await PortalBrowser.OpenAsync(portal);
            await provider.StartAsync(browser.BaseUrl);
            var rig = new Rig { Provider = provider, Portal = portal, Browser = browser };
            // The provider's stock login page imports a web font: the browser asks nothing beyond this machine.
            await browser.Page.Context.RouteAsync("**/*", route =>
                new Uri(route.Request.Url).IsLoopback ? route.ContinueAsync() : route.AbortAsync());
            browser.Page.Request += (_, request) => { lock (rig.Urls) rig.Urls.Add(request.Url); };
            return rig;
        }

        /// <summary>From the portal's sign-in button through the provider's login and consent pages, back to the portal.</summary>
        public async Task SignInAsync(string login)
        {
            await Page.GotoAsync(Browser.BaseUrl + "/");
            await SignInFromHereAsync(login, Browser.BaseUrl + "/");
        }

        /// <summary>From the sign-in page the browser shows, through the provider, back to <paramref name="backAt"/>.</summary>
        public async Task SignInFromHereAsync(string login, string backAt)
        {
            await Page.ClickAsync("#signin-provider");
            // The first sign-in of a run is slow on a busy machine: the portal fetches the provider's discovery document
            // and keys, and the provider makes its first page. Wait for the login form itself, not for every load event.
            await Page.WaitForURLAsync(Provider.Issuer + "/**", new() { WaitUntil = WaitUntilState.Commit, Timeout = FirstSignIn });
            await Page.WaitForSelectorAsync("input[name=login]", new() { Timeout = FirstSignIn });
            await Page.FillAsync("input[name=login]", login);
            await Page.FillAsync("input[name=password]", "any password");
            await Page.ClickAsync("button.login-submit");
            await Page.ClickAsync("button:has-text('Continue')"); // the provider's consent page
            await Page.WaitForURLAsync(backAt, new() { Timeout = FirstSignIn });
        }

        /// <summary>How long the steps that cross to the provider and back may take (they end as soon as they are done).</summary>
        private const float FirstSignIn = 60_000;

        /// <summary>GET <paramref name="path"/> from the page's own script, as the portal does: status and body.</summary>
        public async Task<(int Status, string Body)> FetchAsync(string path)
        {
            var result = await Page.EvaluateAsync<JsonElement>(
                "async (path) => { const r = await fetch(path); return { status: r.status, body: r.headers.get('content-type')?.includes('json') ? await r.text() : '' }; }", path);
            return (result.GetProperty("status").GetInt32(), result.GetProperty("body").GetString()!);
        }

        /// <summary>The sign-in code the provider sent back to <c>/signin-oidc</c>.</summary>
        public string Code()
        {
            lock (Urls)
            {
                var callback = new Uri(Urls.Last(u => u.Contains("/signin-oidc?", StringComparison.Ordinal)));
                return System.Web.HttpUtility.ParseQueryString(callback.Query)["code"]!;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            await Provider.DisposeAsync();
            Portal.Dispose();
        }
    }

    [Fact]
    public async Task Leadership_SignsInThroughProvider_DownloadsWorkbookWithStrictHttpOnlyCookie()
    {
        await using var rig = await Rig.StartAsync();
        var page = rig.Page;
        await rig.SignInAsync("lee");

        await page.WaitForSelectorAsync("#portal");
        Assert.Equal("Lee Chen", await page.TextContentAsync("#who-name"));
        Assert.Equal("leadership", await page.TextContentAsync("#who-role"));
        await page.WaitForSelectorAsync("#attainment tbody tr");
        Assert.Equal(["P1\t2\t1\t1\t0\t50.00 %", "P2\t2\t1\t1\t0\t50.00 %", "P3\t1\t1\t0\t0\t100.00 %"],
            await page.Locator("#attainment tbody tr").AllInnerTextsAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-oidc-leadership.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=SLA workbook 2026Q3 (.xlsx)"));
        var saved = rig.Portal.Store.PathOf("oidc-leadership.xlsx");
        await download.SaveAsAsync(saved);
        using (var workbook = new ClosedXML.Excel.XLWorkbook(saved))
        {
            var accounts = workbook.Worksheet("By account").CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("A0001", accounts);
            Assert.Contains("A0003", accounts);
        }

        // The session: one encrypted cookie the page's scripts cannot read, sent to same-site requests only;
        // plain HTTP here, so not Secure. The sign-in's correlation and nonce cookies are gone.
        var cookies = await page.Context.CookiesAsync([rig.Browser.BaseUrl]);
        var session = Assert.Single(cookies, c => c.Name == PortalSignIn.SessionCookieName);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.False(session.Secure);
        Assert.True(session.Expires > DateTimeOffset.UtcNow.AddHours(7).ToUnixTimeSeconds(), "lasts the configured 8 hours");
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith(".AspNetCore.Correlation", StringComparison.Ordinal) || c.Name.StartsWith(".AspNetCore.OpenIdConnect.Nonce", StringComparison.Ordinal));
        Assert.DoesNotContain("Lee", Uri.UnescapeDataString(session.Value), StringComparison.Ordinal); // encrypted, not readable claims
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));

        // The bearer tokens still work beside the sessions, on the same Kestrel port.
        using var script = new HttpClient { BaseAddress = new Uri(rig.Browser.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PortalFactory.FinanceToken);
        Assert.Contains("\"role\":\"finance\"", await script.GetStringAsync("/api/me"));
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/me")).StatusCode);

        // Behind a TLS-terminating proxy on this machine, the sign-in's cookies are Secure.
        using var proxied = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(rig.Browser.BaseUrl) };
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var viaProxy = await proxied.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.Redirect, viaProxy.StatusCode);
        Assert.All(viaProxy.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // The provider goes down and comes back: the session is the portal's own and goes on.
        await rig.Provider.StopAsync();
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#portal");
        Assert.Equal(200, (await rig.FetchAsync("/api/me")).Status);
        await rig.Provider.StartAsync(rig.Browser.BaseUrl);
        Assert.Equal(200, (await rig.FetchAsync("/api/sla/summary?quarter=2026Q3")).Status);

        // The service restarts (a second host over the same database and its keys): the cookie still signs in.
        using (var restarted = new PortalFactory(settings: rig.Provider.PortalSettings(), store: rig.Portal.Store))
        {
            var client = restarted.As(null);
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
            var me = JsonDocument.Parse(await client.GetStringAsync("/api/me")).RootElement;
            Assert.Equal(("Lee Chen", "leadership"), (me.GetProperty("name").GetString(), me.GetProperty("role").GetString()));
        }

        // Logs: the subject and the role; never the code, the cookie, the name or the e-mail.
        var logs = rig.Portal.Logs.Lines.ToList();
        Assert.Contains(logs, l => l.Contains("Signed in through the identity provider: subject u-1001 as leadership", StringComparison.Ordinal));
        foreach (var secret in new[] { rig.Code(), session.Value[..40], "Lee Chen", "lee@vendor.example", OidcProvider.ClientSecret })
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));

        // Sign-out ends the portal session (the restarted provider kept no session of Lee's, so it sends the browser straight back).
        await page.ClickAsync("#who button[type=submit]");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.DoesNotContain(await page.Context.CookiesAsync([rig.Browser.BaseUrl]), c => c.Name == PortalSignIn.SessionCookieName);
        Assert.Equal(401, (await rig.FetchAsync("/api/me")).Status);
    }

    [Fact]
    public async Task ServiceManager_SignsInThroughProvider_SeesOnlyOwnAccounts()
    {
        await using var rig = await Rig.StartAsync();
        var page = rig.Page;
        // Sam's provider e-mail is Sm3@Vendor.example; account A0003's service manager is SM3@vendor.example.
        await rig.SignInAsync("sam");
        await page.WaitForSelectorAsync("#portal");
        Assert.Equal("service manager", await page.TextContentAsync("#who-role"));

        await page.SelectOptionAsync("#by", "account");
        await page.ClickAsync("form.toolbar button[type=submit]");
        await page.WaitForURLAsync("**/?quarter=2026Q3&by=account");
        Assert.Equal(["A0003\t2\t1\t1\t0\t50.00 %"], await page.Locator("#attainment tbody tr").AllInnerTextsAsync());

        var workbook = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=SLA workbook 2026Q3 (.xlsx)"));
        var xlsx = rig.Portal.Store.PathOf("oidc-manager.xlsx");
        await workbook.SaveAsAsync(xlsx);
        using (var book = new ClosedXML.Excel.XLWorkbook(xlsx))
        {
            var cells = book.Worksheet("By account").CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains("A0003", cells);
            Assert.DoesNotContain("A0001", cells);
            Assert.DoesNotContain("A0002", cells);
        }

        // The pack from the account's page.
        await page.ClickAsync("#attainment >> text=A0003");
        await page.WaitForURLAsync("**/accounts/A0003?quarter=2026Q3");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Review pack A0003 2026Q3 (.pdf)"));
        var saved = rig.Portal.Store.PathOf("oidc-pack.pdf");
        await download.SaveAsAsync(saved);
        using (var pdf = PdfDocument.Open(saved))
            Assert.Contains("A0003", pdf.GetPage(1).Text);

        Assert.Equal((403, Forbidden), await rig.FetchAsync("/api/accounts/A0001/review-pack.pdf?quarter=2026Q3"));
        Assert.Equal((403, Forbidden), await rig.FetchAsync("/api/accounts/NO-SUCH/review-pack.pdf?quarter=2026Q3"));
        Assert.Equal((403, Forbidden), await rig.FetchAsync("/api/jobs"));
        Assert.Equal((403, Forbidden), await rig.FetchAsync("/api/cases/CS-1/explain"));
        Assert.Contains(rig.Portal.Logs.Lines, l => l.Contains("subject u-1002 as service_manager", StringComparison.Ordinal));

        // Sign-out ends the portal session and, after the provider's confirmation page, the provider's too.
        await page.ClickAsync("#who button[type=submit]");
        await page.WaitForURLAsync(rig.Provider.Issuer + "/**");
        await page.ClickAsync("button:has-text('Yes, sign me out')");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.DoesNotContain(await page.Context.CookiesAsync([rig.Browser.BaseUrl]), c => c.Name == PortalSignIn.SessionCookieName);
        Assert.Equal(401, (await rig.FetchAsync("/api/me")).Status);
        // The provider forgot Sam too: signing in again asks for the login.
        await page.ClickAsync("#signin-provider");
        await page.WaitForSelectorAsync("input[name=login]");
    }

    [Fact]
    public async Task SharedLink_SignedOutReaderSignsInThroughProvider_BackOnThatLink()
    {
        await using var rig = await Rig.StartAsync();
        var page = rig.Page;
        // A link a colleague shared, opened before signing in: none of its data, and a way to sign in that comes back to it.
        var link = rig.Browser.BaseUrl + "/accounts/A0001?quarter=2026Q3";
        var refused = await page.GotoAsync(link);
        Assert.Equal(401, refused!.Status);
        Assert.Equal("Sign in first", await page.TextContentAsync("h1"));
        Assert.DoesNotContain("A0001", await page.TextContentAsync("main"));
        await page.ClickAsync("#signin-first");
        await page.WaitForSelectorAsync("#signin:not([hidden])");

        await rig.SignInFromHereAsync("lee", link);
        await page.WaitForSelectorAsync("#portal");
        Assert.StartsWith("A0001 · ", await page.TextContentAsync("h1"));
        Assert.Equal(link, page.Url);
        Assert.Equal("Lee Chen", await page.TextContentAsync("#who-name"));
    }

    [Theory]
    [InlineData("/accounts/A0001?quarter=2026Q3", "/accounts/A0001?quarter=2026Q3")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("\\\\evil.example/", "/")]
    [InlineData("/\t/evil.example/", "/")]
    [InlineData("accounts/A0001", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void LocalReturn_OnlyPathsOfThisPortal(string? asked, string expected) => Assert.Equal(expected, PortalSignIn.LocalReturn(asked));

    [Fact]
    public async Task NoRole_SignsInThroughProvider_ToldWhoToAskAnd403Everywhere()
    {
        await using var rig = await Rig.StartAsync();
        var page = rig.Page;
        await rig.SignInAsync("noah");

        await page.WaitForSelectorAsync("#norole:not([hidden])");
        Assert.Equal("Noah Berg", await page.TextContentAsync("#norole-name"));
        Assert.Contains("JuniperFts has no role for you: ask", await page.TextContentAsync("#norole"));
        Assert.True(await page.IsHiddenAsync("#portal"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-oidc-norole.png") });

        foreach (var path in new[] { "/api/me", "/api/quarters", "/api/sla/summary?quarter=2026Q3", "/api/reports/sla.xlsx?quarter=2026Q3",
                     "/api/accounts/A0003/review-pack.pdf?quarter=2026Q3", "/api/trueup?due=2026-12-31", "/api/trueup/C-1001/1.pdf", "/api/jobs",
                     "/api/sla/trend", "/api/accounts", "/api/accounts/A0003/cases", "/api/cases/CS-4/explain", "/api/trueup/summary.xlsx?due=2026-12-31" })
            Assert.Equal((403, Forbidden), await rig.FetchAsync(path));

        var logs = rig.Portal.Logs.Lines.ToList();
        Assert.Contains(logs, l => l.Contains("Signed in through the identity provider without a role: subject u-1003", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("Refused GET /api/jobs to subject u-1003: no role", StringComparison.Ordinal));
        foreach (var secret in new[] { rig.Code(), "Noah Berg", "noah@vendor.example" })
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));

        // Signing out works without a role too.
        await page.ClickAsync("#norole-signout");
        await page.WaitForURLAsync(rig.Provider.Issuer + "/**");
        await page.ClickAsync("button:has-text('Yes, sign me out')");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
    }

    [Fact]
    public async Task ProviderDownAtStart_ServiceRuns_SignInShowsErrorPageTokensWork_ThenSignInStarts()
    {
        var provider = await OidcProvider.LaunchAsync();
        await using var _ = provider;
        using var portal = new PortalFactory(settings: provider.PortalSettings());
        var browser = portal.As(null);

        var signin = await browser.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signin.StatusCode);
        var page = await signin.Content.ReadAsStringAsync();
        Assert.Contains("Sign-in is not available right now", page);
        Assert.Contains($"The identity provider at localhost did not answer", page);
        Assert.Equal((HttpStatusCode.OK, "leadership"), await Me(portal.As(PortalFactory.LeadershipToken)));
        Assert.Contains(portal.Logs.Lines, l => l.Contains("Sign-in could not reach the identity provider", StringComparison.Ordinal));

        // The provider comes up: the next sign-in goes to it (IdentityModel retries the discovery document within seconds).
        await provider.StartAsync("https://localhost");
        var https = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        HttpResponseMessage challenge = null!;
        await Waiting.UntilAsync(async () => (challenge = await https.GetAsync("/signin")).StatusCode != HttpStatusCode.ServiceUnavailable,
            "the portal's sign-in to reach the provider once it is up", TimeSpan.FromMinutes(1), () => provider.Output);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!;
        Assert.StartsWith(provider.Issuer + "/", location.ToString());
        // The provider offers pushed authorization requests, so the code flow's parameters (with the PKCE challenge,
        // which this provider requires) went to it directly and the browser carries only a reference.
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(OidcProvider.ClientId, query["client_id"]);

        // A portal address the provider does not know as a redirect URI: the administrator is told which one to register.
        var unknown = portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://fts.vendor.example") });
        var refused = await unknown.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("check that https://fts.vendor.example/signin-oidc is registered as a redirect URI of the client 'juniper-fts'",
            WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"]);

        // The correlation and nonce cookies survive the top-level GET back from the provider (Lax), and are Secure over HTTPS.
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Equal(2, cookies.Count(c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal) || c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal)));
        Assert.All(cookies, c =>
        {
            Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Forms_WithoutAntiForgeryToken_Refused()
    {
        var provider = await OidcProvider.LaunchAsync();
        await using var _ = provider;
        using var portal = new PortalFactory(settings: provider.PortalSettings());
        var client = portal.As(null);

        var signin = await client.PostAsync("/signin", new FormUrlEncodedContent([new("token", PortalFactory.LeadershipToken)]));
        Assert.Equal("/?signin=expired", signin.Headers.Location?.ToString());
        Assert.False(signin.Headers.Contains("Set-Cookie"));
        var signedIn = await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.LeadershipToken));
        Assert.Equal("/", signedIn.Headers.Location?.ToString());
        // The token form carries the page a shared link asked for, and only a page of this portal.
        Assert.Equal("/accounts/A0001?quarter=2026Q3", (await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.LeadershipToken),
            (PortalSignIn.ReturnParameter, "/accounts/A0001?quarter=2026Q3"))).Headers.Location?.ToString());
        Assert.Equal("/", (await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.LeadershipToken),
            (PortalSignIn.ReturnParameter, "//evil.example/"))).Headers.Location?.ToString());

        // Signed in with the token cookie, a forged sign-out (no token) changes nothing.
        var signout = await client.PostAsync("/signout", null);
        Assert.Equal("/?signin=expired", signout.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    private static async Task<(HttpStatusCode, string?)> Me(HttpClient client)
    {
        var response = await client.GetAsync("/api/me");
        var role = response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("role").GetString() : null;
        return (response.StatusCode, role);
    }
}
