using JuniperFts.Host.Web;

namespace JuniperFts.Host.Tests.Web;

public class PortalPageTests
{
    [Fact]
    public async Task SignIn_WrongThenRightToken_ShowsFailureThenPortal()
    {
        using var portal = new PortalFactory();
        await using var browser = await PortalBrowser.OpenAsync(portal);
        var page = browser.Page;

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.FillAsync("#token", "a wrong token");
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#signin-failed:not([hidden])");

        await page.FillAsync("#token", PortalFactory.FinanceToken);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal:not([hidden])");
        Assert.Equal("Fran Okafor", await page.TextContentAsync("#who-name"));
        // The token lives in an HttpOnly cookie: page scripts cannot read it.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == PortalAccess.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Strict, cookie.SameSite);
    }
}
