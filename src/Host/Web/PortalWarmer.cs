using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using JuniperFts.Store;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// Computes what people open first, for everyone-scope readers, as soon as the data changes (a job's success: a new
/// batch, a refresh, an issued statement; else seen within <see cref="Every"/>) or the hour turns: for the latest
/// complete quarter the overview in each of its groupings and of each region, the summary's default grouping (its
/// JSON too), the accounts, and today's true-up; at start it also draws one chart and makes one anti-forgery token.
/// On a large estate each takes from a tenth of a second to a second; after this the first reader gets them from
/// <see cref="PortalDataCache"/> like everyone after.
/// </summary>
public sealed class PortalWarmer(PortalFigures figures, Warehouse warehouse, IClock clock, ServiceSettings settings, IServiceProvider services,
    ILogger<PortalWarmer> log) : BackgroundService, IAfterJobSuccess
{
    /// <summary>How often the data version is looked at when no job said it changed it.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>A job succeeded: it may have changed the data, so look now rather than at the next tick.</summary>
    public Task AfterSucceededAsync(string job, JobRunContext run, IReadOnlyList<string> outputs)
    {
        if (_changed.CurrentCount == 0)
        {
            try { _changed.Release(); }
            catch (SemaphoreFullException) { } // already signalled
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warmed = "";
        try
        {
            // The chart library's first drawing in a process loads fonts and code (about a second on a busy machine): not in a reader's request.
            Reports.Charts.ChartPng.LinesSvg(new Reports.Charts.ChartSpec("", ["warm-up"], [new Reports.Charts.ChartSeries("warm-up", [1.0])]));
            // Likewise every page's forms: the anti-forgery token's first use loads the data protection keys (a tenth of a second).
            services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = services });
        }
        catch (Exception e)
        {
            // The first reader pays for it instead; the service goes on.
            log.LogWarning("Could not prepare the portal's pages ahead: {Error}", e.Message);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = clock.GetCurrentInstant();
                var version = ReportCache.DataVersion(warehouse) + ReportCache.Running(null, now);
                if (version != warmed)
                {
                    Warm(now);
                    warmed = version;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Could not compute the portal's figures ahead: {Error}", e.Message);
            }
            await _changed.WaitAsync(Every, stoppingToken);
        }
    }

    /// <summary>The figures of the overview (every grouping, every region), the summary, the accounts and the true-up, as the pages ask for them.</summary>
    private void Warm(Instant now)
    {
        // What leadership's first page, the overview by priority, reads comes first; then the rest.
        var quarter = Quarter.DefaultAt(now);
        figures.Trend(null, quarter, PortalFigures.TrendQuarters, "priority", now);
        figures.Summary(null, quarter, ["priority"], now);
        figures.Accounts(null, quarter, now);
        figures.SummaryJson(null, quarter, SlaEndpoints.DefaultGrouping, now);
        foreach (var (by, _) in Pages.OverviewPage.Groupings.Where(g => g.Code != "priority"))
        {
            figures.Trend(null, quarter, PortalFigures.TrendQuarters, Pages.OverviewPage.TrendGrouping(by), now);
            figures.Summary(null, quarter, [by], now);
        }
        foreach (var region in figures.Summary(null, quarter, ["region"], now).Select(g => g.Keys[0]).Where(r => r.Length > 0))
        {
            figures.Trend(null, quarter, PortalFigures.TrendQuarters, Pages.OverviewPage.TrendGrouping("account"), now, region);
            figures.Summary(null, quarter, ["account"], now, region);
        }
        figures.TrueUp(now.InZone(settings.Zone).Date, now);
    }
}
