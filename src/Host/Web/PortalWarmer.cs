using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using JuniperFts.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// Computes what most people open first, for everyone-scope readers, as soon as the data changes (a new batch, a
/// refresh, an issued statement) or the hour turns: the overview of the latest complete quarter, the summary's
/// default grouping, the accounts and today's true-up; and draws one chart at start. On a large estate each takes a second or more to compute;
/// after this the first reader gets them from <see cref="PortalDataCache"/> like everyone after.
/// </summary>
public sealed class PortalWarmer(PortalFigures figures, Warehouse warehouse, IClock clock, ServiceSettings settings, ILogger<PortalWarmer> log)
    : BackgroundService
{
    /// <summary>How often the data version is looked at.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warmed = "";
        using var timer = new PeriodicTimer(Every);
        // The chart library's first drawing in a process loads fonts and code (about a second on a busy machine): not in a reader's request.
        Reports.Charts.ChartPng.LinesSvg(new Reports.Charts.ChartSpec("", ["warm-up"], [new Reports.Charts.ChartSeries("warm-up", [1.0])]));
        do
        {
            try
            {
                var now = clock.GetCurrentInstant();
                var quarter = Quarter.DefaultAt(now);
                var version = ReportCache.DataVersion(warehouse) + ReportCache.Running(null, now);
                if (version == warmed) continue;
                figures.Trend(null, quarter, PortalFigures.TrendQuarters, "priority", now);
                figures.Summary(null, quarter, ["priority"], now);
                figures.Summary(null, quarter, SlaEndpoints.DefaultGrouping, now);
                figures.Accounts(null, quarter, now);
                figures.TrueUp(now.InZone(settings.Zone).Date, now);
                warmed = version;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Could not compute the portal's figures ahead: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
