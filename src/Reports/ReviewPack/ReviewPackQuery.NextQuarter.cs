using JuniperFts.Domain.Forecast;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Store;
using JuniperFts.Reports.TrueUp;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's next-quarter section: the workload forecast, the busiest hour on shift and the true-up preview.
internal sealed partial class ReviewPackQuery
{
    /// <summary>
    /// The forecast made at the end of the reviewed quarter for the weeks starting in the next one, for the
    /// regions of the account's contracts; and the true-up preview of each contract on the quarter's last day.
    /// </summary>
    private NextQuarterSection NextQuarter(WarehouseConnection connection, string accountId, Quarter quarter, Instant asOf, IReadOnlyList<ContractLine> contracts)
    {
        var coming = _outlooks.GetOrAdd((quarter, asOf), key => new Lazy<QuarterOutlook>(() =>
            QuarterOutlook.Make(warehouse, options.Forecast, key.Item1, key.Item2))).Value;

        ForecastOutlook? outlook = null;
        var unavailable = coming.ForecastUnavailable;
        if (coming.Forecast is { } run)
        {
            var regions = contracts.Select(c => c.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var lines = regions.Select(region =>
            {
                var weeks = run.Regions.Where(r => r.Region == region && coming.Next.Contains(r.Week.Monday)).OrderBy(r => r.Week)
                    .Select(r => new WeekOutlook(r.Week.ToString(), r.Week.Monday, r.Cases, r.Low, r.High, r.EngineersNeeded)).ToList();
                return weeks.Count == 0
                    ? new RegionOutlook(region, weeks, 0, 0, 0, 0, 0)
                    : new RegionOutlook(region, weeks, weeks.Sum(w => w.Cases), weeks.Min(w => w.Low), weeks.Max(w => w.High),
                        weeks.Average(w => w.Engineers), weeks.Max(w => w.Engineers));
            }).Where(r => r.Weeks.Count > 0).ToList();
            if (lines.Count > 0)
                outlook = new ForecastOutlook(coming.MadeAsOf, run.Method.Code().Replace('_', ' '), lines, run);
            else
                unavailable = regions.Count == 0
                    ? $"The workload forecast is by region, and no contract of this account is in force in {quarter}."
                    : $"The workload forecast has no history for {string.Join(", ", regions)} up to {quarter}'s end.";
        }

        var trueUpDay = quarter.End.PlusDays(-1);
        var asOfDay = asOf.InUtc().Date;
        if (asOfDay < trueUpDay) trueUpDay = asOfDay;
        var trueUps = TrueUpQueries.Previews(connection, accountId, trueUpDay)
            .Select(p => new TrueUpOutlook(p.Contract.ContractId, p.Year.Number, p.Year.Start, p.Year.LastDay, p.Contract.Currency,
                p.Additions.OrderBy(a => a.SerialNumber, StringComparer.Ordinal).ToList(), p.AdditionsTotal))
            .OrderBy(t => t.ContractId, StringComparer.Ordinal)
            .ToList();
        return new NextQuarterSection(coming.Next, outlook, unavailable, OnShift(coming, contracts, outlook), coming.StaffingUnavailable, trueUpDay, trueUps);
    }

    /// <summary>
    /// Per centre of the account's contracts, the hour of the coming quarter needing the most engineers on shift (its priorities
    /// summed), beside the region's weekly workload figure.
    /// </summary>
    private IReadOnlyList<CentreOnShift> OnShift(QuarterOutlook coming, IReadOnlyList<ContractLine> contracts, ForecastOutlook? outlook)
    {
        var centres = contracts.Select(c => c.SupportCentre).Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        return coming.Staffing.Where(h => centres.Contains(h.Centre))
            .GroupBy(h => h.Centre)
            .Select(centre =>
            {
                var busiest = centre.GroupBy(h => (h.Week, h.Hour))
                    .Select(g => (g.Key.Week, g.Key.Hour, Cases: g.Sum(h => h.Arrivals), OnShift: g.Sum(h => h.EngineersRaw), Rostered: g.Sum(h => h.EngineersScheduled)))
                    .OrderByDescending(x => x.Rostered).ThenByDescending(x => x.OnShift).ThenBy(x => x.Week).ThenBy(x => x.Hour).First();
                var region = reference.FindCentre(centre.Key)?.Region;
                var workload = outlook?.Regions.FirstOrDefault(r => r.Region == region);
                return new CentreOnShift(centre.Key, region ?? "", busiest.Week.ToString(), busiest.Hour.ToString(), busiest.Cases,
                    busiest.OnShift, busiest.Rostered, workload?.EngineersAverage);
            })
            .OrderBy(c => c.Centre, StringComparer.Ordinal).ToList();
    }
}
