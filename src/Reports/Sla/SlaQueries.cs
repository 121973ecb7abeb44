using JuniperFts.Domain;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.Sla;

/// <summary>Which cases a query covers: one quarter (of creation, in the centre's zone), some accounts, one case.</summary>
/// <param name="Accounts">Null: every account.</param>
/// <param name="CaseNumber">Null: every case.</param>
/// <param name="Quarters">Null: every quarter (with <paramref name="Quarter"/>, both apply).</param>
/// <param name="OpenUrgent">Only P1/P2 cases open at the as-of: created by then and not resolved by then.</param>
/// <param name="Region">Null: every region (of the covering contract's support centre).</param>
public sealed record SlaFilter(Quarter? Quarter = null, IReadOnlySet<string>? Accounts = null, string? CaseNumber = null,
    IReadOnlyList<Quarter>? Quarters = null, bool OpenUrgent = false, string? Region = null);

/// <summary>One group's attainment per quarter of a trend; null where the group had no eligible case that quarter.</summary>
public sealed record SlaTrendLine(string Label, IReadOnlyList<SlaGroup?> PerQuarter);

/// <summary>Attainment per quarter, oldest first: all cases, then one line per group in key order.</summary>
public sealed record SlaTrend(IReadOnlyList<Quarter> Quarters, string? By, SlaTrendLine All, IReadOnlyList<SlaTrendLine> Lines);

/// <summary>One account's quarter: who manages it, its attainment, and its P1/P2 cases open at the as-of.</summary>
public sealed record SlaAccount(string AccountId, string Name, string? ServiceManager, long Eligible, long Met, long Breached, long Pending,
    decimal? AttainmentPct, long OpenUrgent);

/// <summary>One case's first-response SLA at an as-of instant, as <c>fts sla cases</c> prints it.</summary>
/// <param name="Reason">The exclusion reason; null unless excluded.</param>
/// <param name="Priority">The priority in effect when the clock stopped.</param>
/// <param name="Window">Null when excluded before a contract was found.</param>
/// <param name="ElapsedSeconds">Whole seconds, rounded up; null when excluded.</param>
/// <param name="Quarter">Of <paramref name="CreatedAt"/> in the centre's zone (UTC without a contract).</param>
/// <param name="ResolutionSeconds">Creation to resolution minus customer waits; null while unresolved.</param>
public sealed record SlaCase(string CaseNumber, SlaStatus Status, ExclusionReason? Reason,
    Priority Priority, ServiceWindow? Window, string? Region, string? SupportCenter,
    bool AfterHours, long? ElapsedSeconds, long? TargetSeconds, string AccountId, string SiteId, string? ContractId,
    string? Platform, string? EngineerId, string? SerialNumber, string? Title, Quarter Quarter,
    Instant CreatedAt, Instant? FirstResponseAt, Instant? ResolvedAt, long? ResolutionSeconds);

/// <summary>Attainment of one group of eligible cases.</summary>
/// <param name="Keys">The group's values, in the order of the <c>by</c> list (empty string for a missing value).</param>
/// <param name="Eligible">met + breached + pending.</param>
/// <param name="AttainmentPct">100 × met / (met + breached), two decimals (half away from zero); null without a denominator.</param>
/// <param name="ResolutionMedianSeconds">Of the cases resolved by the as-of; null when none.</param>
public sealed record SlaGroup(IReadOnlyList<string> Keys, long Eligible, long Met, long Breached, long Pending,
    decimal? AttainmentPct, double? ResolutionMedianSeconds, double? ResolutionP90Seconds);

/// <summary>
/// Reads the stored evaluations (<see cref="SlaRefresh"/>) at an as-of instant: per case, per group,
/// and excluded counts. Only cases still unanswered at the as-of touch the calendar, for their elapsed time.
/// </summary>
/// <remarks>Cases created after the as-of instant do not exist yet and are left out.</remarks>
public sealed class SlaQueries(Warehouse warehouse, ReferenceData reference)
{
    private static readonly Dictionary<string, string> GroupColumns = new(StringComparer.Ordinal)
    {
        ["priority"] = "priority",
        ["region"] = "region",
        ["window"] = "service_window",
        ["support_center"] = "support_center",
        ["account"] = "account_id",
        ["platform"] = "platform",
        ["engineer"] = "engineer_id",
        ["quarter"] = "quarter",
    };

