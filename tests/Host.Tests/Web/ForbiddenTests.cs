using System.Net;

namespace JuniperFts.Host.Tests.Web;

/// <summary>Every 403 rule of web.md: a known user asking for what their role or accounts do not allow gets nothing of the data.</summary>
public class ForbiddenTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public ForbiddenTests() => PortalData.Seed(_portal.Store);

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
    public async Task Get_RoleOrAccountNotAllowed_403WithoutData(string token, string path)
    {
        var response = await _portal.As(token).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":\"your role or accounts do not allow this\"}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Content.Headers.Contains("Content-Disposition"));
    }

    public void Dispose() => _portal.Dispose();
}
