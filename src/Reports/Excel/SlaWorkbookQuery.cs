using System.Globalization;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using NodaTime;

namespace JuniperFts.Reports.Excel;

/// <summary>
/// Turns the SLA queries' answers into the workbook's view model: every figure of the workbook is
/// computed here (or taken as it is from <see cref="SlaQueries"/>), none in the renderer.
/// </summary>
public static class SlaWorkbookQuery
{
    private const string None = "(none)";

    /// <summary>Builds the model for <paramref name="quarter"/> as of <paramref name="asOf"/>.</summary>
    /// <param name="accounts">The accounts in scope (a service manager's); null for every account.</param>
    public static SlaWorkbookModel Build(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf,
        IReadOnlySet<string>? accounts, SlaWorkbookOptions options, Instant generatedAt, ForecastOptions? forecast = null)
    {
        var queries = new SlaQueries(warehouse, reference);
        var now = new SlaFilter(quarter, accounts);
        var before = new SlaFilter(quarter.Previous, accounts);
        var names = Names.Load(warehouse);

        // The resolution statistics are shown for the current quarter only.
        IReadOnlyList<SlaGroup> Now(params string[] by) => queries.Summary(asOf, by, now, withResolution: true);
        IReadOnlyList<SlaGroup> Before(params string[] by) => queries.Summary(asOf, by, before);
        Duration TargetOf(string priority) =>
            Duration.FromSeconds(Priorities.TryParse(priority, out var p) ? reference.TargetFor(p) : 0);

        var total = Compare(Now(), Before(), keepPreviousOnly: false).Single();
        var header = new WorkbookHeader($"SLA attainment {quarter}", quarter, quarter.Previous, ScopeOf(accounts), asOf, generatedAt, options.Goals);

        var byPriorityAndWindow = new AttainmentTable("By priority and service window", ["Priority", "Window"], AttainmentColumns.Target,
            [.. Compare(Now("priority", "window"), Before("priority", "window"), keepPreviousOnly: true)
                .Select(r => r with { Target = TargetOf(r.Keys[0]) })],
            total with { Keys = ["All", "All"] });
        var byRegionAndPriority = new AttainmentTable("By region and priority", ["Region", "Priority"], AttainmentColumns.Target,
            [.. Compare(Now("region", "priority"), Before("region", "priority"), keepPreviousOnly: true)
                .Select(r => r with { Target = TargetOf(r.Keys[1]) })]);

        var resolution = AttainmentColumns.Resolution;
        var byAccount = new AttainmentTable("Attainment by account", ["Account", "Name"], resolution,
            [.. Compare(Now("account"), Before("account"), keepPreviousOnly: false)
                .Select(r => r with { Keys = [r.Keys[0], names.Account(r.Keys[0])] })]);
        var byCentre = new AttainmentTable("Attainment by support centre", ["Support centre", "Region"], resolution,
            [.. Compare(Now("support_center"), Before("support_center"), keepPreviousOnly: false)
                .Select(r => r with { Keys = [r.Keys[0], reference.FindCentre(r.Keys[0])?.Region ?? ""] })]);
        var byPlatform = new AttainmentTable("Attainment by platform", ["Platform"], resolution,
            Compare(Now("platform"), Before("platform"), keepPreviousOnly: false));
        var byEngineer = new AttainmentTable("Attainment by engineer", ["Engineer", "Name"], resolution,
            [.. Compare(Now("engineer"), Before("engineer"), keepPreviousOnly: false)
                .Select(r => r with { Keys = [r.Keys[0], names.Engineer(r.Keys[0])] })]);

        return new SlaWorkbookModel(
            header,
            ReadMe(header, options, reference, CentreHolidays(warehouse, quarter)),
            byPriorityAndWindow,
            byRegionAndPriority,
            Trend(queries, quarter, asOf, accounts, options.TrendQuarters),
            byAccount, byCentre, byPlatform, byEngineer,
            Breaches(queries, now, asOf, names, options.BreachRowCap),
            Exclusions(queries.Exclusions(asOf, now), total.Eligible),
            Staffing(QuarterOutlook.Make(warehouse, forecast ?? new ForecastOptions { Reference = reference, Training = ModelTraining.Never }, quarter, asOf), reference));
    }

