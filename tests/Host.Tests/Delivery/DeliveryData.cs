using JuniperFts.Host.Tests.Ingest;
using JuniperFts.Host.Tests.Web;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>
/// Four accounts on 24x7 contracts (2025-01-01 to 2026-12-31, so contract year 1 ends 2025-12-31) and answered cases in 2026Q3.
/// </summary>
/// <remarks>
/// A0001 (sm1): P1 met, P1 breached: 50.00 %. A0002 (sm2): P3 met: 100.00 %. A0003 (SM1@…, the same manager as A0001
/// in other letters): P2 met, P2 breached: 50.00 %. A0004: no service manager e-mail, no cases. All accounts: 3 met, 2 breached: 60.00 %.
/// </remarks>
public static class DeliveryData
{
    public const string Sm1 = "sm1@vendor.example";
    public const string Sm2 = "sm2@vendor.example";
    public const string Leadership = "lee@vendor.example";
    public const string Finance = "finance@vendor.example";

    public static void Seed(TempWarehouse store)
    {
        var seed = store.Seed();
        foreach (var (account, manager) in new[] { ("A0001", Sm1), ("A0002", Sm2), ("A0003", "SM1@vendor.example"), ("A0004", null) })
        {
            var n = account[^1];
            seed.Account(account, serviceManager: manager, name: "Customer " + n)
                .Site("S" + n, account)
                .Contract("C-100" + n, account, "S" + n, sku: "SVC-FTS-24x7", centre: "SUNNYVALE", start: "2025-01-01", end: "2026-12-31")
                .Unit("JN" + n, "C-100" + n, "2025-01-01")
                .Unit("JX" + n, "C-100" + n, "2025-06-01", annualFee: 3650m);
        }
        PortalData.Case(seed, "CS-1", "A0001", "P1", new DateTime(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc), minutes: 10);
        PortalData.Case(seed, "CS-2", "A0001", "P1", new DateTime(2026, 7, 2, 10, 0, 0, DateTimeKind.Utc), minutes: 20);
        PortalData.Case(seed, "CS-3", "A0002", "P3", new DateTime(2026, 8, 3, 10, 0, 0, DateTimeKind.Utc), minutes: 60);
        PortalData.Case(seed, "CS-4", "A0003", "P2", new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc), minutes: 20);
        PortalData.Case(seed, "CS-5", "A0003", "P2", new DateTime(2026, 9, 2, 10, 0, 0, DateTimeKind.Utc), minutes: 40);
        SlaRefresh.Run(store.Warehouse, Domain.Reference.ReferenceData.BuiltIn);
    }

    /// <summary>The web.md example subscriptions against an SMTP server on <paramref name="smtpPort"/> (no TLS), plus the share folder.</summary>
    public static Dictionary<string, string?> Config(TempWarehouse store, int smtpPort) => Config(store.Folder, smtpPort);

    /// <summary>The same, with the output folder and the share inside <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> Config(string folder, int smtpPort) => new()
    {
        ["Service:OutFolder"] = Path.Combine(folder, "out"),
        ["Delivery:Smtp:Host"] = "127.0.0.1",
        ["Delivery:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Delivery:Smtp:Security"] = "none",
        ["Delivery:Smtp:From"] = "JuniperFts <fts@vendor.example>",
        ["Delivery:Smtp:ReplyTo"] = "SLA team <sla-team@vendor.example>",
        ["Delivery:PortalUrl"] = "https://fts.vendor.example/",
        ["Delivery:RetryDelaySeconds"] = "0",
        ["Delivery:Subscriptions:0:Name"] = "packs-to-managers",
        ["Delivery:Subscriptions:0:Report"] = "review-packs",
        ["Delivery:Subscriptions:0:To:0"] = "service-managers",
        ["Delivery:Subscriptions:1:Name"] = "workbook-to-leadership",
        ["Delivery:Subscriptions:1:Report"] = "sla-workbook",
        ["Delivery:Subscriptions:1:To:0"] = Leadership,
        ["Delivery:Subscriptions:2:Name"] = "trueup-to-finance",
        ["Delivery:Subscriptions:2:Report"] = "trueup",
        ["Delivery:Subscriptions:2:To:0"] = Finance,
        ["Delivery:Subscriptions:3:Name"] = "packs-to-share",
        ["Delivery:Subscriptions:3:Report"] = "review-packs",
        ["Delivery:Subscriptions:3:Folder"] = Path.Combine(folder, "share"),
        ["Delivery:Subscriptions:3:Timestamp"] = "false",
    };

    /// <summary><c>fts deliver</c> in-process against <paramref name="store"/>.</summary>
    public static Fts.Outcome Deliver(TempWarehouse store, IDictionary<string, string?> settings, params string[] args) =>
        Fts.Run(settings, ["deliver", "--db", store.DatabasePath, .. args]);
}
