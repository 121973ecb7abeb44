using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
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
/// <param name="manyAccounts">The packs of many accounts will be built: inputs of every account are read once for all.</param>
// One file per section of the pack: this one builds the model, the cover and the contracts; the others are named by section.
internal sealed partial class ReviewPackQuery(Warehouse warehouse, ReferenceData reference, ReviewPackOptions options, bool manyAccounts = false)
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
            cases.Where(c => c.Status == SlaStatus.Breached).OrderBy(c => c.CreatedAt).ThenBy(c => c.CaseNumber, StringComparer.Ordinal).Select(c => Line(c, asOf)).ToList(),
            openUrgent,
            Resolution(cases, asOf, byPriority, total),
            Risks(connection, accountId, quarter, cases),
            NextQuarter(connection, accountId, quarter, asOf));
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

    /// <summary>A case for the tables; a response after the as-of has not happened yet.</summary>
    private static CaseLine Line(SlaCase c, Instant asOf) =>
        new(c.CaseNumber, c.Priority, c.Status, c.Title, c.Platform, c.CreatedAt, c.FirstResponseAt <= asOf ? c.FirstResponseAt : null,
            c.ElapsedSeconds, c.TargetSeconds,
            c.ElapsedSeconds is { } e && c.TargetSeconds is { } t && e > t ? e - t : null, c.Window);
}
