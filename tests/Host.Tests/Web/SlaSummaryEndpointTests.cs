using System.Net;
using System.Text.Json;

namespace JuniperFts.Host.Tests.Web;

public class SlaSummaryEndpointTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    private readonly PortalFactory _portal = seeded.Portal;


    private async Task<JsonElement> Summary(string token, string query)
    {
        var response = await _portal.As(token).GetAsync("/api/sla/summary" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static IEnumerable<string> Rows(JsonElement json) => json.GetProperty("rows").EnumerateArray().Select(r =>
        $"{string.Join('/', r.GetProperty("keys").EnumerateArray().Select(k => k.GetString()))} {r.GetProperty("eligible")} {r.GetProperty("met")} " +
        $"{r.GetProperty("breached")} {r.GetProperty("pending")} {r.GetProperty("attainment_pct")} {r.GetProperty("rating").GetString()}");

    [Theory]
    [InlineData(PortalFactory.LeadershipToken)]
    [InlineData(PortalFactory.FinanceToken)]
    public async Task Summary_AllAccountsRoles_EveryAccount(string token)
    {
        var json = await Summary(token, "?quarter=2026Q3&by=priority");
        Assert.Equal("2026Q3", json.GetProperty("quarter").GetString());
        Assert.Equal(["P1 2 1 1 0 50.00 bad", "P2 2 1 1 0 50.00 bad", "P3 1 1 0 0 100.00 good"], Rows(json));
    }

    [Fact]
    public async Task Summary_ServiceManagerByEmail_OnlyTheirAccount()
    {
        // Sam's e-mail matches A0003's service manager (case aside); nothing of A0001 or A0002 is in the answer.
        var json = await Summary(PortalFactory.ManagerToken, "?quarter=2026Q3&by=account,priority");
        Assert.Equal(["A0003/P2 2 1 1 0 50.00 bad"], Rows(json));
    }

    [Fact]
    public async Task Summary_ServiceManagerWithConfiguredAccounts_ThoseAccounts()
    {
        var json = await Summary(PortalFactory.ConfiguredManagerToken, "?quarter=2026Q3&by=account");
        Assert.Equal(["A0002 1 1 0 0 100.00 good"], Rows(json));
    }

    [Fact]
    public async Task Summary_NoQuarterOrBy_LatestCompleteQuarterByPriorityRegionWindow()
    {
        var json = await Summary(PortalFactory.LeadershipToken, "");
        Assert.Equal("2026Q3", json.GetProperty("quarter").GetString());
        Assert.Equal(["priority", "region", "window"], json.GetProperty("by").EnumerateArray().Select(b => b.GetString()!));
        Assert.Equal(["P1/AMERICAS/24x7 2 1 1 0 50.00 bad", "P2/AMERICAS/24x7 2 1 1 0 50.00 bad", "P3/AMERICAS/24x7 1 1 0 0 100.00 good"], Rows(json));
        Assert.Equal(95m, json.GetProperty("target_pct").GetDecimal());
        // The as-of of the portal's clock, to the millisecond and always as long (ab counts an answer of another length as failed).
        Assert.Equal("2026-11-25T08:00:00.000Z", json.GetProperty("as_of").GetString());
        Assert.True(json.TryGetProperty("warning_pct", out _));
    }

    [Fact]
    public async Task Summary_QuarterWithoutCases_NoRows()
    {
        Assert.Empty(Rows(await Summary(PortalFactory.LeadershipToken, "?quarter=2026Q2")));
    }

    [Theory]
    [InlineData("?quarter=2026-Q3", "quarter: '2026-Q3' is not a quarter")]
    [InlineData("?by=priority,colour", "by: 'priority,colour' must list distinct groups")]
    [InlineData("?by=priority,priority", "by: 'priority,priority' must list distinct groups")]
    public async Task Summary_BadParameter_400NamingIt(string query, string expected)
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/sla/summary" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

}
