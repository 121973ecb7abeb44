using System.Net;
using System.Text.Json;
using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Host.Tests.Web;
using Microsoft.Extensions.DependencyInjection;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>The portal shows leadership every subscription and its last delivery; failures show in /health and /api/jobs.</summary>
public sealed class DeliveryEndpointTests : IDisposable
{
    private readonly SmtpSink _smtp = new();
    private readonly PortalFactory _portal;

    public DeliveryEndpointTests()
    {
        var settings = Config(Path.Combine(Path.GetTempPath(), "fts-delivery-" + Guid.NewGuid().ToString("N")), _smtp.Port);
        settings.Remove("Service:OutFolder"); // the portal's own temp folder
        _portal = new PortalFactory(settings: settings);
        Seed(_portal.Store);
    }

    public void Dispose()
    {
        _portal.Dispose();
        _smtp.Dispose();
    }

    private async Task DeliverPacksWithSm2Refused()
    {
        _smtp.Refuse(Sm2);
        var sender = _portal.Services.GetRequiredService<SubscriptionSender>();
        await sender.DeliverAsync(sender.Settings.Find("packs-to-managers"), "2026Q3", SubscriptionSender.CommandTrigger, _portal.Clock.GetCurrentInstant(), CancellationToken.None);
    }

    [Fact]
    public async Task Deliveries_Leadership_SeesEverySubscriptionAndItsLastDeliveryWithTheReply()
    {
        await DeliverPacksWithSm2Refused();

        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/deliveries");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var subscriptions = json.RootElement.GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Equal(["packs-to-managers", "workbook-to-leadership", "trueup-to-finance", "packs-to-share"], subscriptions.Select(s => s.GetProperty("name").GetString()));
        var packs = subscriptions[0].GetProperty("last_delivery");
        Assert.Equal(("2026Q3", "failed"), (packs.GetProperty("period_key").GetString(), packs.GetProperty("outcome").GetString()));
        var recipients = packs.GetProperty("recipients").EnumerateArray().ToDictionary(r => r.GetProperty("recipient").GetString()!);
        Assert.Equal("delivered", recipients[Sm1].GetProperty("status").GetString());
        Assert.Equal(3, recipients[Sm2].GetProperty("attempt").GetInt32());
        Assert.StartsWith("550 ", recipients[Sm2].GetProperty("server_reply").GetString());
        Assert.Equal(JsonValueKind.Null, subscriptions[1].GetProperty("last_delivery").ValueKind);
    }

    [Fact]
    public async Task Deliveries_ServiceManagerOrFinance_403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _portal.As(PortalFactory.ManagerToken).GetAsync("/api/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _portal.As(PortalFactory.FinanceToken).GetAsync("/api/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _portal.As(null).GetAsync("/api/deliveries")).StatusCode);
    }

    [Fact]
    public async Task Health_AFailedDelivery_ShowsItsOutcomeAndReplyCodeButNoAddress()
    {
        await DeliverPacksWithSm2Refused();

        var body = await _portal.As(null).GetStringAsync("/health");

        using var json = JsonDocument.Parse(body);
        var packs = json.RootElement.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("subscription").GetString() == "packs-to-managers")
            .GetProperty("last_delivery");
        Assert.Equal(("failed", 1, 1), (packs.GetProperty("outcome").GetString(), packs.GetProperty("delivered").GetInt32(), packs.GetProperty("failed").GetInt32()));
        Assert.Equal(["550"], packs.GetProperty("reply_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("@", body);
    }

    [Fact]
    public async Task Jobs_Leadership_ListsEveryDeliveryAttemptWithTheServersReply()
    {
        await DeliverPacksWithSm2Refused();

        using var json = JsonDocument.Parse(await _portal.As(PortalFactory.LeadershipToken).GetStringAsync("/api/jobs"));

        var attempts = json.RootElement.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(4, attempts.Count); // sm1 once, sm2 three times
        var refused = attempts.Where(a => a.GetProperty("recipient").GetString() == Sm2).ToList();
        Assert.All(refused, a => Assert.StartsWith("550 ", a.GetProperty("server_reply").GetString()));
        Assert.Equal([3, 2, 1], refused.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal(["review-pack-A0002-2026Q3.pdf"], refused[0].GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task OperationsPage_Leadership_SeesTheSubscriptionsAndAManagerIsRefused()
    {
        await using var browser = await PortalBrowser.OpenAsync(_portal);
        await DeliverPacksWithSm2Refused();
        var page = browser.Page;

        await page.GotoAsync(browser.BaseUrl + "/");
        await page.FillAsync("#token", PortalFactory.LeadershipToken);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal");
        await page.GotoAsync(browser.BaseUrl + "/operations");
        var rows = await page.Locator("#subscription-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(4, rows.Count);
        Assert.StartsWith("packs-to-managers\treview-packs\tservice-managers\t2026Q3\tfailed 2026-11-25 08:00 UTC\t", rows[0]);
        Assert.Contains($"{Sm2}: failed (try 3: 550 ", rows[0]);
        Assert.Equal("status-failed", await page.Locator("#subscription-table tbody tr >> nth=0 >> td >> nth=4").GetAttributeAsync("class"));
        Assert.StartsWith("workbook-to-leadership\tsla-workbook\tlee@vendor.example\tnever delivered", rows[1]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "portal-subscriptions.png"), FullPage = true });

        await page.ClickAsync("text=Sign out");
        await page.FillAsync("#token", PortalFactory.ManagerToken);
        await page.ClickAsync("#signin-button");
        await page.WaitForSelectorAsync("#portal");
        var refused = await page.GotoAsync(browser.BaseUrl + "/operations");
        Assert.Equal(403, refused!.Status);
        Assert.DoesNotContain("packs-to-managers", await refused.TextAsync());
    }
}
