using System.Runtime.CompilerServices;
using JuniperFts.Domain.Reference;
using JuniperFts.Host.Web;
using JuniperFts.Reports.Sla;
using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// One seeded portal and one real browser for the page tests of this class: <see cref="PortalData"/> plus cases of
/// the two quarters before (a trend to draw) and a P1 of A0003 still open at the as-of.
/// </summary>
public sealed class PortalInBrowser : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();
    public PortalBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PortalData.Seed(Portal.Store);
        var seed = Portal.Store.Seed();
        PortalData.Case(seed, "CS-6", "A0001", "P1", new DateTime(2026, 4, 10, 10, 0, 0, DateTimeKind.Utc), minutes: 5);
        PortalData.Case(seed, "CS-7", "A0003", "P2", new DateTime(2026, 5, 5, 10, 0, 0, DateTimeKind.Utc), minutes: 40);
        PortalData.Case(seed, "CS-8", "A0001", "P2", new DateTime(2026, 2, 2, 10, 0, 0, DateTimeKind.Utc), minutes: 10);
        seed.Case("CS-9", "A0003", "S3", "JN3", "P1", new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc), title: "Cluster down, no response yet");
        SlaRefresh.Run(Portal.Store.Warehouse, ReferenceData.BuiltIn);
        // A run of the ledger with the microseconds a real clock gives: the page writes it to the minute.
        var run = Portal.Ledger.Start("ingest", "2026-11-25", 1, "schedule", NodaTime.Instant.FromUtc(2026, 11, 25, 7, 55, 51).PlusNanoseconds(810_694_000));
        Portal.Ledger.Succeed(run, NodaTime.Instant.FromUtc(2026, 11, 25, 7, 58, 3).PlusNanoseconds(123_456_000), []);
        Browser = await PortalBrowser.OpenAsync(Portal);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Portal.Dispose();
    }
}

public class PortalPageTests(PortalInBrowser rig) : IClassFixture<PortalInBrowser>
{
    private string BaseUrl => rig.Browser.BaseUrl;

    /// <summary>Where the screenshots go, for people to look at (not compared, not committed): the test results folder.</summary>
    private static string Screenshot(string name, [CallerFilePath] string self = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(self)!, "..", "TestResults", "portal-pages");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private async Task<IPage> SignInAsync(string token)
    {
        var page = await rig.Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.FillAsync("#token", token);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal");
        return page;
    }