    /// <summary>
    /// Puts each group of this quarter beside the same group of the previous quarter. Groups found
    /// only in the previous quarter are kept where a vanished row would mislead (the summary tables).
    /// </summary>
    private static List<AttainmentRow> Compare(IReadOnlyList<SlaGroup> now, IReadOnlyList<SlaGroup> before, bool keepPreviousOnly)
    {
        var previous = before.ToDictionary(g => Key(g.Keys), StringComparer.Ordinal);
        var rows = now.Select(g => Row(g, previous.GetValueOrDefault(Key(g.Keys)))).ToList();
        if (keepPreviousOnly)
        {
            var current = now.Select(g => Key(g.Keys)).ToHashSet(StringComparer.Ordinal);
            rows.AddRange(before.Where(g => !current.Contains(Key(g.Keys)))
                .Select(g => Row(new SlaGroup(g.Keys, 0, 0, 0, 0, null, null, null), g)));
            rows.Sort((a, b) => string.CompareOrdinal(Key(a.Keys), Key(b.Keys)));
        }
        return rows;

        static string Key(IReadOnlyList<string> keys) => string.Join('\u001f', keys);
    }

    private static AttainmentRow Row(SlaGroup g, SlaGroup? previous) =>
        new([.. g.Keys.Select(k => k.Length == 0 ? None : k)], null, g.Eligible, g.Met, g.Breached, g.Pending,
            g.AttainmentPct, previous?.AttainmentPct,
            g.AttainmentPct is { } a && previous?.AttainmentPct is { } b ? a - b : null,
            Seconds(g.ResolutionMedianSeconds), Seconds(g.ResolutionP90Seconds));

    private static Duration? Seconds(double? seconds) =>
        seconds is { } s ? Duration.FromSeconds(Math.Round(s, MidpointRounding.AwayFromZero)) : null;

    private static TrendTable Trend(SlaQueries queries, Quarter quarter, Instant asOf, IReadOnlySet<string>? accounts, int count)
    {
        var quarters = quarter.Trailing(count);
        var all = new SlaFilter(null, accounts);

        // One query per breakdown over every quarter, then the trailing quarters picked from it.
        Dictionary<string, decimal?> Figures(params string[] by) =>
            queries.Summary(asOf, ["quarter", .. by], all).ToDictionary(g => string.Join('|', g.Keys), g => g.AttainmentPct, StringComparer.Ordinal);
        List<decimal?> Line(Dictionary<string, decimal?> figures, string? key) =>
            [.. quarters.Select(q => figures.GetValueOrDefault(key is null ? q.ToString() : $"{q}|{key}"))];
        bool HasAny(List<decimal?> line) => line.Any(v => v is not null);

        var byPriority = Figures("priority");
        var overall = Figures();
        var priorities = Priorities.All.Select(p => new TrendSeries(p.Code(), Line(byPriority, p.Code())))
            .Where(s => HasAny([.. s.AttainmentPct])).ToList();
        priorities.Add(new TrendSeries("All priorities", Line(overall, null)));

        var byRegion = Figures("region");
        var quarterNames = quarters.Select(q => q.ToString()).ToHashSet(StringComparer.Ordinal);
        var regions = byRegion.Keys.Select(k => k.Split('|')).Where(k => quarterNames.Contains(k[0])).Select(k => k[1])
            .Distinct().Order(StringComparer.Ordinal)
            .Select(r => new TrendSeries(r.Length == 0 ? None : r, Line(byRegion, r)))
            .Where(s => HasAny([.. s.AttainmentPct])).ToList();
        return new TrendTable(quarters, priorities, regions);
    }

