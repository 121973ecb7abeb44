using System.Diagnostics;
using System.Text.Json;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Web;

/// <summary>
/// A real OpenID provider, panva's <c>oidc-provider</c> from npm run with node (<c>tests/Host.Tests/oidc/provider.mjs</c>),
/// at <c>http://localhost:PORT</c>: a different site from the portal on 127.0.0.1, as a company provider would be. Node
/// binds the port itself (port 0) and reports it, and keeps it until disposed: the provider goes down and comes back
/// by command, so no other process can take its address meanwhile. Its packages come from the committed
/// package-lock.json with <c>npm ci</c> on first use.
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
    private readonly Process _node;
    private readonly List<string> _output = [];
    /// <summary>Completed when node prints a line starting with the key (a reply to the last command).</summary>
    private TaskCompletionSource<string> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _expected = "oidc-provider listening on port ";

    private OidcProvider(Process node) => _node = node;

    public int Port { get; private set; }
    public string Issuer => $"http://localhost:{Port}";
    /// <summary>Where the portal that uses this provider runs (set by <see cref="StartAsync"/>).</summary>
    public string PortalUrl { get; private set; } = "";

    /// <summary>
    /// Starts node on a port it binds itself and returns once it reports it; the provider is down (it answers nothing)
    /// until <see cref="StartAsync"/>, so the portal can be configured with its address first.
    /// </summary>
    public static async Task<OidcProvider> LaunchAsync()
    {
        var folder = await NpmFolder.EnsureInstalledAsync("oidc");
        var start = new ProcessStartInfo(RequiredTool.Find("node", RequiredTool.NodeJs), "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = ClientSecret;
        start.Environment["OIDC_ACCOUNTS"] = JsonSerializer.Serialize(Accounts);
        var provider = new OidcProvider(new Process { StartInfo = start });
        start.Environment["OIDC_STATE_DIR"] = provider._stateDir;
        var node = provider._node;
        node.OutputDataReceived += (_, e) => provider.Received(e.Data);
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (provider._output) provider._output.Add(e.Data); };
        node.Start();
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var port = await provider.ReplyAsync("oidc-provider to listen");
        provider.Port = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        return provider;
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

    /// <summary>The provider answers, with the portal at <paramref name="portalUrl"/> as its one registered client and nobody signed in.</summary>
    public async Task StartAsync(string portalUrl)
    {
        PortalUrl = portalUrl;
        // Also the https address of the same portal: behind a TLS-terminating proxy it sees X-Forwarded-Proto: https.
        var https = new UriBuilder(portalUrl) { Scheme = "https", Port = new Uri(portalUrl).Port }.Uri.ToString().TrimEnd('/');
        var client = JsonSerializer.Serialize(new
        {
            redirect_uris = new[] { $"{portalUrl}/signin-oidc", $"{https}/signin-oidc" },
            post_logout_redirect_uri = portalUrl + "/signout-callback-oidc",
        });
        await CommandAsync("serve " + client, "oidc-provider ready");
    }

    /// <summary>The provider goes down: it answers nothing and drops its connections (it keeps its port, keys and address).</summary>
    public Task StopAsync() => CommandAsync("down", "oidc-provider down");

    private async Task CommandAsync(string command, string reply)
    {
        lock (_output)
        {
            _expected = reply;
            _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await _node.StandardInput.WriteLineAsync(command);
        await _node.StandardInput.FlushAsync();
        await ReplyAsync($"'{reply}' from oidc-provider");
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Add(line);
            if (line.StartsWith(_expected, StringComparison.Ordinal)) _reply.TrySetResult(line[_expected.Length..]);
        }
    }

    /// <summary>Waits for the reply to the last command, or fails when node exits first or after the time limit.</summary>
    private async Task<string> ReplyAsync(string what)
    {
        Task<string> reply;
        lock (_output) reply = _reply.Task;
        var exited = _node.WaitForExitAsync();
        await Waiting.For(Task.WhenAny(reply, exited), what, TimeSpan.FromMinutes(1), () => Output);
        if (!reply.IsCompleted) throw new InvalidOperationException($"oidc-provider exited before {what}:\n{Output}");
        return await reply;
    }

    /// <summary>What node printed, for failure messages.</summary>
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            _node.StandardInput.Close(); // node ends when its stdin closes
            try { await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (TimeoutException) { _node.Kill(); await _node.WaitForExitAsync(); }
        }
        _node.Dispose();
        try { Directory.Delete(_stateDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}
