using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>A real headless browser driven by Playwright against the portal on a real Kestrel port on 127.0.0.1.</summary>
/// <remarks>Never downloads a browser: <see cref="BrowserFinder"/> takes the machine's (<c>./test.sh</c> installs Debian's chromium when there is none).</remarks>
public sealed class PortalBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PortalBrowser(IPlaywright playwright, IBrowser browser, IPage page, string baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        BaseUrl = baseUrl;
    }

    public IPage Page { get; }
    public string BaseUrl { get; }

    /// <summary>Starts <paramref name="portal"/> on a free loopback port and opens a page in the machine's headless browser.</summary>
    public static async Task<PortalBrowser> OpenAsync(PortalFactory portal)
    {
        portal.UseKestrel(0);
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        IBrowser browser;
        try
        {
            browser = await BrowserFinder.LaunchAsync(playwright, ChromiumArgs);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        return new PortalBrowser(playwright, browser, page, address.TrimEnd('/'));
    }

    /// <summary>A page in a context of its own (its own cookies: another person), 1366×900 as a laptop shows the portal.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