    // The one place the as-of status of an eligible stored row is derived; mirrors SlaVerdict.StatusAt.
    // Answered by the as-of: met or breached by response_met; unanswered then: breached once past due_at, else pending.
    internal const string MetSql = "(first_response_at <= $asof AND response_met)";
    internal const string BreachedSql =
        "(first_response_at <= $asof AND NOT response_met OR (first_response_at IS NULL OR first_response_at > $asof) AND $asof > due_at)";
    private static readonly string StatusSql =
        $"CASE WHEN excluded_reason IS NOT NULL THEN '{SlaStatus.Excluded.Code()}' WHEN {MetSql} THEN '{SlaStatus.Met.Code()}' " +
        $"WHEN {BreachedSql} THEN '{SlaStatus.Breached.Code()}' ELSE '{SlaStatus.Pending.Code()}' END";

    private static readonly Dictionary<string, SlaStatus> Statuses = Enum.GetValues<SlaStatus>().ToDictionary(s => s.Code(), StringComparer.Ordinal);

    /// <summary>The names <see cref="Summary"/> groups by, as on the command line.</summary>
    public static IReadOnlyList<string> Groupings { get; } =
        ["priority", "region", "window", "support_center", "account", "platform", "engineer", "quarter"];

    /// <summary>Every case created by <paramref name="asOf"/> that passes <paramref name="filter"/>, sorted by case number (ordinal).</summary>
    public IReadOnlyList<SlaCase> Cases(Instant asOf, SlaFilter filter)
    {
        using var connection = warehouse.Connect();
        var (where, parameters) = Where(filter, asOf);
        Dictionary<string, BusinessCalendar>? calendars = null;
        var cases = connection.Query($"""
            SELECT case_number, {StatusSql} AS status, excluded_reason, priority, service_window, region, support_center,
                   after_hours, response_seconds, target_seconds, account_id, site_id, contract_id, platform, engineer_id,
                   serial_number, title, quarter, created_at, first_response_at, resolved_at, resolution_seconds
            FROM sla_evaluations
            WHERE created_at <= $asof {where}
            """, r =>
        {
            var status = StatusOf(r.Text(1));
            var window = r.TextOrNull(4) is { } w ? WindowOf(w) : (ServiceWindow?)null;
            var centre = r.TextOrNull(6);
            var created = r.Instant(18);
            var response = r.InstantOrNull(19);
            long? elapsed = null;
            if (status != SlaStatus.Excluded)
            {
                if (response is { } at && at <= asOf)
                    elapsed = r.Long(8);
                else if (window == ServiceWindow.AroundTheClock)
                    elapsed = SlaSeconds.RoundedUp(asOf - created);
                else
                {
                    // Unanswered at the as-of on an 8x5 contract: the only place the calendar runs.
                    calendars ??= CentreCalendars.Read(connection, reference);
                    elapsed = SlaSeconds.RoundedUp(calendars[centre!].BusinessTime(created, asOf));
                }
            }
            return new SlaCase(
                r.Text(0), status, r.TextOrNull(2) is { } reason ? ReasonOf(reason) : null, PriorityOf(r.Text(3)), window, r.TextOrNull(5), centre,
                r.Bool(7), elapsed, r.LongOrNull(9), r.Text(10), r.Text(11),
                r.TextOrNull(12), r.TextOrNull(13), r.TextOrNull(14), r.TextOrNull(15), r.TextOrNull(16), Quarter.Parse(r.Text(17)),
                created, response, r.InstantOrNull(20), r.LongOrNull(21));
        }, parameters);
        cases.Sort((a, b) => string.CompareOrdinal(a.CaseNumber, b.CaseNumber));
        return cases;
    }