    private static BreachList Breaches(SlaQueries queries, SlaFilter filter, Instant asOf, Names names, int cap)
    {
        // Most urgent first, then oldest: if the cap cuts the list, it keeps what matters most.
        var breached = queries.Cases(asOf, filter).Where(c => c.Status == SlaStatus.Breached)
            .OrderBy(c => c.Priority).ThenBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).ToList();
        var rows = breached.Take(cap).Select(c =>
        {
            var elapsed = Duration.FromSeconds(c.ElapsedSeconds ?? 0);
            var target = Duration.FromSeconds(c.TargetSeconds ?? 0);
            return new BreachRow(c.CaseNumber, c.CreatedAt.InUtc().LocalDateTime, c.Priority.Code(), c.Window?.Code() ?? "", c.SupportCenter ?? "",
                c.Region ?? "", c.AccountId, names.Account(c.AccountId), c.EngineerId ?? "", elapsed, target, elapsed - target,
                c.FirstResponseAt is { } answered && answered <= asOf, c.AfterHours, c.Title ?? "");
        }).ToList();
        var note = rows.Count < breached.Count
            ? $"Only the first {Whole(rows.Count)} of {Whole(breached.Count)} breached cases are listed (most urgent, then oldest, first; the limit is the setting Excel:BreachRowCap). Every figure on the other sheets counts all of them."
            : null;
        return new BreachList(rows, breached.Count, cap, note);
    }

    private static ExclusionTable Exclusions(IReadOnlyList<(ExclusionReason Reason, long Cases)> counts, long eligible)
    {
        var byReason = counts.ToDictionary(c => c.Reason, c => c.Cases);
        var excluded = counts.Sum(c => c.Cases);
        var all = eligible + excluded;
        decimal? Share(long n) => all == 0 ? null : Math.Round(100m * n / all, 2, MidpointRounding.AwayFromZero);
        var rows = ExclusionReasons.All
            .Select(r => new ExclusionRow(r.Code, r.Meaning, byReason.GetValueOrDefault(r.Reason), Share(byReason.GetValueOrDefault(r.Reason))))
            .ToList();
        return new ExclusionTable(rows, eligible, excluded, all, Share(eligible));
    }

    /// <summary>Engineers to roster per centre, week and local hour of the coming quarter; centres without forecast cases left out.</summary>
    private static StaffingHeatMap Staffing(QuarterOutlook coming, ReferenceData reference)
    {
        var weeks = coming.Staffing.Select(h => h.Week).Distinct().Order().ToList();
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        var centres = coming.Staffing.GroupBy(h => h.Centre).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var engineers = weeks.Select(_ => new int[HourOfWeek.Count]).ToList();
            foreach (var h in g) engineers[index[h.Week]][h.Hour.Index] += h.EngineersScheduled;
            return new CentreHeatMap(g.Key, reference.FindCentre(g.Key)?.Region ?? "", engineers, engineers.Select(e => e.Sum()).ToList());
        }).ToList();
        var unavailable = coming.StaffingUnavailable
            ?? (centres.Count == 0 ? $"No centre has forecast cases in the weeks starting in {coming.Next}." : null);
        return new StaffingHeatMap(coming.Next, coming.MadeAsOf, unavailable, weeks.Select(w => w.ToString()).ToList(), centres);
    }

    private static IReadOnlyList<ReadMeEntry> ReadMe(WorkbookHeader h, SlaWorkbookOptions options, ReferenceData reference,
        ILookup<string, LocalDate> holidays)
    {
        var targets = string.Join(", ", Priorities.All.Where(reference.TargetSeconds.ContainsKey)
            .Select(p => $"{p.Code()} {Spoken(Duration.FromSeconds(reference.TargetFor(p)))}"));
        var green = Pct(h.Goals.Green);
        var amber = Pct(h.Goals.Amber);
        return
        [
            new("Quarter", $"{h.Quarter}: cases created in that calendar quarter, in the local time of the support centre of the case's contract. The previous quarter, {h.PreviousQuarter}, is shown beside it."),
            new("Accounts", h.Scope),
            new("Data as of", $"{h.DataAsOf.InUtc().LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Cases created later are not counted; a case without a first response by then is judged at that instant."),
            new("Generated at", $"{h.GeneratedAt.InUtc().LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."),
            new("Target", $"The first-response time promised for the case's priority: {targets}. The priority counted is the one in effect when the clock stopped."),
            new("Met", "The first response came within the target."),
            new("Breached", "The first response came later than the target, or there is still no response and the target has already passed."),
            new("Pending", "No first response yet, and the target has not passed yet. Pending cases are not in the attainment."),
            new("Attainment", "Met ÷ (met + breached), as a percentage with two decimals. Empty when no case of the group was met or breached."),
            new("Change (pts)", "Attainment this quarter minus attainment in the previous quarter, in percentage points."),
            new("Colours", $"Attainment of at least {green} is green, at least {amber} amber, below {amber} red. The colours are conditional formats, so they follow the figures."),
            new("8x5 clock", "On 8x5 contracts the clock runs only in business hours: the opening hours of the support centre of the case's contract, in its local time (following daylight saving time), minus that centre's holidays. The calendars used:"),
            .. reference.Centres.Values.OrderBy(c => c.Code, StringComparer.Ordinal)
                .Select(c => new ReadMeEntry(c.Code, CalendarText(c.Calendar, holidays[c.Code].Count(), h.Quarter))),
            new("24x7 clock", "On 24x7 contracts the clock runs around the clock, from creation to first response."),
            new("After hours", "An 8x5 case created outside business hours. Its clock starts at the next opening, so it is not breached overnight."),
            new("Exclusions", "Cases that do not count for the SLA at all (neither met nor breached): see the Exclusions sheet for the count per reason. A larger exclusion count makes the denominator smaller; it does not mean better service."),
            new("Resolution", "Creation to resolution, minus the time spent waiting for the customer; median and 90th percentile of the cases resolved by the as-of instant. Shown for information: it has no target."),
            new("Breaches", options.BreachRowCap == 0
                ? "The Breaches sheet lists no case (the limit Excel:BreachRowCap is 0)."
                : $"The Breaches sheet lists each breached case of the quarter, most urgent and then oldest first, up to {Whole(options.BreachRowCap)} rows (setting Excel:BreachRowCap); a note above the table says when the list was cut."),
            new("Trend", $"Attainment per quarter for the last {options.TrendQuarters} quarters, by priority and by region, with the same definitions."),
            new("Times", "Durations read hours:minutes (elapsed and over-by also :seconds); times of day are UTC."),
            new("Staffing", $"Engineers to roster in each local hour of the weeks starting in {h.Quarter.Next}, per support centre (all accounts): the smallest number on shift that answers each priority within its target often enough (Erlang C, each priority its own queue), raised for the maximum occupancy and for shrinkage, priorities summed. Each hour is sized for the work in hand in it, not only for the cases arriving in it: a case takes an engineer hours, so the morning's cases are still being worked in the afternoon and evening, and a burst at the opening (the weekend's 8x5 cases) is spread over the hours that handle it. Outside a centre's opening hours nobody is on shift for business-hours work and its cases wait, unfinished, for the next opening; a centre that also serves around-the-clock contracts keeps engineers on shift all night, working both. Darker cells need more engineers; the last column is the week's engineer-hours. Hours are the centre's local time. docs/forecast.md explains the model."),
        ];
    }

    private static string ScopeOf(IReadOnlySet<string>? accounts) =>
        accounts is null ? "All accounts"
        : accounts.Count == 0 ? "No accounts"
        : accounts.Count <= 10 ? "Accounts " + string.Join(", ", accounts.Order(StringComparer.Ordinal))
        : $"{accounts.Count} accounts";

    /// <summary>The holidays of each centre that fall in <paramref name="quarter"/>, as the SLA clock reads them.</summary>
    private static ILookup<string, LocalDate> CentreHolidays(Warehouse warehouse, Quarter quarter)
    {
        using var connection = warehouse.Connect();
        return CentreCalendars.Holidays(connection, quarter.Start, quarter.End.PlusDays(-1)).ToLookup(x => x.Centre, x => x.Date, StringComparer.Ordinal);
    }

    private static readonly (string Key, string Name)[] Days =
        [("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday")];

    /// <summary>"Monday to Friday 09:00–17:00, Europe/Amsterdam; 2 holidays in 2026-Q1.": a centre's calendar in words.</summary>
    private static string CalendarText(CalendarDefinition calendar, int storedHolidays, Quarter quarter)
    {
        // Consecutive days with the same hours read as one run ("Monday to Friday").
        var runs = new List<(int First, int Last, string Hours)>();
        for (var i = 0; i < Days.Length; i++)
        {
            if (!calendar.Hours.TryGetValue(Days[i].Key, out var intervals) || intervals.Count == 0) continue;
            var hours = string.Join(" and ", intervals.Select(x => x.Replace('-', '–')));
            if (runs.Count > 0 && runs[^1].Last == i - 1 && runs[^1].Hours == hours) runs[^1] = (runs[^1].First, i, hours);
            else runs.Add((i, i, hours));
        }
        var open = runs.Count == 0 ? "never open"
            : string.Join("; ", runs.Select(r => (r.First == r.Last ? Days[r.First].Name : $"{Days[r.First].Name} to {Days[r.Last].Name}") + " " + r.Hours));
        var configured = calendar.Holidays.Count(d => d.CompareTo(Day(quarter.Start)) >= 0 && d.CompareTo(Day(quarter.End)) < 0);
        var count = storedHolidays + configured;
        return $"{open}, {calendar.TimeZone}; {(count == 1 ? "1 holiday" : $"{count} holidays")} in {quarter}.";
    }

    private static string Day(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Spoken(Duration d) => Figures.DurationInWords(d);

    private static string Pct(decimal value) => Figures.PercentInProse(value);

    private static string Whole(long n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>Display names of accounts and engineers, which the SLA evaluations carry only as ids.</summary>
    private sealed class Names(Dictionary<string, string> accounts, Dictionary<string, string> engineers)
    {
        public string Account(string id) => accounts.GetValueOrDefault(id, "");
        public string Engineer(string id) => engineers.GetValueOrDefault(id, "");

        public static Names Load(Warehouse warehouse)
        {
            using var connection = warehouse.Connect();
            return new Names(Read(connection, "SELECT account_id, name FROM accounts"), Read(connection, "SELECT engineer_id, name FROM engineers"));
        }

        private static Dictionary<string, string> Read(WarehouseConnection connection, string sql) =>
            connection.Query(sql, r => (Id: r.Text(0), Name: r.Text(1))).GroupBy(x => x.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
    }
}