    /// <summary>Looks at the page as people do (a screenshot) and as assistive technology does (axe: no serious or critical violation).</summary>
    private static async Task LookAtAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Screenshot(name), FullPage = true });
        var violations = await Axe.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{name}: " + string.Join("\n", violations));
    }

    [Fact]
    public async Task Leadership_OverviewToRegionAccountBreachAndItsExplanation()
    {
        var page = await SignInAsync(PortalFactory.LeadershipToken);
        Assert.Equal("Lee Chen", await page.TextContentAsync("#who-name"));
        Assert.Equal("2026Q3", await page.InputValueAsync("#quarter"));
        Assert.Equal("60.00 %", await page.TextContentAsync("#quarter-attainment")); // 3 met, 2 breached
        Assert.Contains("50.00 %", await page.TextContentAsync(".headline")); // 2026Q2, the quarter before
        var rows = await page.Locator("#attainment tbody tr").AllInnerTextsAsync();
        Assert.Equal(["P1\t2\t1\t1\t0\t50.00 %", "P2\t2\t1\t1\t0\t50.00 %", "P3\t1\t1\t0\t0\t100.00 %"], rows);
        Assert.Equal("num bad", await page.Locator("#attainment tbody tr >> nth=0 >> td >> nth=5").GetAttributeAsync("class"));
        Assert.Equal("num good", await page.Locator("#attainment tbody tr >> nth=2 >> td >> nth=5").GetAttributeAsync("class"));
        // The trend: a chart drawn on the server, its figures in the table under it.
        Assert.Equal(1, await page.Locator("figure.chart svg").CountAsync());
        Assert.Equal("All cases\t–\t–\t–\t–\t–\t100.00 % (1)\t50.00 % (2)\t60.00 % (5)",
            (await page.Locator("#trend-table tbody tr").AllInnerTextsAsync())[0]);
        Assert.Contains("A0001", await page.TextContentAsync("#furthest-table"));
        await LookAtAsync(page, "overview-leadership");

        // By region, then into the region: its accounts.
        await page.SelectOptionAsync("#by", "region");
        await page.ClickAsync("form.toolbar button[type=submit]");
        await page.WaitForURLAsync("**/?quarter=2026Q3&by=region");
        await page.ClickAsync("#attainment >> text=AMERICAS");
        await page.WaitForURLAsync("**/?quarter=2026Q3&by=account&region=AMERICAS");
        Assert.Equal(3, await page.Locator("#attainment tbody tr").CountAsync());
        await LookAtAsync(page, "overview-region");

        // An account, one of its breaches, and why.
        await page.ClickAsync("#attainment >> text=A0001");
        await page.WaitForURLAsync("**/accounts/A0001?quarter=2026Q3");
        Assert.Equal(["CS-2"], await page.Locator("#breaches-table tbody td:first-child").AllInnerTextsAsync());
        await LookAtAsync(page, "account");
        await page.ClickAsync("#breaches-table >> text=CS-2");
        await page.WaitForURLAsync("**/cases/CS-2");
        var expected = SlaExplanation.Of(rig.Portal.Store.Warehouse, ReferenceData.BuiltIn, "CS-2", rig.Portal.Clock.GetCurrentInstant()).Lines();
        Assert.Equal(expected, await page.Locator("#explanation li").AllInnerTextsAsync());
        Assert.Contains("20 minutes: 5 minutes over the target, so the SLA was breached", await page.TextContentAsync("main"));
        Assert.Contains("agrees with the rules", await page.TextContentAsync("#portal"));
        await LookAtAsync(page, "case");

        // The back button returns to the account page; the accounts list sorts by a column.
        await page.GoBackAsync();
        await page.WaitForURLAsync("**/accounts/A0001?quarter=2026Q3");
        await page.GotoAsync(BaseUrl + "/accounts?quarter=2026Q3&sort=attainment");
        Assert.Equal(["A0001", "A0003", "A0002"], await page.Locator("#accounts tbody td:first-child").AllInnerTextsAsync());
        await page.ClickAsync("#accounts th >> text=attainment");
        await page.WaitForURLAsync("**/accounts?quarter=2026Q3&sort=attainment&dir=desc");
        Assert.Equal(["A0002", "A0001", "A0003"], await page.Locator("#accounts tbody td:first-child").AllInnerTextsAsync());
        await LookAtAsync(page, "accounts");

        await page.ClickAsync("nav >> text=Operations");
        await page.WaitForSelectorAsync("#jobs");
        Assert.Contains("2026-11-25 07:58 UTC", await page.TextContentAsync("#jobs"));
        Assert.DoesNotMatch(@"\d{2}:\d{2}:\d{2}\.\d", await page.TextContentAsync("main"));
        await LookAtAsync(page, "operations");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ServiceManager_SeesOnlyOwnAccounts_OthersTypedByHandAre403WithoutData()
    {
        var page = await SignInAsync(PortalFactory.ManagerToken);
        Assert.Equal(["Overview", "Accounts"], await page.Locator("nav a").AllInnerTextsAsync());
        await page.GotoAsync(BaseUrl + "/?quarter=2026Q3&by=account");
        Assert.Equal(["A0003"], await page.Locator("#attainment tbody td:first-child").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("#furthest-table").CountAsync());
        await LookAtAsync(page, "overview-service-manager");

        await page.ClickAsync("nav >> text=Accounts");
        Assert.Equal(["A0003"], await page.Locator("#accounts tbody td:first-child").AllInnerTextsAsync());
        await page.ClickAsync("#accounts >> text=A0003");
        await page.WaitForURLAsync("**/accounts/A0003?quarter=2026Q3");
        Assert.Equal(["CS-9"], await page.Locator("#open-table tbody td:first-child").AllInnerTextsAsync());
        Assert.Equal(2, await page.Locator("#download-list a[href*='A0003/review-']").CountAsync());
        await LookAtAsync(page, "account-service-manager");

        foreach (var path in new[] { "/accounts/A0001?quarter=2026Q3", "/accounts/A9999", "/cases/CS-1", "/cases/NOPE", "/api/cases/CS-1/explain",
                     "/api/accounts/A0001/cases?quarter=2026Q3", "/trueup", "/operations" })
        {
            var response = await page.GotoAsync(BaseUrl + path);
            Assert.Equal(403, response!.Status);
            var body = await response.TextAsync();
            foreach (var secret in new[] { "A0001", "Customer 1", "CS-1", "CS-2", "SUNNYVALE", "%" }) Assert.DoesNotContain(secret, body);
        }
        await LookAtAsync(page, "refused");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Finance_TrueUpPage_DownloadsAStatement()
    {
        var page = await SignInAsync(PortalFactory.FinanceToken);
        Assert.Equal(["Overview", "True-up"], await page.Locator("nav a").AllInnerTextsAsync());
        await page.GotoAsync(BaseUrl + "/?quarter=2026Q3&by=account");
        Assert.Equal(3, await page.Locator("#attainment tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#attainment a").CountAsync()); // summaries without case detail: no way into an account
        await LookAtAsync(page, "overview-finance");

        await page.ClickAsync("nav >> text=True-up");
        await page.WaitForURLAsync("**/trueup");
        Assert.Equal("2026-11-25", await page.InputValueAsync("#due"));
        Assert.Equal(["TU-C-1001-1", "TU-C-1002-1", "TU-C-1003-1"], await page.Locator("#statements tbody td:first-child").AllInnerTextsAsync());
        Assert.Contains("due, not issued yet", await page.TextContentAsync("#statements"));
        await LookAtAsync(page, "trueup");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[aria-label='TU-C-1001-1 as PDF']"));
        Assert.Equal("TU-C-1001-1.pdf", download.SuggestedFilename);
        var saved = rig.Portal.Store.PathOf("statement.pdf");
        await download.SaveAsAsync(saved);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(saved);
        Assert.Contains("TU-C-1001-1", string.Concat(pdf.GetPages().Select(p => p.Text)));
        await page.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongThenRightToken_ShowsFailureThenPortal()
    {
        var page = await rig.Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/");
        await page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.False(await page.IsVisibleAsync("text=Sign out"));
        await page.FillAsync("#token", "a wrong token");
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#signin-failed:not([hidden])");
        await LookAtAsync(page, "signin");

        await page.FillAsync("#token", PortalFactory.FinanceToken);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal");
        Assert.Equal("Fran Okafor", await page.TextContentAsync("#who-name"));
        // The token lives in an HttpOnly cookie: page scripts cannot read it.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie"));
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == PortalAccess.CookieName);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        await page.CloseAsync();
    }
}
