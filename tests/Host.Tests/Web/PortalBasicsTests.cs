using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JuniperFts.Scheduling;
using JuniperFts.Host.Web;
using NodaTime;

namespace JuniperFts.Host.Tests.Web;

public class PortalBasicsTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 25, 0, 0);

    [Fact]
    public async Task Health_NoToken_OkWithLastRunOfEachJob()
    {
        var ledger = _portal.Ledger;
        var first = ledger.Start(JobNames.Ingest, "2026-11-24", 1, "schedule", T0.Minus(Duration.FromDays(1)));
        ledger.Succeed(first, T0.Minus(Duration.FromHours(23)), ["/out/a.txt"]);
        var second = ledger.Start(JobNames.Ingest, "2026-11-25", 1, "schedule", T0);
        ledger.Fail(second, T0.Plus(Duration.FromMinutes(2)), "IOException: disk full");

        var response = await _portal.As(null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal(JobNames.All, json.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("job").GetString()!));
        var ingest = json.GetProperty("jobs")[0].GetProperty("last_run");
        Assert.Equal("2026-11-25", ingest.GetProperty("period_key").GetString());
        Assert.Equal("failed", ingest.GetProperty("status").GetString());
        Assert.Equal("2026-11-25T00:02:00Z", ingest.GetProperty("finished_at").GetString());
        // Anyone may read /health: it names no files and no errors.
        Assert.False(ingest.TryGetProperty("error", out _));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("jobs")[1].GetProperty("last_run").ValueKind);
    }

    [Fact]
    public async Task Jobs_Leadership_LedgerWithErrorsAndOutputs()
    {
        var id = _portal.Ledger.Start(JobNames.ReviewPacks, "2026Q3", 1, "catch-up", T0);
        _portal.Ledger.Succeed(id, T0.Plus(Duration.FromSeconds(30)), ["/out/review-packs/2026Q3/A0001.pdf"]);

        var json = JsonDocument.Parse(await _portal.As(PortalFactory.LeadershipToken).GetStringAsync("/api/jobs")).RootElement;
        var run = Assert.Single(json.GetProperty("runs").EnumerateArray());
        Assert.Equal("review-packs", run.GetProperty("job").GetString());
        Assert.Equal("2026Q3", run.GetProperty("period_key").GetString());
        Assert.Equal("catch-up", run.GetProperty("trigger").GetString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal("/out/review-packs/2026Q3/A0001.pdf", run.GetProperty("output_paths")[0].GetString());
    }

    [Theory]
    [InlineData(PortalFactory.ManagerToken)]
    [InlineData(PortalFactory.FinanceToken)]
    public async Task Jobs_NotLeadership_403WithoutData(string token)
    {
        var id = _portal.Ledger.Start(JobNames.Ingest, "2026-11-25", 1, "schedule", T0);
        _portal.Ledger.Fail(id, T0, "secret-looking error");
        var response = await _portal.As(token).GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("2026-11-25", body);
        Assert.DoesNotContain("secret", body);
    }

    [Fact]
    public async Task Me_ServiceManager_NameAndRole()
    {
        var me = await _portal.As(PortalFactory.ManagerToken).GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("Sam Ruiz", me.GetProperty("name").GetString());
        Assert.Equal("service_manager", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Quarters_OnNovember25_LastEightWithQ3Selected()
    {
        var json = await _portal.As(PortalFactory.FinanceToken).GetFromJsonAsync<JsonElement>("/api/quarters");
        Assert.Equal("2026Q3", json.GetProperty("latest_complete").GetString());
        Assert.Equal(["2026Q4", "2026Q3", "2026Q2", "2026Q1", "2025Q4", "2025Q3", "2025Q2", "2025Q1"],
            json.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()!));
    }

    [Fact]
    public async Task DefaultQuarter_ServiceZoneAlreadyInTheNextQuarter_TheCliRuleInUtc()
    {
        // 31 December 2026 12:00 UTC is 1 January 2027 01:00 in Auckland: the rule is the UTC date's, as in the CLI.
        using var portal = new PortalFactory(Instant.FromUtc(2026, 12, 31, 12, 0), new Dictionary<string, string?> { ["Service:TimeZone"] = "Pacific/Auckland" });
        var client = portal.As(PortalFactory.LeadershipToken);

        var quarters = await client.GetFromJsonAsync<JsonElement>("/api/quarters");
        var summary = await client.GetFromJsonAsync<JsonElement>("/api/sla/summary");

        Assert.Equal("2026Q3", quarters.GetProperty("latest_complete").GetString());
        Assert.Equal("2027-01-01", quarters.GetProperty("today").GetString());
        Assert.Equal("2026Q3", summary.GetProperty("quarter").GetString());
    }

    [Fact]
    public async Task SignIn_KnownToken_HttpOnlyStrictCookieThatAuthenticates()
    {
        var client = _portal.As(null);
        var response = await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.FinanceToken));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(PortalAccess.CookieName + "=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // Served over plain HTTP here, so not Secure (a browser would drop a Secure cookie on http://).
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("finance", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task SignIn_OverHttps_CookieIsSecure()
    {
        var client = _portal.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var response = await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.FinanceToken));
        Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")).Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_UnknownToken_BackToTheFormWithoutCookie()
    {
        var response = await PortalFactory.PostFormAsync(_portal.As(null), "/signin", ("token", "guess"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?signin=failed", response.Headers.Location?.ToString());
        Assert.False(response.Headers.Contains("Set-Cookie"));

        // A shared link the reader was signing in for stays with the form for the next try.
        response = await PortalFactory.PostFormAsync(_portal.As(null), "/signin", ("token", "guess"), ("returnUrl", "/accounts/A0001?quarter=2026Q3"));
        Assert.Equal("/?signin=failed&returnUrl=%2Faccounts%2FA0001%3Fquarter%3D2026Q3", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task SignOut_SignedIn_CookieCleared()
    {
        var client = _portal.As(null);
        await PortalFactory.PostFormAsync(client, "/signin", ("token", PortalFactory.FinanceToken));
        var response = await PortalFactory.PostFormAsync(client, "/signout");
        Assert.Contains("expires=Thu, 01 Jan 1970", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("/", "text/html", "<input id=\"token\"")]
    [InlineData("/portal.js", "text/javascript", "/session")]
    [InlineData("/portal.css", "text/css", "td.good")]
    public async Task Page_Anyone_ServedFromTheExecutable(string path, string type, string content)
    {
        var response = await _portal.As(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logs_SignInAndRequestsWithTokens_NoTokenNameOrEmailLogged()
    {
        PortalData.Seed(_portal.Store);
        var browser = _portal.As(null);
        await PortalFactory.PostFormAsync(browser, "/signin", ("token", PortalFactory.ManagerToken));
        await PortalFactory.PostFormAsync(browser, "/signin", ("token", "wrong-guess-token"));
        await browser.GetAsync("/api/jobs");
        await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/sla/summary?quarter=2026Q3");
        await _portal.As(PortalFactory.FinanceToken).GetAsync("/api/reports/sla.xlsx?quarter=2026Q3");
        await _portal.As("unknown-token-xyz").GetAsync("/api/me");

        var logs = _portal.Logs.Lines.ToList();
        Assert.Contains(logs, l => l.Contains("Portal sign-in as service_manager", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("Refused GET /api/jobs to a service_manager", StringComparison.Ordinal));
        foreach (var secret in new[] { PortalFactory.ManagerToken, PortalFactory.LeadershipToken, PortalFactory.FinanceToken, "wrong-guess-token",
                     "unknown-token-xyz", PortalUsers.HashOf(PortalFactory.ManagerToken), "Sam Ruiz", "sm3@vendor.example", "Lee Chen" })
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _portal.Dispose();
}
