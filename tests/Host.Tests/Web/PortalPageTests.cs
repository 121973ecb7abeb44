using JuniperFts.Host.Web;

namespace JuniperFts.Host.Tests.Web;

public class PortalPageTests
{
    /// <summary>Where the screenshot of the portal is written, for people to look at (not compared).</summary>
    private static string ScreenshotPath => Path.Combine(AppContext.BaseDirectory, "portal-leadership.png");

    [Fact]
    public async Task Portal_LeadershipPicksQuarter_SeesColouredTableAndDownloadsWorkbook()
    {
        using var portal = new PortalFactory();
        PortalData.Seed(portal.Store);
        await using var browser = await PortalBrowser.OpenAsync(portal);
        var page = browser.Page;

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.FillAsync("#token", PortalFactory.LeadershipToken);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal:not([hidden])");
        // The portal shows before its quarters arrive; the page adds them all in one step.
        await page.WaitForSelectorAsync("#quarter option", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        Assert.Equal("2026Q3", await page.InputValueAsync("#quarter"));

        // An empty quarter first, then back to 2026Q3.
        await page.SelectOptionAsync("#quarter", "2026Q2");
        await page.WaitForSelectorAsync("#table-message:text('No eligible cases in this quarter.')");
        await page.SelectOptionAsync("#quarter", "2026Q3");
        await page.WaitForSelectorAsync("#attainment tbody tr");

        var rows = await page.Locator("#attainment tbody tr").AllInnerTextsAsync();
        Assert.Equal(["P1\t2\t1\t1\t0\t50.00 %", "P2\t2\t1\t1\t0\t50.00 %", "P3\t1\t1\t0\t0\t100.00 %"], rows);
        Assert.Equal("num bad", await page.Locator("#attainment tbody tr >> nth=0 >> td >> nth=5").GetAttributeAsync("class"));
        Assert.Equal("num good", await page.Locator("#attainment tbody tr >> nth=2 >> td >> nth=5").GetAttributeAsync("class"));

        await page.WaitForSelectorAsync("#download-list li");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath, FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=SLA workbook 2026Q3 (.xlsx)"));
        Assert.Equal("sla-2026Q3.xlsx", download.SuggestedFilename);
        var saved = portal.Store.PathOf("downloaded.xlsx");
        await download.SaveAsAsync(saved);
        using var workbook = new ClosedXML.Excel.XLWorkbook(saved);
        Assert.Contains("A0001", workbook.Worksheet("By account").CellsUsed().Select(c => c.GetString()));
    }

    [Fact]
    public async Task SignIn_WrongThenRightToken_ShowsFailureThenPortal()
    {
        using var portal = new PortalFactory();
        await using var browser = await PortalBrowser.OpenAsync(portal);
        var page = browser.Page;

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.False(await page.IsVisibleAsync("text=Sign out"));
        await page.FillAsync("#token", "a wrong token");
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#signin-failed:not([hidden])");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-signin.png") });

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
