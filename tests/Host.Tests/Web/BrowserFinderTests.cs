using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>The order in which the portal tests look for a browser, and the one line when there is none.</summary>
public class BrowserFinderTests
{
    private const string PlaywrightChromium = "/home/dev/.cache/ms-playwright/chromium-1200/chrome-linux/chrome";

    [Fact]
    public void Candidates_Everything_PlaywrightsThenChannelsThenDebian()
    {
        var candidates = BrowserFinder.Candidates(null, PlaywrightChromium, _ => true);

        Assert.Equal(
            [(PlaywrightChromium, null), (null, "chrome"), (null, "msedge"), (BrowserFinder.DebianChromium, null)],
            candidates.Select(c => (c.ExecutablePath, c.Channel)));
    }

    [Fact]
    public void Candidates_ExplicitSetting_OnlyThat()
    {
        var candidates = BrowserFinder.Candidates("/opt/my/chrome", PlaywrightChromium, _ => true);

        Assert.Equal("/opt/my/chrome", Assert.Single(candidates).ExecutablePath);
    }

    [Fact]
    public void Candidates_ExplicitSettingMissing_OneLineNamingTheVariable()
    {
        var e = Assert.Throws<InvalidOperationException>(() => BrowserFinder.Candidates("/no/such/chrome", PlaywrightChromium, p => p != "/no/such/chrome"));

        Assert.Equal("FTS_BROWSER=/no/such/chrome: no such file; point it at a Chromium-based browser's executable, or unset it", e.Message);
    }

    [Fact]
    public void Candidates_NoPlaywrightBrowserNoDebianChromium_OnlyTheChannels()
    {
        var candidates = BrowserFinder.Candidates("", PlaywrightChromium, _ => false);

        Assert.Equal(["chrome", "msedge"], candidates.Select(c => c.Channel));
    }

    [Fact]
    public async Task LaunchFirst_NoChannelInstalled_FailsWithOneLineSayingWhatToInstall()
    {
        var tried = new List<string>();
        var candidates = BrowserFinder.Candidates(null, PlaywrightChromium, _ => false);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BrowserFinder.LaunchFirstAsync(candidates, c =>
        {
            tried.Add(c.Channel!);
            // Playwright's own words when a channel's browser is not on the machine.
            throw new PlaywrightException($"Chromium distribution '{c.Channel}' is not found at /opt/{c.Channel}\nRun \"npx playwright install {c.Channel}\"");
        }));

        Assert.Equal(["chrome", "msedge"], tried);
        Assert.Equal(BrowserFinder.NothingFound, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("chromium", e.Message);
    }

    [Fact]
    public async Task LaunchFirst_FoundBrowserFailsToStart_FailsNamingItInsteadOfLookingFurther()
    {
        var tried = new List<string>();
        var candidates = BrowserFinder.Candidates(null, PlaywrightChromium, _ => true);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BrowserFinder.LaunchFirstAsync(candidates, c =>
        {
            tried.Add(c.Name);
            throw new PlaywrightException("Browser closed.\nstack");
        }));

        Assert.Equal(["Playwright's Chromium"], tried);
        Assert.Equal("Playwright's Chromium was found but did not start: Browser closed.", e.Message);
    }

    [Fact]
    public async Task Launch_ThisMachine_StartsARealBrowser()
    {
        // The portal tests' own path: whatever this machine has, found in the documented order.
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFinder.LaunchAsync(playwright, ["--no-sandbox"]);

        Assert.False(string.IsNullOrEmpty(browser.Version));
    }
}
