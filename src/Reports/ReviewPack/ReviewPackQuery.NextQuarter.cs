using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Store;
using JuniperFts.Reports.TrueUp;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's next-quarter section: the account's own expected cases and the true-up preview.
internal sealed partial class ReviewPackQuery
{
    /// <summary>History weeks an account's share of a forecast series is counted over: a year, so every season weighs alike.</summary>
    internal const int ShareWeeks = 52;

    // A run of many packs reads every account's cases per series once (by the weeks counted and the forecast's as-of).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(IsoWeek, Instant),
        Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<(string Region, string Platform), long>>>> _accountCases = new();

    /// <summary>
    /// The account's expected cases in the weeks starting in the next quarter (its share of the forecast made at the end of the
    /// reviewed quarter), and the true-up preview of each contract on the quarter's last day.
    /// </summary>
    private NextQuarterSection NextQuarter(WarehouseConnection connection, string accountId, Quarter quarter, Instant asOf)
    {
        // The customer sees no staffing: the forecast alone is made (once per quarter and as-of for every account).
        var coming = _outlooks.GetOrAdd((quarter, asOf), key => new Lazy<QuarterOutlook>(() =>
            QuarterOutlook.Make(warehouse, options.Forecast, key.Item1, key.Item2, staffing: false))).Value;

        ExpectedCases? expected = null;
        var unavailable = coming.ForecastUnavailable;
        if (coming.Forecast is { } run)
        {
            expected = Expected(run, accountId, coming);
            if (expected is null)
                unavailable = $"This account raised no case in the {ShareWeeks} weeks before {quarter}'s end: there is no history to expect its cases from.";
        }

        var trueUpDay = quarter.End.PlusDays(-1);
        var asOfDay = asOf.InUtc().Date;
        if (asOfDay < trueUpDay) trueUpDay = asOfDay;
        var trueUps = TrueUpQueries.Previews(connection, accountId, trueUpDay)
            .Select(p => new TrueUpOutlook(p.Contract.ContractId, p.Year.Number, p.Year.Start, p.Year.LastDay, p.Contract.Currency,
                p.Additions.OrderBy(a => a.SerialNumber, StringComparer.Ordinal).ToList(), p.AdditionsTotal))
            .OrderBy(t => t.ContractId, StringComparer.Ordinal)
            .ToList();
        return new NextQuarterSection(coming.Next, expected, unavailable, trueUpDay, trueUps);
    }

    /// <summary>
    /// Each region/platform series' forecast times the account's share of that series' cases in the last <see cref="ShareWeeks"/>
    /// history weeks; null when the account has no case in them.
    /// </summary>
    private ExpectedCases? Expected(ForecastResult run, string accountId, QuarterOutlook coming)
    {
        var history = run.History;
        var from = Math.Max(0, history.Weeks.Count - ShareWeeks);
        if (history.Weeks.Count == 0) return null;
        var own = manyAccounts
            ? _accountCases.GetOrAdd((history.Weeks[from], run.AsOf), key => new(() =>
                WorkloadHistoryQuery.EveryAccountCases(warehouse, reference, key.Item1, key.Item2))).Value.GetValueOrDefault(accountId)
            : WorkloadHistoryQuery.AccountCases(warehouse, reference, accountId, history.Weeks[from], run.AsOf);
        if (own is null) return null;
        var shares = history.Series
            .Select(s => (s.Region, s.Platform, Own: own.GetValueOrDefault((s.Region, s.Platform)), All: s.Cases.Skip(from).Sum()))
            .Where(s => s.Own > 0 && s.All > 0)
            .ToDictionary(s => (s.Region, s.Platform), s => (s.Own, Share: s.Own / s.All));
        if (shares.Count == 0) return null;

        var rows = run.Rows.Where(r => coming.Next.Contains(r.Week.Monday) && shares.ContainsKey((r.Region, r.Platform)))
            .Select(r => (r.Week, r.Region, r.Platform, Share: shares[(r.Region, r.Platform)].Share, r.Cases, r.Low, r.High)).ToList();
        var byPlatform = shares
            .Select(s =>
            {
                var of = rows.Where(r => r.Region == s.Key.Region && r.Platform == s.Key.Platform).ToList();
                return new ExpectedSeries(s.Key.Region, s.Key.Platform, s.Value.Own,
                    of.Sum(r => r.Share * r.Cases), of.Sum(r => r.Share * r.Low), of.Sum(r => r.Share * r.High));
            })
            .OrderBy(s => s.Region, StringComparer.Ordinal).ThenBy(s => s.Platform, StringComparer.Ordinal).ToList();
        var weeks = rows.GroupBy(r => r.Week).OrderBy(g => g.Key)
            .Select(g => new ExpectedWeek(g.Key.ToString(), g.Key.Monday, g.Sum(r => r.Share * r.Cases), g.Sum(r => r.Share * r.Low), g.Sum(r => r.Share * r.High)))
            .ToList();
        return new ExpectedCases(coming.MadeAsOf, run.Method.Code().Replace('_', ' '), history.Weeks[from], history.Weeks[^1],
            byPlatform.Sum(s => s.HistoryCases), byPlatform, weeks,
            weeks.Sum(w => w.Cases), weeks.Sum(w => w.Low), weeks.Sum(w => w.High));
    }
}
