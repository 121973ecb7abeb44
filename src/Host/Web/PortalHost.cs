using System.Text.Json;
using JuniperFts.Domain.Reference;
using JuniperFts.Host.Delivery;
using JuniperFts.Host.Service;
using JuniperFts.Host.Service.Jobs;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.TrueUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>Everything <c>fts serve</c> is built from, validated before the host starts.</summary>
/// <param name="RunJobs">False to serve the portal without the scheduler and the start-up catch-up (tests of the web part).</param>
public sealed record ServiceRuntime(
    IConfiguration Configuration, ServiceSettings Settings, PortalUsers Users, SlaWorkbookOptions Workbook, Warehouse Warehouse,
    ReferenceData Reference, IClock Clock, bool RunJobs = true)
{
    /// <summary>The <c>Delivery</c> section (no subscriptions unless loaded from configuration).</summary>
    public DeliverySettings Delivery { get; init; } = DeliverySettings.None;

    /// <summary>Reads and validates the configuration; throws a one-line <see cref="Domain.UserError"/> on the first problem.</summary>
    public static ServiceRuntime Load(IConfiguration configuration, Warehouse warehouse, ReferenceData reference, IClock clock) =>
        new(configuration, ServiceSettings.Load(configuration), PortalUsers.Load(configuration), ExcelCommands.Options(configuration),
            warehouse, reference, clock)
        {
            Delivery = DeliverySettings.Load(configuration),
        };
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
            })
            .ConfigureServices(services =>
            {
                services.AddRouting();
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
                services.AddSingleton(runtime.Delivery);
                DeliveryServices.Add(services);
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
                    app.UseRouting();
                    app.UseEndpoints(PortalEndpoints.Map);
                }));
}
