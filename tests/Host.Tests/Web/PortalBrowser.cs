using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace JuniperFts.Host.Tests.Web;

/// <summary>Debian's Chromium driven by Playwright against the portal on a real Kestrel port on 127.0.0.1.</summary>
/// <remarks>Never downloads a browser: <c>/usr/bin/chromium</c> is installed with apt-get (CI: <c>.ci/run</c>).</remarks>
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

    /// <summary>Starts <paramref name="portal"/> on a free loopback port and opens a page in headless Chromium.</summary>
    public static async Task<PortalBrowser> OpenAsync(PortalFactory portal)
    {
        portal.UseKestrel(0);
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1100, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        return new PortalBrowser(playwright, browser, page, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
