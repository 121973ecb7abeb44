using System.Net.Http.Headers;
using JuniperFts.Scheduling;
using JuniperFts.Host.Settings;
using JuniperFts.Host.Web;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// The portal of <c>fts serve</c> over a real temp warehouse, with three users (one per role) and a fake clock.
/// Jobs are off unless asked for, so a test sees only the ledger rows it writes.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<PortalHost>
{
    public const string LeadershipToken = "lee-2f9c-token";
    public const string ManagerToken = "sam-81ad-token";
    public const string FinanceToken = "fin-5b07-token";
    /// <summary>A second service manager whose accounts are configured, not looked up by e-mail.</summary>
    public const string ConfiguredManagerToken = "kim-77e1-token";

    private readonly JuniperFts.Store.WarehouseConnection _owner;
    private readonly bool _ownsStore;

    /// <param name="store">Another portal's warehouse, to start a second service over the same database (a restart); it stays that portal's to delete.</param>
    public PortalFactory(Instant? now = null, IDictionary<string, string?>? settings = null, TempWarehouse? store = null)
    {
        _ownsStore = store is null;
        Store = store ?? new TempWarehouse();
        Clock = new FakeClock(now ?? Instant.FromUtc(2026, 11, 25, 8, 0));
        _owner = Store.Warehouse.Connect();
        var values = new Dictionary<string, string?>
        {
            ["Service:DropFolder"] = Store.PathOf("drop"),
            ["Service:OutFolder"] = Store.PathOf("out"),
            ["Service:RetryDelaySeconds"] = "0",
            ["Portal:Users:0:Name"] = "Lee Chen", ["Portal:Users:0:Email"] = "lee@vendor.example",
            ["Portal:Users:0:Role"] = "leadership", ["Portal:Users:0:TokenSha256"] = PortalUsers.HashOf(LeadershipToken),
            ["Portal:Users:1:Name"] = "Sam Ruiz", ["Portal:Users:1:Email"] = "sm3@vendor.example",
            ["Portal:Users:1:Role"] = "service_manager", ["Portal:Users:1:TokenSha256"] = PortalUsers.HashOf(ManagerToken),
            ["Portal:Users:2:Name"] = "Fran Okafor", ["Portal:Users:2:Email"] = "fin@vendor.example",
            ["Portal:Users:2:Role"] = "finance", ["Portal:Users:2:TokenSha256"] = PortalUsers.HashOf(FinanceToken),
            ["Portal:Users:3:Name"] = "Kim Park", ["Portal:Users:3:Email"] = "kim@vendor.example",
            ["Portal:Users:3:Role"] = "service_manager", ["Portal:Users:3:TokenSha256"] = PortalUsers.HashOf(ConfiguredManagerToken),
            ["Portal:Users:3:Accounts:0"] = "A0002",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public TempWarehouse Store { get; }
    /// <summary>Every log line of the host, at every level.</summary>
    public CapturedLogs Logs { get; } = new();
    public FakeClock Clock { get; }
    public IConfiguration Configuration { get; }
    /// <summary>True to run the scheduler and the start-up catch-up as <c>fts serve</c> does.</summary>
    public bool RunJobs { get; init; }

    protected override IHostBuilder CreateHostBuilder()
    {
        var runtime = ServiceRuntime.Load(new FtsSettings(Configuration), Store.Warehouse, Clock);
        return PortalHost.CreateHostBuilder(runtime, "http://127.0.0.1:0")
            .ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(Logs))
            .ConfigureServices(services =>
            {
                if (RunJobs) return;
                // The portal alone: without the start-up catch-up and Coravel's scheduler loop no job ever starts.
                foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)
                             && (d.ImplementationType == typeof(CatchUpAtStart) || d.ImplementationType?.Namespace?.StartsWith("Coravel", StringComparison.Ordinal) == true)).ToList())
                    services.Remove(hosted);
            });
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token (none when null).</summary>
    public HttpClient As(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts a form of the page as a browser does: with the anti-forgery token that <c>/session</c> hands the page.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var session = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/session")).RootElement.GetProperty("antiforgery");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new(session.GetProperty("field").GetString()!, session.GetProperty("token").GetString()!));
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The run ledger of the served warehouse.</summary>
    public RunLedger Ledger => new(Store.Warehouse);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _owner.Dispose();
            if (_ownsStore) Store.Dispose();
        }
    }
}
