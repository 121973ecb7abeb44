using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using JuniperFts.Host.Web;
using Microsoft.Extensions.Hosting;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts serve</c> command: the scheduler and the web portal in one process that owns the database.</summary>
public static class ServeCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Addresses to listen on, ';'-separated (default {PortalHost.DefaultUrls}: this machine only)",
            DefaultValueFactory = _ => PortalHost.DefaultUrls,
        };
        urls.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>() ?? "";
            foreach (var url in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                    result.AddError($"--urls: '{url}' is not an http:// or https:// address (e.g. http://127.0.0.1:5080)");
        });
        var serve = new Command("serve", "Run the scheduled jobs and the web portal until stopped (Ctrl+C)") { urls };
        serve.SetAction(async (parse, cancellation) =>
        {
            // Everything is checked before anything starts: a bad setting is one line and exit 2, not a crash at 01:00.
            var warehouse = context.OpenOrCreateWarehouse(parse.GetValue(CommonOptions.Db));
            var runtime = ServiceRuntime.Load(context.Settings, warehouse, context.Clock);

            // Holding one connection for the life of the process keeps DuckDB's file lock, so a CLI command
            // started meanwhile is told the database is in use instead of racing the jobs.
            using var owner = warehouse.Connect();
            // Before the host exists: a taken port is then one line, with no start-up trace logged and no job started.
            CheckCanListen(parse.GetValue(urls)!);
            using var host = PortalHost.CreateHostBuilder(runtime, parse.GetValue(urls)!).Build();
            try
            {
                await host.RunAsync(cancellation);
            }
            catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                throw new Domain.UserError($"--urls: cannot listen on {parse.GetValue(urls)}: {e.Message}");
            }
            return 0;
        });
        return [serve];
    }

    /// <summary>Binds and releases each address of <paramref name="urls"/> (port 0: any free port, nothing to check).</summary>
    /// <exception cref="Domain.UserError">An address is taken or cannot be bound here.</exception>
    private static void CheckCanListen(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"));
            if (uri.Port == 0) continue;
            var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback
                : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
            var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException e)
            {
                throw new Domain.UserError($"--urls: cannot listen on {url}: {e.Message}");
            }
            finally
            {
                probe.Stop();
            }
        }
    }

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [];
}
