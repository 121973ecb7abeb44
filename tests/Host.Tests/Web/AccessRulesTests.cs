using System.Net;
using JuniperFts.Host.Web;

namespace JuniperFts.Host.Tests.Web;

/// <summary>Every 401 and 403 rule of web.md: no token or an unknown one, and a known user asking for what their role or accounts do not allow.</summary>
public class AccessRulesTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    private readonly PortalFactory _portal = seeded.Portal;

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/quarters")]
    [InlineData("/api/jobs")]
    [InlineData("/api/sla/summary?quarter=2026Q3")]
    [InlineData("/api/reports/sla.xlsx?quarter=2026Q3")]
    [InlineData("/api/accounts/A0001/review-pack.pdf?quarter=2026Q3")]
    [InlineData("/api/accounts/A0001/review-deck.pptx?quarter=2026Q3")]
    [InlineData("/api/trueup?due=2026-12-31")]
    [InlineData("/api/trueup/C-1001/1.pdf")]
    [InlineData("/api/trueup/C-1001/1.csv")]
    [InlineData("/api/trueup/C-1001/1.json")]
    [InlineData("/api/trueup/summary.xlsx?due=2026-12-31")]
    [InlineData("/api/sla/trend")]
    [InlineData("/api/accounts?quarter=2026Q3")]
    [InlineData("/api/accounts/A0001/cases?quarter=2026Q3")]
    [InlineData("/api/cases/CS-1/explain")]
    public async Task Get_NoTokenOrUnknownToken_401(string path)
    {
        var none = await _portal.As(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());

        var unknown = await _portal.As("not-a-token").GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        // The hash itself is not a token: only its preimage is.
        var hash = await _portal.As(PortalUsers.HashOf(PortalFactory.LeadershipToken)).GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, hash.StatusCode);
    }


    [Theory]
    // finance: no workbook, no review packs, no ledger
    [InlineData(PortalFactory.FinanceToken, "/api/reports/sla.xlsx?quarter=2026Q3")]
    [InlineData(PortalFactory.FinanceToken, "/api/accounts/A0003/review-pack.pdf?quarter=2026Q3")]
    [InlineData(PortalFactory.FinanceToken, "/api/jobs")]
    // service managers: no true-up, no ledger, no pack of someone else's account (existing or not)
    [InlineData(PortalFactory.ManagerToken, "/api/trueup?due=2026-12-31")]
    [InlineData(PortalFactory.ManagerToken, "/api/trueup/C-1003/1.pdf")]
    [InlineData(PortalFactory.ManagerToken, "/api/jobs")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A0001/review-pack.pdf?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A9999/review-pack.pdf?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A0001/review-pack.pdf?quarter=bad")]
    [InlineData(PortalFactory.ConfiguredManagerToken, "/api/accounts/A0003/review-pack.pdf?quarter=2026Q3")]
    // the deck: exactly the pack's rules
    [InlineData(PortalFactory.FinanceToken, "/api/accounts/A0003/review-deck.pptx?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A0001/review-deck.pptx?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A9999/review-deck.pptx?quarter=2026Q3")]
    // the drill-down: finance has no case detail; a service manager sees their own accounts' cases only
    [InlineData(PortalFactory.FinanceToken, "/api/accounts?quarter=2026Q3")]
    [InlineData(PortalFactory.FinanceToken, "/api/accounts/A0003/cases?quarter=2026Q3")]
    [InlineData(PortalFactory.FinanceToken, "/api/cases/CS-4/explain")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A0001/cases?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/api/accounts/A9999/cases?quarter=bad")]
    [InlineData(PortalFactory.ManagerToken, "/api/cases/CS-1/explain")]
    [InlineData(PortalFactory.ManagerToken, "/api/cases/NOPE/explain")]
    [InlineData(PortalFactory.ManagerToken, "/api/trueup/C-1003/1.csv")]
    [InlineData(PortalFactory.ManagerToken, "/api/trueup/C-1003/1.json")]
    [InlineData(PortalFactory.ManagerToken, "/api/trueup/summary.xlsx?due=2026-12-31")]
    [InlineData(PortalFactory.ConfiguredManagerToken, "/api/cases/CS-4/explain")]
    public async Task Get_RoleOrAccountNotAllowed_403WithoutData(string token, string path)
    {
        var response = await _portal.As(token).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":\"your role or accounts do not allow this\"}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Content.Headers.Contains("Content-Disposition"));
    }

    [Theory]
    [InlineData("/accounts")]
    [InlineData("/accounts/A0001")]
    [InlineData("/cases/CS-1")]
    [InlineData("/trueup")]
    [InlineData("/operations")]
    public async Task Page_NotSignedIn_401PageWithoutData(string path)
    {
        var response = await _portal.As(null).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // The sign-in link carries the reader's own URL back (the page to return to), and nothing else of the page.
        var signIn = System.Text.RegularExpressions.Regex.Match(body, "<a id=\"signin-first\" href=\"([^\"]*)\"");
        Assert.Equal("/?returnUrl=" + Uri.EscapeDataString(path), WebUtility.HtmlDecode(signIn.Groups[1].Value));
        AssertNoData(body.Remove(signIn.Groups[1].Index, signIn.Groups[1].Length));
    }

    [Theory]
    [InlineData(PortalFactory.FinanceToken, "/accounts")]
    [InlineData(PortalFactory.FinanceToken, "/accounts/A0003")]
    [InlineData(PortalFactory.FinanceToken, "/cases/CS-4")]
    [InlineData(PortalFactory.FinanceToken, "/operations")]
    [InlineData(PortalFactory.ManagerToken, "/accounts/A0001?quarter=2026Q3")]
    [InlineData(PortalFactory.ManagerToken, "/accounts/A9999")]
    [InlineData(PortalFactory.ManagerToken, "/cases/CS-1")]
    [InlineData(PortalFactory.ManagerToken, "/cases/NOPE")]
    [InlineData(PortalFactory.ManagerToken, "/trueup")]
    [InlineData(PortalFactory.ManagerToken, "/operations")]
    [InlineData(PortalFactory.ConfiguredManagerToken, "/accounts/A0003")]
    [InlineData(PortalFactory.ConfiguredManagerToken, "/cases/CS-5")]
    public async Task Page_RoleOrAccountNotAllowed_403PageWithoutData(string token, string path)
    {
        var response = await _portal.As(token).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertNoData(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A refusal names no account, case, figure or person.</summary>
    private static void AssertNoData(string body)
    {
        foreach (var data in new[] { "A000", "Customer", "CS-", "%", "Sam", "Fran", "Kim", "TU-" }) Assert.DoesNotContain(data, body);
    }
}
