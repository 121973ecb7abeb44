using JuniperFts.Domain;
using JuniperFts.Domain.Forecast;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.TrueUp;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Store;
using JuniperFts.Reports.TrueUp;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>Reads one account's quarter from the warehouse and the SLA queries and computes every figure of its pack.</summary>
/// <remarks>
/// SLA figures come from <see cref="SlaQueries"/> only, so the pack always agrees with
/// <c>fts sla summary</c>; this class adds what the SLA engine does not hold (contracts, engineers,
/// installed base, compliance findings) and the pack's own groupings.
/// </remarks>
internal sealed class ReviewPackQuery(Warehouse warehouse, ReferenceData reference, ReviewPackOptions options)
{
    // One forecast and its staffing serve every account's pack of a run: they depend on the quarter and as-of only. Packs may be built in parallel.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Quarter, Instant), Lazy<QuarterOutlook>> _outlooks = new();

    /// <summary>How many quarters the trend shows at most, and at least.</summary>
    private const int TrendMax = 8, TrendMin = 4;

    public ReviewPackModel Build(string accountId, Quarter quarter, Instant asOf)
    {
        using var connection = warehouse.Connect();
        var account = Account(connection, accountId)
            ?? throw new UserError($"account '{accountId}' is not in the data (see the accounts file of the last ingest)");

        var sla = new SlaQueries(warehouse, reference);
        var only = new HashSet<string>(StringComparer.Ordinal) { accountId };
        var quarterFilter = new SlaFilter(quarter, only);
        var allCases = sla.Cases(asOf, new SlaFilter(null, only));
        var cases = allCases.Where(c => c.Quarter == quarter).ToList();
        var total = sla.Summary(asOf, ["account"], quarterFilter, withResolution: true).SingleOrDefault();
        var byPriority = sla.Summary(asOf, ["priority"], quarterFilter, withResolution: true).ToDictionary(g => g.Keys[0], StringComparer.Ordinal);

        var contracts = Contracts(connection, accountId, quarter);
        var openUrgent = OpenUrgent(allCases, quarter, asOf);
        var headline = new ReviewPackHeadline(cases.Count, total?.Eligible ?? 0, total?.Met ?? 0, total?.Breached ?? 0,
            total?.Pending ?? 0, total?.AttainmentPct, openUrgent.Count);

        return new ReviewPackModel(
            account,
            quarter,
            asOf,
            QuarterComplete(contracts, quarter, asOf),
            headline,
            DesignatedEngineers(connection, allCases, quarter),
            contracts,
            Attainment(sla, only, quarter, asOf, byPriority, total),
            Volume(cases),
            cases.Where(c => c.Status == "breached").OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).Select(c => Line(c, asOf)).ToList(),
            openUrgent,
            Resolution(cases, asOf, byPriority, total),
            Risks(connection, accountId, quarter, cases),
            NextQuarter(connection, accountId, quarter, asOf, contracts));
    }

    /// <summary>
    /// The forecast made at the end of the reviewed quarter for the weeks starting in the next one, for the
    /// regions of the account's contracts; and the true-up preview of each contract on the quarter's last day.
    /// </summary>
    private NextQuarterSection NextQuarter(WarehouseConnection connection, string accountId, Quarter quarter, Instant asOf, IReadOnlyList<ContractLine> contracts)
    {
        var next = quarter.Next;
        var coming = _outlooks.GetOrAdd((quarter, asOf), key => new Lazy<QuarterOutlook>(() =>
            QuarterOutlook.Make(warehouse, options.Forecast, key.Item1, key.Item2))).Value;
        var madeAt = coming.MadeAsOf;
        var forecast = (Result: coming.Forecast, Error: coming.ForecastUnavailable);

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
        return new NextQuarterSection(next, outlook, unavailable, OnShift(coming, contracts, outlook), coming.StaffingUnavailable, trueUpDay, trueUps);
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

    /// <summary>Every account id in the data, ordinal order.</summary>
    public static IReadOnlyList<string> AccountIds(Warehouse warehouse)
    {
        using var connection = warehouse.Connect();
        var ids = connection.Query("SELECT account_id FROM accounts", r => r.Text(0));
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static ReviewPackAccount? Account(WarehouseConnection connection, string accountId) =>
        connection.Query("SELECT name, country, service_manager_email FROM accounts WHERE account_id = $a",
            r => new ReviewPackAccount(accountId, r.Text(0), r.Text(1), r.TextOrNull(2)), ("a", accountId)).FirstOrDefault();

    /// <summary>Contracts in force on at least one day of the quarter, by contract id.</summary>
    private List<ContractLine> Contracts(WarehouseConnection connection, string accountId, Quarter quarter)
    {
        var list = connection.Query("""
            SELECT contract_id, site_id, sku, support_center, start_date, end_date
            FROM contracts
            WHERE account_id = $a AND start_date < $qend AND end_date >= $qstart
            """, r =>
        {
            var sku = reference.FindSku(r.Text(2));
            var start = r.Date(4);
            var end = r.Date(5);
            return new ContractLine(r.Text(0), r.Text(1), r.Text(2), sku?.Window.Code() ?? "", r.Text(3),
                reference.FindCentre(r.Text(3))?.Region, start, end,
                Period.Between(start, end.PlusDays(1), PeriodUnits.Months).Months,
                sku is null ? "" : string.Join(", ", sku.Entitled.Select(p => p.Code())));
        }, ("a", accountId), ("qstart", quarter.Start), ("qend", quarter.End));
        list.Sort((a, b) => string.CompareOrdinal(a.ContractId, b.ContractId));
        return list;
    }

    /// <summary>The quarter is over when the as-of is past its end in every support centre the account's contracts use.</summary>
    private bool QuarterComplete(IReadOnlyList<ContractLine> contracts, Quarter quarter, Instant asOf) =>
        contracts.Select(c => c.SupportCentre).DefaultIfEmpty("").All(centre => asOf >= QuarterEnd(quarter, centre));

    /// <summary>The end of the quarter in the centre's zone (UTC when the centre is unknown), as the SLA engine assigns quarters.</summary>
    private Instant QuarterEnd(Quarter quarter, string? centre)
    {
        var zone = reference.FindCentre(centre) is { } c ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(c.TimeZone) ?? DateTimeZone.Utc : DateTimeZone.Utc;
        return quarter.End.AtStartOfDayInZone(zone).ToInstant();
    }

    /// <summary>P1/P2 cases created before the quarter's end and not resolved by then (or by the as-of, if earlier), oldest first.</summary>
    private List<CaseLine> OpenUrgent(IReadOnlyList<SlaCase> allCases, Quarter quarter, Instant asOf) =>
        allCases
            .Where(c => c.Priority is Priority.P1 or Priority.P2)
            .Where(c =>
            {
                var end = QuarterEnd(quarter, c.SupportCenter);
                var cutoff = asOf < end ? asOf : end;
                return c.CreatedAt < cutoff && (c.ResolvedAt is null || c.ResolvedAt >= cutoff);
            })
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal)
            .Select(c => Line(c, asOf))
            .ToList();

    /// <summary>Engineers of the account's cases created in the four quarters ending with this one, most cases first.</summary>
    private static List<DesignatedEngineer> DesignatedEngineers(WarehouseConnection connection, IReadOnlyList<SlaCase> allCases, Quarter quarter)
    {
        var window = quarter.Trailing(4).ToHashSet();
        var counts = allCases.Where(c => c.EngineerId is not null && window.Contains(c.Quarter))
            .GroupBy(c => c.EngineerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var names = new Dictionary<string, (string Name, string Centre)>(StringComparer.Ordinal);
        foreach (var (id, name, centre) in connection.Query("SELECT engineer_id, name, support_center FROM engineers", r => (r.Text(0), r.Text(1), r.Text(2))))
            names[id] = (name, centre);

        return counts
            .Select(kv => names.TryGetValue(kv.Key, out var e)
                ? new DesignatedEngineer(kv.Key, e.Name, e.Centre, kv.Value)
                : new DesignatedEngineer(kv.Key, kv.Key, null, kv.Value))
            .OrderByDescending(e => e.Cases).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.EngineerId, StringComparer.Ordinal)
            .ToList();
    }

    private AttainmentSection Attainment(SlaQueries sla, IReadOnlySet<string> only, Quarter quarter, Instant asOf,
        IReadOnlyDictionary<string, SlaGroup> byPriority, SlaGroup? total)
    {
        var rows = Priorities.All.Select(p =>
        {
            byPriority.TryGetValue(p.Code(), out var g);
            return Row(p.Code(), reference.TargetFor(p), g);
        }).ToList();

        // The trend reaches back up to eight quarters, but never to quarters before the account's first case.
        var accountOnly = new SlaFilter(null, only);
        var perQuarter = sla.Summary(asOf, ["quarter"], accountOnly).ToDictionary(g => g.Keys[0], StringComparer.Ordinal);
        var perQuarterPriority = sla.Summary(asOf, ["quarter", "priority"], accountOnly).ToDictionary(g => (g.Keys[0], g.Keys[1]));
        var quarters = quarter.Trailing(TrendMax).ToList();
        var firstWithData = quarters.FindIndex(q => perQuarter.ContainsKey(q.ToString()));
        var skip = firstWithData < 0 ? TrendMax - TrendMin : Math.Min(firstWithData, TrendMax - TrendMin);
        quarters = quarters.Skip(skip).ToList();

        var trend = new List<TrendLine>
        {
            new("All priorities",
                quarters.Select(q => perQuarter.GetValueOrDefault(q.ToString())?.AttainmentPct).ToList(),
                quarters.Select(q => perQuarter.GetValueOrDefault(q.ToString())?.Eligible ?? 0).ToList()),
        };
        foreach (var p in Priorities.All)
        {
            var groups = quarters.Select(q => perQuarterPriority.GetValueOrDefault((q.ToString(), p.Code()))).ToList();
            if (groups.All(g => g is null)) continue;
            trend.Add(new TrendLine(p.Code(), groups.Select(g => g?.AttainmentPct).ToList(), groups.Select(g => g?.Eligible ?? 0).ToList()));
        }

        return new AttainmentSection(options.Goals.Green, rows, Row("All priorities", null, total), quarters, trend);
    }

    private AttainmentLine Row(string label, long? target, SlaGroup? g) =>
        new(label, target, g?.Eligible ?? 0, g?.Met ?? 0, g?.Breached ?? 0, g?.Pending ?? 0, g?.AttainmentPct, options.Goals.Meets(g?.AttainmentPct));

    /// <summary>Every case of the quarter (excluded ones too: they are work) by platform and priority.</summary>
    private static VolumeSection Volume(IReadOnlyList<SlaCase> cases)
    {
        var platforms = cases.Select(PlatformOf).Distinct(StringComparer.Ordinal)
            .OrderBy(p => p == "Unknown" ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var lines = platforms.Select(p => VolumeOf(p, cases.Where(c => PlatformOf(c) == p).ToList())).ToList();

        // After hours is an 8x5 notion: only eligible cases were placed on the centre's calendar.
        var afterHours = cases.Where(c => c.Window == "8x5" && c.Status != "excluded")
            .GroupBy(c => (Contract: c.ContractId ?? "", Centre: c.SupportCenter ?? ""))
            .OrderBy(g => g.Key.Contract, StringComparer.Ordinal)
            .Select(g =>
            {
                long n = g.Count(), after = g.Count(c => c.AfterHours);
                return new AfterHoursLine(g.Key.Contract, g.Key.Centre, n, after, Math.Round(100m * after / n, 1, MidpointRounding.AwayFromZero));
            })
            .ToList();
        return new VolumeSection(lines, VolumeOf("All platforms", cases), afterHours);
    }

    private static string PlatformOf(SlaCase c) => string.IsNullOrEmpty(c.Platform) ? "Unknown" : c.Platform;

    private static VolumeLine VolumeOf(string label, IReadOnlyList<SlaCase> cases) =>
        new(label, Priorities.All.Select(p => (long)cases.Count(c => c.Priority == p)).ToList(), cases.Count);

    private ResolutionSection Resolution(IReadOnlyList<SlaCase> cases, Instant asOf, IReadOnlyDictionary<string, SlaGroup> byPriority, SlaGroup? total)
    {
        var eligible = cases.Where(c => c.Status != "excluded").ToList();
        ResolutionLine Line(string label, IReadOnlyList<SlaCase> group, SlaGroup? g)
        {
            var resolved = group.Count(c => c.ResolvedAt is { } at && at <= asOf);
            return new ResolutionLine(label, resolved, group.Count - resolved, g?.ResolutionMedianSeconds, g?.ResolutionP90Seconds);
        }
        var rows = Priorities.All.Select(p => Line(p.Code(), eligible.Where(c => c.Priority == p).ToList(), byPriority.GetValueOrDefault(p.Code()))).ToList();
        return new ResolutionSection(rows, Line("All priorities", eligible, total));
    }

    private RisksSection Risks(WarehouseConnection connection, string accountId, Quarter quarter, IReadOnlyList<SlaCase> cases)
    {
        var from = quarter.End;
        var until = from.PlusYears(1).PlusDays(-1);
        // Units still covered on the first day after the quarter whose support ends inside the coming 12 months.
        var units = connection.Query("""
            SELECT i.serial_number, i.model, i.platform, i.contract_id, i.end_of_support
            FROM installed_base i JOIN contracts k ON k.contract_id = i.contract_id
            WHERE k.account_id = $a
              AND i.end_of_support BETWEEN $from AND $until
              AND coalesce(i.covered_to, k.end_date) >= $from
              AND i.covered_from <= $from
            ORDER BY i.end_of_support, i.serial_number, i.contract_id
            """, r => new EndOfSupportUnit(r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Date(4), Period.Between(from, r.Date(4), PeriodUnits.Days).Days),
            ("a", accountId), ("from", from), ("until", until));

        var serials = cases.Where(c => c.Reason is "gray_market" or "unregistered_product")
            .GroupBy(c => (Serial: c.SerialNumber ?? "(no serial)", Issue: c.Reason == "gray_market" ? "gray market" : "unregistered"))
            .Select(g => new SerialIssue(g.Key.Serial, g.Key.Issue, g.Count(),
                g.OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).Last().CaseNumber))
            .OrderBy(s => s.SerialNumber, StringComparer.Ordinal).ThenBy(s => s.Issue, StringComparer.Ordinal)
            .ToList();

        // Cases on unregistered serials are listed with the serials above; the other findings are the account's.
        var findings = connection.Query("""
            SELECT kind, subject, detail FROM compliance_findings
            WHERE account_id = $a AND kind <> 'case_on_unregistered_serial'
            ORDER BY kind, subject
            """, r => new ComplianceLine(r.Text(0), r.Text(1), r.Text(2)), ("a", accountId));

        return new RisksSection(from, until, units, serials, findings);
    }

    /// <summary>A case for the tables; a response after the as-of has not happened yet.</summary>
    private static CaseLine Line(SlaCase c, Instant asOf) =>
        new(c.CaseNumber, c.Priority, c.Status, c.Title, c.Platform, c.CreatedAt, c.FirstResponseAt <= asOf ? c.FirstResponseAt : null,
            c.ElapsedSeconds, c.TargetSeconds,
            c.ElapsedSeconds is { } e && c.TargetSeconds is { } t && e > t ? e - t : null, c.Window);
}
