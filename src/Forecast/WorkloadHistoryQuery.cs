using JuniperFts.Domain.Calendars;
using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Forecast;

/// <summary>Reads the weekly series, holidays, covered units and priority mix out of the warehouse.</summary>
public static class WorkloadHistoryQuery
{
    /// <summary>The label of a case whose region or platform cannot be found.</summary>
    public const string Unknown = "Unknown";

    // A site's region is the centre of its contract with the latest start (ties: smaller contract id); its SKU gives the window.
    internal static readonly string SiteCentre = EmbeddedSql.Text(typeof(WorkloadHistoryQuery), "SiteCentre.sql");

    /// <summary>The latest <c>created_at</c> of any accepted case: the default as-of of a forecast.</summary>
    public static Instant? LatestCaseCreated(Warehouse warehouse)
    {
        using var c = warehouse.Connect();
        return c.Scalar<Instant?>("SELECT max(created_at) FROM cases");
    }

    /// <summary>The history that ended by <paramref name="asOf"/>, with the drivers of the <paramref name="horizon"/> weeks after it.</summary>
    /// <exception cref="UserError">No case was created in a week that ended by the as-of.</exception>
    public static WorkloadHistory Load(Warehouse warehouse, ReferenceData reference, Instant asOf, int horizon)
    {
        var last = IsoWeek.LastEndedBy(asOf);
        using var c = warehouse.Connect();

        var counts = CaseCounts(c, last.End);
        if (counts.Count == 0)
            throw new UserError($"no accepted case was created in a week that ended by {asOf}: nothing to forecast from");
        var first = counts.Min(r => r.Week);
        var weeks = IsoWeek.Range(first, last);
        var horizonWeeks = IsoWeek.Range(last.Plus(1), last.Plus(horizon));
        var allWeeks = weeks.Concat(horizonWeeks).ToList();
        var index = allWeeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);

        string RegionOf(string? centre) => reference.FindCentre(centre)?.Region ?? Unknown;

        var keys = counts.Select(r => (Region: RegionOf(r.Centre), r.Platform)).Distinct()
            .OrderBy(k => k.Region, StringComparer.Ordinal).ThenBy(k => k.Platform, StringComparer.Ordinal).ToList();

        var cases = keys.ToDictionary(k => k, _ => new double[weeks.Count]);
        foreach (var r in counts) cases[(RegionOf(r.Centre), r.Platform)][index[r.Week]] += r.Count;

        var units = keys.ToDictionary(k => k, _ => new int[allWeeks.Count]);
        foreach (var (centre, platform, week, n) in CoveredUnits(c, first, allWeeks[^1]))
            if (units.TryGetValue((RegionOf(centre), platform), out var u)) u[index[week]] += n;

        var holidays = new Dictionary<(string, IsoWeek), HashSet<LocalDate>>();
        foreach (var (centre, date) in CentreCalendars.Holidays(c, first.Monday, allWeeks[^1].Monday.PlusDays(6)))
        {
            var key = (RegionOf(centre), IsoWeek.Containing(date));
            if (!holidays.TryGetValue(key, out var set)) holidays[key] = set = [];
            set.Add(date);
        }

        var series = keys.Select(k => new WeeklySeries(k.Region, k.Platform, cases[k],
            allWeeks.Select((w, i) => new WeekDrivers(w, holidays.TryGetValue((k.Region, w), out var h) ? h.Count : 0, units[k][i])).ToList()))
            .ToList();

        var mix = counts.GroupBy(r => RegionOf(r.Centre)).ToDictionary(
            g => g.Key,
            g => PriorityMix.FromCounts(g.Where(r => r.Priority is not null).GroupBy(r => r.Priority!.Value)
                .ToDictionary(p => p.Key, p => p.Sum(r => r.Count))));

        return new WorkloadHistory(asOf, weeks, horizonWeeks, series, mix);
    }

    /// <summary>
    /// One account's accepted cases per region and platform in the weeks from <paramref name="first"/> to the last that ended by
    /// <paramref name="asOf"/>, placed exactly as <see cref="Load"/> places every case: its share of each forecast series.
    /// </summary>
    public static IReadOnlyDictionary<(string Region, string Platform), long> AccountCases(Warehouse warehouse, ReferenceData reference,
        string accountId, IsoWeek first, Instant asOf)
    {
        using var c = warehouse.Connect();
        return BySeries(reference, CaseCounts(c, IsoWeek.LastEndedBy(asOf).End, first, accountId));
    }

    /// <summary><see cref="AccountCases"/> of every account in one read, by account id: for a run of every account's pack.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<(string Region, string Platform), long>> EveryAccountCases(Warehouse warehouse,
        ReferenceData reference, IsoWeek first, Instant asOf)
    {
        using var c = warehouse.Connect();
        return CaseCounts(c, IsoWeek.LastEndedBy(asOf).End, first, byAccount: true)
            .GroupBy(r => r.AccountId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => BySeries(reference, g), StringComparer.Ordinal);
    }

    private static IReadOnlyDictionary<(string Region, string Platform), long> BySeries(ReferenceData reference, IEnumerable<CaseCount> counts) =>
        counts.GroupBy(r => (reference.FindCentre(r.Centre)?.Region ?? Unknown, r.Platform)).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

    private sealed record CaseCount(string? Centre, string Platform, IsoWeek Week, Priority? Priority, long Count, string? AccountId);

    /// <param name="first">Null: every week; else the cases of the weeks from this one.</param>
    /// <param name="byAccount">Each account's cases apart (<see cref="CaseCount.AccountId"/>).</param>
    private static List<CaseCount> CaseCounts(WarehouseConnection c, Instant end, IsoWeek? first = null, string? accountId = null, bool byAccount = false)
    {
        var only = (first is null ? "" : "AND k.created_at >= $from ") + (accountId is null ? "" : "AND k.account_id = $account");
        var sql = EmbeddedSql.Text(typeof(WorkloadHistoryQuery), "CaseCounts.sql", ("site_centre", SiteCentre), ("unknown", Unknown),
            ("only", only), ("by", byAccount ? ", k.account_id" : ""));
        List<(string, object?)> parameters = [("end", end)];
        // A case's week is that of its UTC creation, so the weeks from the first are the cases created from its Monday on.
        if (first is { } week) parameters.Add(("from", week.Monday.AtMidnight().InUtc().ToInstant()));
        if (accountId is not null) parameters.Add(("account", accountId));
        return c.Query(sql, r => new CaseCount(r.TextOrNull(0), r.Text(1), IsoWeek.Containing(r.Date(2)),
            Priorities.TryParse(r.Text(3), out var p) ? p : null, r.Long(4), byAccount ? r.Text(5) : null), [.. parameters]);
    }

    private static List<(string? Centre, string Platform, IsoWeek Week, int Units)> CoveredUnits(WarehouseConnection c, IsoWeek first, IsoWeek last)
    {
        // A unit counts in a week when it is covered on the week's Monday.
        return c.Query(EmbeddedSql.Text(typeof(WorkloadHistoryQuery), "CoveredUnits.sql", ("site_centre", SiteCentre)),
            r => (r.TextOrNull(0), r.Text(1), IsoWeek.Containing(r.Date(2)), (int)r.Long(3)), ("first", first.Monday), ("last", last.Monday));
    }
}
