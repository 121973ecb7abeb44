using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using JuniperFts.Reports.TrueUp;
using JuniperFts.Store;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// The SLA figures the portal shows, read once per data version (<see cref="PortalDataCache"/>) and shared by the JSON
/// endpoints and the pages, so a page and its endpoint always agree. Callers scope them to what the reader may see.
/// </summary>
public sealed class PortalFigures(Warehouse warehouse, ReferenceData reference, PortalDataCache cache, TrueUpService trueUp, AttainmentGoals goals,
    IOptions<JsonOptions> json)
{
    /// <summary>Quarters in a trend: two years, as in the workbook and the pack.</summary>
    public const int TrendQuarters = 8;

    private SlaQueries Sla => new(warehouse, reference);

    /// <summary><c>fts sla summary</c> of <paramref name="quarter"/> grouped by <paramref name="by"/>.</summary>
    public IReadOnlyList<SlaGroup> Summary(IReadOnlySet<string>? accounts, Quarter quarter, IReadOnlyList<string> by, Instant now, string? region = null) =>
        cache.Get($"summary|{quarter}|{string.Join(',', by)}|{region}", PortalDataCache.Scope(accounts), quarter, now,
            () => Sla.Summary(now, by, new SlaFilter(quarter, accounts, Region: region)));

    /// <summary><see cref="Summary"/> as the JSON of <c>/api/sla/summary</c>'s rows, written once per data version.</summary>
    public byte[] SummaryJson(IReadOnlySet<string>? accounts, Quarter quarter, IReadOnlyList<string> by, Instant now) =>
        cache.Get($"summary-json|{quarter}|{string.Join(',', by)}", PortalDataCache.Scope(accounts), quarter, now,
            () => SlaEndpoints.RowsJson(Summary(accounts, quarter, by, now), goals, json.Value.SerializerOptions));

    /// <summary>Attainment of the <paramref name="count"/> quarters ending with <paramref name="last"/>, in total and per value of <paramref name="by"/>.</summary>
    public SlaTrend Trend(IReadOnlySet<string>? accounts, Quarter last, int count, string? by, Instant now, string? region = null) =>
        cache.Get($"trend|{last}|{count}|{by}|{region}", PortalDataCache.Scope(accounts), last, now,
            () => Sla.Trend(now, last, count, by, new SlaFilter(Accounts: accounts, Region: region)));

    /// <summary>Each account of the scope with its attainment in <paramref name="quarter"/> and its P1/P2 open at the as-of.</summary>
    public IReadOnlyList<SlaAccount> Accounts(IReadOnlySet<string>? accounts, Quarter quarter, Instant now) =>
        cache.Get($"accounts|{quarter}", PortalDataCache.Scope(accounts), null, now, () => Sla.Accounts(now, quarter, accounts));

    /// <summary>The cases of one account created in <paramref name="quarter"/>, as <c>fts sla cases</c> lists them.</summary>
    public IReadOnlyList<SlaCase> Cases(string accountId, Quarter quarter, Instant now) =>
        cache.Get($"cases|{quarter}", accountId, quarter, now, () => Sla.Cases(now, new SlaFilter(quarter, new HashSet<string>(StringComparer.Ordinal) { accountId })));

    /// <summary>One account's P1/P2 cases open at the as-of, whatever quarter they were created in.</summary>
    public IReadOnlyList<SlaCase> OpenUrgent(string accountId, Instant now) =>
        cache.Get("open-urgent", accountId, null, now, () => Sla.Cases(now, new SlaFilter(Accounts: new HashSet<string>(StringComparer.Ordinal) { accountId }, OpenUrgent: true)));

    /// <summary>The statements due by <paramref name="due"/> and where each stands (computing every statement of a large estate takes seconds).</summary>
    public IReadOnlyList<DueStatement> TrueUp(LocalDate due, Instant now) =>
        cache.Get($"trueup|{due:uuuu-MM-dd}", "all", null, now, () => trueUp.Standing(due));

    /// <summary>The account of a case; null when there is none.</summary>
    public string? AccountOfCase(string caseNumber) => Sla.AccountOfCase(caseNumber);

    /// <summary>The account's name; null when there is no such account.</summary>
    public string? AccountName(string accountId)
    {
        using var c = warehouse.Connect();
        return c.Query("SELECT name FROM accounts WHERE account_id = $id", r => r.Text(0), ("id", accountId)).FirstOrDefault();
    }
}