    /// <summary>Attainment of the eligible cases created by <paramref name="asOf"/>, grouped by <paramref name="by"/> and sorted by the keys (ordinal).</summary>
    /// <param name="withResolution">
    /// Also the resolution median and p90 (null otherwise): the quantiles sort every group, which costs as much as
    /// the rest of the summary, so only the views that show them ask.
    /// </param>
    /// <exception cref="UserError">A name in <paramref name="by"/> is not one of <see cref="Groupings"/>.</exception>
    public IReadOnlyList<SlaGroup> Summary(Instant asOf, IReadOnlyList<string> by, SlaFilter filter, bool withResolution = false)
    {
        var keys = by.Select(b => GroupColumns.TryGetValue(b, out var column) ? $"coalesce({column}, '')"
            : throw new UserError($"'{b}' is not a grouping (use {string.Join(", ", Groupings)})") { Subject = "by" }).ToList();

        using var connection = warehouse.Connect();
        var (where, parameters) = Where(filter, asOf);
        var keyList = string.Concat(keys.Select((k, i) => $"{k} AS k{i}, "));
        var n = keys.Count;
        // Plain comparisons per row rather than the status text; pending is what is neither met nor breached.
        var groups = connection.Query($"""
            SELECT {keyList}
                   count(*) AS eligible,
                   count(*) FILTER (WHERE {MetSql}) AS met,
                   count(*) FILTER (WHERE {BreachedSql}) AS breached,
                   {(withResolution ? "quantile_cont(resolution_seconds, 0.5) FILTER (WHERE resolved_at <= $asof)" : "NULL::DOUBLE")} AS resolution_median,
                   {(withResolution ? "quantile_cont(resolution_seconds, 0.9) FILTER (WHERE resolved_at <= $asof)" : "NULL::DOUBLE")} AS resolution_p90
            FROM sla_evaluations
            WHERE excluded_reason IS NULL AND created_at <= $asof {where}
            {(keys.Count > 0 ? "GROUP BY ALL" : "")}
            """, r =>
        {
            var eligible = r.Long(n);
            var met = r.Long(n + 1);
            var breached = r.Long(n + 2);
            return new SlaGroup(
                Enumerable.Range(0, n).Select(r.Text).ToList(),
                eligible, met, breached, eligible - met - breached,
                Attainment(met, breached),
                r.DoubleOrNull(n + 3),
                r.DoubleOrNull(n + 4));
        }, parameters);
        groups.Sort(CompareKeys);
        return groups;
    }

    /// <summary>How many cases created by <paramref name="asOf"/> each exclusion reason removed, sorted by reason.</summary>
    /// <remarks>The same population as <see cref="Summary"/>, so shares of a quarter still running add up.</remarks>
    public IReadOnlyList<(ExclusionReason Reason, long Cases)> Exclusions(Instant asOf, SlaFilter filter)
    {
        using var connection = warehouse.Connect();
        var (where, parameters) = Where(filter, asOf);
        var list = connection.Query($"""
            SELECT excluded_reason, count(*) FROM sla_evaluations
            WHERE excluded_reason IS NOT NULL AND created_at <= $asof {where}
            GROUP BY excluded_reason
            """, r => (ReasonOf(r.Text(0)), r.Long(1)), parameters);
        list.Sort((a, b) => string.CompareOrdinal(a.Item1.Code(), b.Item1.Code()));
        return list;
    }

