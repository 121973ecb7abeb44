using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// A real OpenID provider, panva's <c>oidc-provider</c> from npm run with node (<c>tests/Host.Tests/oidc/provider.mjs</c>),
/// on a free loopback port at <c>http://localhost:PORT</c>: a different site from the portal on 127.0.0.1, as a
/// company provider would be. Its packages come from the committed package-lock.json with <c>npm ci</c> on first use.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "juniper-fts";
    public const string ClientSecret = "portal-client-secret-6c1e";

    /// <summary>The people of the provider: login → claims. Sam's single group is a plain string, the others' are lists.</summary>
    public static readonly IReadOnlyDictionary<string, object> Accounts = new Dictionary<string, object>
    {
        ["lee"] = new { sub = "u-1001", name = "Lee Chen", email = "lee@vendor.example", groups = new[] { "staff", "fts-leadership" } },
        ["sam"] = new { sub = "u-1002", name = "Sam Ruiz", email = "Sm3@Vendor.example", groups = "fts-service-managers" },
        ["noah"] = new { sub = "u-1003", name = "Noah Berg", email = "noah@vendor.example", groups = new[] { "staff" } },
    };

    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "fts-oidc-" + Guid.NewGuid().ToString("N"));
    private Process? _node;
    private readonly List<string> _output = [];

    private OidcProvider(int port) => Port = port;

    public int Port { get; }
    public string Issuer => $"http://localhost:{Port}";
    /// <summary>Where the portal that uses this provider runs (set by <see cref="StartAsync"/>).</summary>
    public string PortalUrl { get; private set; } = "";

    /// <summary>A provider on a free port, not started yet: the portal is configured with its address first.</summary>
    public static OidcProvider OnFreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new OidcProvider(port);
    }

    /// <summary>The <c>Portal:Oidc</c> keys of web.md for this provider, and one token user for automation.</summary>
    public IDictionary<string, string?> PortalSettings() => new Dictionary<string, string?>
    {
        ["Portal:Oidc:Authority"] = Issuer,
        ["Portal:Oidc:ClientId"] = ClientId,
        ["Portal:Oidc:ClientSecret"] = ClientSecret,
        ["Portal:Oidc:Scopes:0"] = "openid", ["Portal:Oidc:Scopes:1"] = "profile",
        ["Portal:Oidc:Scopes:2"] = "email", ["Portal:Oidc:Scopes:3"] = "groups",
        ["Portal:Oidc:NameClaim"] = "name", ["Portal:Oidc:EmailClaim"] = "email", ["Portal:Oidc:RoleClaim"] = "groups",
        ["Portal:Oidc:Roles:leadership:0"] = "fts-leadership",
        ["Portal:Oidc:Roles:service_manager:0"] = "fts-service-managers",
        ["Portal:Oidc:Roles:finance:0"] = "fts-finance",
    };

    /// <summary>Starts node with the portal at <paramref name="portalUrl"/> as the one registered client; returns when it listens.</summary>
    public async Task StartAsync(string portalUrl)
    {
        PortalUrl = portalUrl;
        var folder = await NpmFolder.EnsureInstalledAsync("oidc");
        var start = new ProcessStartInfo(RequiredTool.Find("node", RequiredTool.NodeJs), "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OIDC_ISSUER"] = Issuer;
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        // Also the https address of the same portal: behind a TLS-terminating proxy it sees X-Forwarded-Proto: https.
        var https = new UriBuilder(portalUrl) { Scheme = "https", Port = new Uri(portalUrl).Port }.Uri.ToString().TrimEnd('/');
        start.Environment["OIDC_REDIRECT_URI"] = $"{portalUrl}/signin-oidc,{https}/signin-oidc";
        start.Environment["OIDC_POST_LOGOUT_URI"] = portalUrl + "/signout-callback-oidc";
        start.Environment["OIDC_STATE_DIR"] = _stateDir;
        start.Environment["OIDC_ACCOUNTS"] = JsonSerializer.Serialize(Accounts);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node = new Process { StartInfo = start };
        node.OutputDataReceived += (_, e) => { if (e.Data is null) return; lock (_output) _output.Add(e.Data); if (e.Data.Contains("oidc-provider ready")) ready.TrySetResult(); };
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        _node = node;
        var exited = node.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(30))) != ready.Task)
            throw new InvalidOperationException("oidc-provider did not start:\n" + Output);
    }

    /// <summary>Stops the provider process (its signing key and cookie secret stay for <see cref="StartAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_node is not { } node) return;
        _node = null;
        if (!node.HasExited) node.Kill();
        await node.WaitForExitAsync();
        node.Dispose();
    }

    /// <summary>What node printed, for failure messages.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}
