using JuniperFts.Host.Cli;
using JuniperFts.Host.Web;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>Every <c>Delivery</c> mistake is one line naming the key, exit 2, before anything is opened or sent.</summary>
public sealed class DeliveryConfigurationTests : IDisposable
{
    private readonly TempWarehouse _store = new();

    public void Dispose() => _store.Dispose();

    public static TheoryData<string, string?, string> Mistakes => new()
    {
        { "Delivery:Subscriptions:1:Report", "pdf", "fts: Delivery:Subscriptions:1:Report: 'pdf' is not review-packs, review-decks, sla-workbook or trueup" },
        { "Delivery:Subscriptions:1:To:0", "lee at vendor", "fts: Delivery:Subscriptions:1:To:0: 'lee at vendor' is not an e-mail address or 'service-managers'" },
        { "Delivery:Subscriptions:1:To:0", "service-managers", "fts: Delivery:Subscriptions:1:To:0: 'service-managers' goes with Report review-packs or review-decks only (service managers receive their own accounts' packs or decks)" },
        { "Delivery:Subscriptions:1:Folder", "/mnt/reviews", "fts: Delivery:Subscriptions:1: give either To (e-mail addresses or 'service-managers') or Folder, not both" },
        { "Delivery:Subscriptions:1:Name", "packs-to-managers", "fts: Delivery:Subscriptions:1:Name: 'packs-to-managers' is the name of another subscription too" },
        { "Delivery:Subscriptions:3:Timestamp", "yes", "fts: Delivery:Subscriptions:3:Timestamp: 'yes' is not true or false" },
        { "Delivery:Smtp:Host", null, "fts: Delivery:Smtp:Host is missing, and subscription 'packs-to-managers' sends e-mail" },
        { "Delivery:Smtp:Security", "ssl", "fts: Delivery:Smtp:Security: 'ssl' is not none, starttls or tls" },
        { "Delivery:Smtp:Port", "70000", "fts: Delivery:Smtp:Port: '70000' is not a whole number from 1 to 65535" },
        { "Delivery:Smtp:MaxMessageMegabytes", "0", "fts: Delivery:Smtp:MaxMessageMegabytes: '0' is not a whole number from 1 to 1024" },
        { "Delivery:Smtp:From", "fts", "fts: Delivery:Smtp:From: 'fts' is not an e-mail address (e.g. \"JuniperFts <fts@vendor.example>\")" },
        { "Delivery:Smtp:User", "fts", "fts: Delivery:Smtp:Password is missing: Delivery:Smtp:User is set (leave both out for a server without login)" },
        { "Delivery:PortalUrl", "fts.vendor.example", "fts: Delivery:PortalUrl: 'fts.vendor.example' is not an http:// or https:// address" },
        { "Delivery:Retries", "-1", "fts: Delivery:Retries: '-1' is not a whole number from 0 to 10" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Deliver_BadSetting_OneLineNamingTheKeyAndExit2(string key, string? value, string expected)
    {
        var settings = Config(_store, 25);
        settings[key] = value;

        var run = Deliver(_store, settings, "--subscription", "packs-to-managers", "--period", "2026Q3");

        Assert.Equal((2, expected), (run.Exit, run.Error.TrimEnd()));
        Assert.Equal(0L, _store.Scalar<long>("SELECT count(*) FROM delivery_attempts"));
    }

    [Fact]
    public async Task Serve_BadSubscription_StopsAtStartUpWithOneLine()
    {
        var settings = Config(_store, 25);
        settings["Service:DropFolder"] = _store.PathOf("drop");
        settings["Portal:Users:0:Name"] = "Lee Chen";
        settings["Portal:Users:0:Role"] = "leadership";
        settings["Portal:Users:0:TokenSha256"] = PortalUsers.HashOf("lee-token");
        settings["Delivery:Subscriptions:2:Report"] = "true-up";
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await FtsCli.RunAsync(["serve", "--db", _store.DatabasePath, "--urls", "http://127.0.0.1:0"],
            TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 11, 25, 8, 0)), settings));

        Assert.Equal((2, "fts: Delivery:Subscriptions:2:Report: 'true-up' is not review-packs, review-decks, sla-workbook or trueup"), (exit, error.ToString().TrimEnd()));
    }

    [Theory]
    [InlineData("--subscription", "nightly", "--period", "2026Q3", "fts: --subscription: no subscription 'nightly' in Delivery:Subscriptions (there are: packs-to-managers, workbook-to-leadership, trueup-to-finance, packs-to-share)")]
    [InlineData("--subscription", "packs-to-managers", "--period", "2026-09-30", "fts: --period: '2026-09-30' is not a quarter (a review-packs subscription's period is a quarter, e.g. 2026Q3)")]
    [InlineData("--subscription", "trueup-to-finance", "--period", "2026Q4", "fts: --period: '2026Q4' is not a date (a true-up subscription's period is the due date, e.g. 2026-12-31)")]
    [InlineData("--subscription", "packs-to-managers", "--period", "9999Q4", "fts: --period: '9999Q4' is outside 1900Q1 to 2999Q4")]
    [InlineData("--subscription", "trueup-to-finance", "--period", "0001-12-31", "fts: --period: '0001-12-31' is outside 1900-01-01 to 2999-12-31")]
    public void Deliver_BadArgument_OneLineAndExit2(string o1, string v1, string o2, string v2, string expected)
    {
        var run = Deliver(_store, Config(_store, 25), o1, v1, o2, v2);

        Assert.Equal((2, expected), (run.Exit, run.Error.TrimEnd()));
    }

    [Fact]
    public void Deliver_ToOnAFolderSubscription_OneLineAndExit2()
    {
        var run = Deliver(_store, Config(_store, 25), "--subscription", "packs-to-share", "--period", "2026Q3", "--to", "me@vendor.example");

        Assert.Equal((2, "fts: --to: subscription 'packs-to-share' delivers into a folder, not by e-mail"), (run.Exit, run.Error.TrimEnd()));
    }
}
