using JuniperFts.Domain;
using JuniperFts.Domain.Forecast;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.TrueUp;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's next-quarter section: the workload forecast and the true-up preview.
internal sealed partial class ReviewPackQuery
{
    /// <summary>
    /// The forecast made at the end of the reviewed quarter for the weeks starting in the next one, for the
    /// regions of the account's contracts; and the true-up preview of each contract on the quarter's last day.
    /// </summary>
    private NextQuarterSection NextQuarter(WarehouseConnection connection, string accountId, Quarter quarter, Instant asOf, IReadOnlyList<ContractLine> contracts)
    {
        var next = quarter.Next;
        var quarterEnd = quarter.End.AtMidnight().InUtc().ToInstant();
        var madeAt = asOf < quarterEnd ? asOf : quarterEnd;
        var forecast = _forecasts.GetOrAdd(madeAt, at => new Lazy<(ForecastResult?, string?)>(() =>
        {
            try
            {
                // Weeks start on Mondays: one week more than a quarter reaches its last Monday.
                return (WorkloadForecaster.Run(warehouse, forecastOptions with { Horizon = 15 }, at), null);
            }
            catch (UserError e)
            {
                return (null, $"The workload forecast is not available: {e.Message}.");
            }
        })).Value;

        ForecastOutlook? outlook = null;
        var unavailable = forecast.Error;
        if (forecast.Result is { } run)
        {
            var regions = contracts.Select(c => c.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var lines = regions.Select(region =>
            {
                var weeks = run.Regions.Where(r => r.Region == region && next.Contains(r.Week.Monday)).OrderBy(r => r.Week)
                    .Select(r => new WeekOutlook(r.Week.ToString(), r.Week.Monday, r.Cases, r.Low, r.High, r.EngineersNeeded)).ToList();
                return weeks.Count == 0
                    ? new RegionOutlook(region, weeks, 0, 0, 0, 0, 0)
                    : new RegionOutlook(region, weeks, weeks.Sum(w => w.Cases), weeks.Min(w => w.Low), weeks.Max(w => w.High),
                        weeks.Average(w => w.Engineers), weeks.Max(w => w.Engineers));
            }).Where(r => r.Weeks.Count > 0).ToList();
            if (lines.Count > 0)
                outlook = new ForecastOutlook(madeAt, run.Method.Code().Replace('_', ' '), lines, run);
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
        return new NextQuarterSection(next, outlook, unavailable, trueUpDay, trueUps);
    }
}