    /// <summary>
    /// Attainment per quarter of the <paramref name="count"/> quarters ending with <paramref name="last"/>, in total and per
    /// value of <paramref name="by"/> (null: the total alone); two grouped reads, whatever the count.
    /// </summary>
    public SlaTrend Trend(Instant asOf, Quarter last, int count, string? by, SlaFilter filter)
    {
        var quarters = last.Trailing(count);
        var scoped = filter with { Quarter = null, Quarters = quarters };
        var index = quarters.Select((q, i) => (q.ToString(), i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        SlaGroup?[] Line(IEnumerable<SlaGroup> groups)
        {
            var line = new SlaGroup?[quarters.Count];
            foreach (var g in groups) line[index[g.Keys[0]]] = g;
            return line;
        }
        if (by is null) return new SlaTrend(quarters, null, new SlaTrendLine("all", Line(Summary(asOf, ["quarter"], scoped))), []);
        // One read: every eligible case is in exactly one group (a missing value is the group ""), so the groups add up to the total.
        var groups = Summary(asOf, [by, "quarter"], scoped);
        var total = groups.GroupBy(g => g.Keys[1], StringComparer.Ordinal).Select(q =>
        {
            var (eligible, met, breached) = (q.Sum(g => g.Eligible), q.Sum(g => g.Met), q.Sum(g => g.Breached));
            return new SlaGroup([q.Key], eligible, met, breached, eligible - met - breached, Attainment(met, breached), null, null);
        });
        var lines = groups
            .GroupBy(g => g.Keys[0], StringComparer.Ordinal)
            .Select(g => new SlaTrendLine(g.Key, Line(g.Select(x => x with { Keys = [x.Keys[1]] }))))
            .ToList();
        return new SlaTrend(quarters, by, new SlaTrendLine("all", Line(total)), lines);
    }

    /// <summary>Every account of <paramref name="accounts"/> (null: all) with its attainment in <paramref name="quarter"/> and its P1/P2 open at the as-of, by account id.</summary>
    public IReadOnlyList<SlaAccount> Accounts(Instant asOf, Quarter quarter, IReadOnlySet<string>? accounts)
    {
        using var connection = warehouse.Connect();
        var (inQuarter, quarterParameters) = Where(new SlaFilter(quarter, accounts), asOf);
        var (open, openParameters) = Where(new SlaFilter(Accounts: accounts, OpenUrgent: true), asOf);
        var (listed, _) = Where(new SlaFilter(Accounts: accounts), asOf);
        var list = connection.Query($"""
            WITH q AS (
                SELECT account_id, count(*) AS eligible, count(*) FILTER (WHERE {MetSql}) AS met, count(*) FILTER (WHERE {BreachedSql}) AS breached
                FROM sla_evaluations WHERE excluded_reason IS NULL AND created_at <= $asof {inQuarter} GROUP BY account_id),
            o AS (SELECT account_id, count(*) AS open FROM sla_evaluations WHERE TRUE {open} GROUP BY account_id)
            SELECT account_id, name, service_manager_email, coalesce(q.eligible, 0), coalesce(q.met, 0), coalesce(q.breached, 0), coalesce(o.open, 0)
            FROM accounts LEFT JOIN q USING (account_id) LEFT JOIN o USING (account_id)
            WHERE TRUE {listed}
            """, r =>
        {
            var (eligible, met, breached) = (r.Long(3), r.Long(4), r.Long(5));
            return new SlaAccount(r.Text(0), r.Text(1), r.TextOrNull(2), eligible, met, breached, eligible - met - breached, Attainment(met, breached), r.Long(6));
        }, [.. quarterParameters.Concat(openParameters).DistinctBy(p => p.Item1)]);
        list.Sort((a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        return list;
    }

    /// <summary>The account of case <paramref name="caseNumber"/>, or null when there is no such case.</summary>
    public string? AccountOfCase(string caseNumber)
    {
        using var connection = warehouse.Connect();
        return connection.Query("SELECT account_id FROM cases WHERE case_number = $n", r => r.Text(0), ("n", caseNumber)).FirstOrDefault();
    }

    /// <summary>100 × met / (met + breached), two decimals, half away from zero; null without a denominator.</summary>
    /// <remarks>Always carries two decimals (100.00, 50.00), so it prints as the CSV contract spells it.</remarks>
    public static decimal? Attainment(long met, long breached) =>
        met + breached == 0 ? null : Math.Round(100m * met / (met + breached), 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>The filter's conditions (each starting with AND) and the parameters they and <c>$asof</c> need.</summary>
    private static (string Sql, (string, object?)[] Parameters) Where(SlaFilter filter, Instant asOf)
    {
        var sql = "";
        var parameters = new List<(string, object?)> { ("asof", asOf) };
        if (filter.Quarter is { } q)
        {
            sql += " AND quarter = $quarter";
            parameters.Add(("quarter", q.ToString()));
        }
        if (filter.Quarters is { } quarters)
        {
            var names = quarters.Select((q, i) =>
            {
                parameters.Add(("quarter" + i, q.ToString()));
                return "$quarter" + i;
            }).ToList();
            sql += names.Count == 0 ? " AND FALSE" : $" AND quarter IN ({string.Join(", ", names)})";
        }
        if (filter.Region is { } region)
        {
            sql += " AND region = $region";
            parameters.Add(("region", region));
        }
        if (filter.OpenUrgent)
            sql += $" AND priority IN ('{Priority.P1.Code()}', '{Priority.P2.Code()}') AND created_at <= $asof AND (resolved_at IS NULL OR resolved_at > $asof)";
        if (filter.CaseNumber is { } number)
        {
            sql += " AND case_number = $case";
            parameters.Add(("case", number));
        }
        if (filter.Accounts is { } accounts)
        {
            if (accounts.Count == 0) return (sql + " AND FALSE", [.. parameters]);
            var names = accounts.Select((a, i) =>
            {
                parameters.Add(("account" + i, a));
                return "$account" + i;
            }).ToList();
            sql += $" AND account_id IN ({string.Join(", ", names)})";
        }
        return (sql, [.. parameters]);
    }

    private static int CompareKeys(SlaGroup a, SlaGroup b)
    {
        for (var i = 0; i < a.Keys.Count; i++)
        {
            var c = string.CompareOrdinal(a.Keys[i], b.Keys[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static SlaStatus StatusOf(string code) => Statuses[code];

    private static ServiceWindow WindowOf(string code) =>
        ServiceWindows.TryParse(code, out var w) ? w : throw new InvalidOperationException($"sla_evaluations holds service window '{code}'");

    private static ExclusionReason ReasonOf(string code) =>
        ExclusionReasons.TryParse(code, out var reason) ? reason : throw new InvalidOperationException($"sla_evaluations holds exclusion reason '{code}'");

    private static Priority PriorityOf(string code) =>
        Priorities.TryParse(code, out var p) ? p : throw new InvalidOperationException($"sla_evaluations holds priority '{code}'");
}
