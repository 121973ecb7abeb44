using System.Text.Json;
using JuniperFts.Delivery;
using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Forecast;
using JuniperFts.Host.Settings;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store;
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

/// <summary>Everything <c>fts serve</c> is built from: the settings bound once, the warehouse and the clock.</summary>
public sealed record ServiceRuntime(FtsSettings Settings, Warehouse Warehouse, IClock Clock)
{
    /// <summary>Binds every setting the service uses; throws a one-line <see cref="Domain.UserError"/> on the first problem.</summary>
    public static ServiceRuntime Load(FtsSettings settings, Warehouse warehouse, IClock clock)
    {
        settings.ValidateForService();
        return new(settings, warehouse, clock);
    }

    /// <summary>
    /// Registers what the jobs and the portal are built from: the option records, the warehouse, the clock, the run
    /// ledger and the job runner. Packs made here are reads, so they use the saved forecast and never train one.
    /// </summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddSingleton(Settings);
        services.AddSingleton(_ => Settings.Service);
        services.AddSingleton(_ => Settings.Users);
        services.AddSingleton(_ => Settings.Reference);
        services.AddSingleton(_ => Settings.Goals);
        services.AddSingleton(_ => Settings.Workbook);
        services.AddSingleton(_ => Settings.Forecast);
        services.AddSingleton(_ => Settings.Delivery);
        services.AddSingleton(_ => Settings.ReviewPacks(ModelTraining.Never));
        services.AddSingleton(Warehouse);
        services.AddSingleton(Clock);
        services.AddSingleton<TrueUpService>();
        services.AddSingleton<RunLedger>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<ReportCache>();
        services.AddSingleton<PortalDataCache>();
        services.AddSingleton<PortalFigures>();
        return services;
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
                logging.AddConfiguration(runtime.Settings.Configuration.GetSection("Logging"));
                logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss "; });
                // Whatever Logging says: the request log and the authentication handlers' lower levels carry callback
                // URLs with the sign-in code and state, which must never reach a log (the portal logs sign-ins itself).
                logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
                logging.AddFilter("Microsoft.AspNetCore.Authentication", LogLevel.Warning);
            })
            .ConfigureServices(services =>
            {
                services.AddRouting();
                runtime.AddTo(services);
                PortalSignIn.AddTo(services, runtime);
                ServiceJobs.Add(services);
                DeliveryServices.Add(services);
                services.AddJobScheduler();
                services.AddHostedService<CatchUpAtStart>();
                services.AddSingleton<PortalWarmer>();
                services.AddHostedService(p => p.GetRequiredService<PortalWarmer>());
                services.AddSingleton<IAfterJobSuccess>(p => p.GetRequiredService<PortalWarmer>());
                services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
            })
            .ConfigureWebHost(web => web
                .UseKestrel(k => k.AddServerHeader = false)
                .UseUrls(urls)
                .Configure(app =>
                {
                    ServiceSchedule.Schedule(app.ApplicationServices);
                    // Behind a TLS-terminating proxy on this machine (the default trusted proxies are loopback only),
                    // X-Forwarded-Proto makes the sign-in's redirect URI https and the cookies Secure.
                    app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseEndpoints(PortalEndpoints.Map);
                }));
}
