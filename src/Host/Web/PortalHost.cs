using System.Text.Json;
using JuniperFts.Domain.Reference;
using JuniperFts.Host.Service;
using JuniperFts.Host.Service.Jobs;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.TrueUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>Everything <c>fts serve</c> is built from, validated before the host starts.</summary>
/// <param name="RunJobs">False to serve the portal without the scheduler and the start-up catch-up (tests of the web part).</param>
/// <param name="Oidc">Sign-in with the company's identity provider; null: bearer tokens only.</param>
public sealed record ServiceRuntime(
    IConfiguration Configuration, ServiceSettings Settings, PortalUsers Users, OidcSettings? Oidc, SlaWorkbookOptions Workbook, Warehouse Warehouse,
    ReferenceData Reference, IClock Clock, bool RunJobs = true)
{
    /// <summary>Reads and validates the configuration; throws a one-line <see cref="Domain.UserError"/> on the first problem.</summary>
    public static ServiceRuntime Load(IConfiguration configuration, Warehouse warehouse, ReferenceData reference, IClock clock)
    {
        var settings = ServiceSettings.Load(configuration);
        var oidc = OidcSettings.Load(configuration);
        return new(configuration, settings, PortalUsers.Load(configuration, optional: oidc is not null), oidc, ExcelCommands.Options(configuration),
            warehouse, reference, clock);
    }
}

/// <summary>The host of <c>fts serve</c>: Kestrel, the portal endpoints and the Coravel schedule in one process.</summary>
public sealed class PortalHost
{
    private PortalHost() { }

    /// <summary>The default address: loopback only, so nothing is exposed until someone chooses to.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Builds the host; <paramref name="urls"/> as Kestrel reads them (<c>;</c>-separated).</summary>
    public static IHostBuilder CreateHostBuilder(ServiceRuntime runtime, string urls = DefaultUrls) =>
        new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(logging =>
            {
                logging.AddConfiguration(runtime.Configuration.GetSection("Logging"));
                logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss "; });
                // Whatever Logging says: the request log and the authentication handlers' lower levels carry callback
                // URLs with the sign-in code and state, which must never reach a log (the portal logs sign-ins itself).
                logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
                logging.AddFilter("Microsoft.AspNetCore.Authentication", LogLevel.Warning);
            })
            .ConfigureServices(services =>
            {
                services.AddRouting();
                services.AddSingleton(runtime);
                PortalSignIn.AddTo(services, runtime);
                services.AddSingleton(runtime.Settings);
                services.AddSingleton(runtime.Users);
                services.AddSingleton(runtime.Workbook);
                services.AddSingleton(AttainmentBands.Of(runtime.Workbook));
                services.AddSingleton<TrueUpService>();
                services.AddSingleton(runtime.Warehouse);
                services.AddSingleton(runtime.Reference);
                services.AddSingleton(runtime.Clock);
                services.AddSingleton(runtime.Configuration);
                services.AddSingleton<RunLedger>();
                services.AddSingleton<JobRunner>();
                ServiceJobs.Add(services);
                services.AddJobScheduler();
                if (runtime.RunJobs) services.AddHostedService<CatchUpAtStart>();
                services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
            })
            .ConfigureWebHost(web => web
                .UseKestrel(k => k.AddServerHeader = false)
                .UseUrls(urls)
                .Configure(app =>
                {
                    if (runtime.RunJobs) ServiceSchedule.Schedule(app.ApplicationServices);
                    // Behind a TLS-terminating proxy on this machine (the default trusted proxies are loopback only),
                    // X-Forwarded-Proto makes the sign-in's redirect URI https and the cookies Secure.
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseEndpoints(PortalEndpoints.Map);
                }));
}
