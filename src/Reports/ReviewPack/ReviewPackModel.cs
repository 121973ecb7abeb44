using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>
/// Everything one quarterly review pack shows, already computed: the renderer only lays it out.
/// </summary>
/// <param name="AsOf">The instant the SLA figures were evaluated at (printed in every footer).</param>
/// <param name="QuarterComplete">False when the as-of falls inside the quarter: "open at quarter end" then means open at the as-of.</param>
public sealed record ReviewPackModel(
    ReviewPackAccount Account,
    Quarter Quarter,
    Instant AsOf,
    bool QuarterComplete,
    ReviewPackHeadline Headline,
    IReadOnlyList<DesignatedEngineer> DesignatedEngineers,
    IReadOnlyList<ContractLine> Contracts,
    AttainmentSection Attainment,
    VolumeSection Volume,
    IReadOnlyList<CaseLine> BreachedCases,
    IReadOnlyList<CaseLine> OpenUrgentCases,
    ResolutionSection Resolution,
    RisksSection Risks,
    NextQuarterSection NextQuarter)
{
    /// <summary>True when the account has no case created in the quarter: sections say so instead of showing empty tables.</summary>
    public bool NoCases => Headline.Cases == 0;
}

/// <summary>The account the pack is for.</summary>
public sealed record ReviewPackAccount(string Id, string Name, string Country, string? ServiceManagerEmail);

/// <summary>The figures on the cover.</summary>
/// <param name="Cases">Every case created in the quarter, excluded ones included (they are work too).</param>
/// <param name="Attainment">The account's attainment for the quarter, exactly as <c>fts sla summary --by account</c>.</param>
/// <param name="OpenUrgent">P1/P2 cases still open at the end of the quarter.</param>
public sealed record ReviewPackHeadline(long Cases, long Eligible, long Met, long Breached, long Pending, decimal? Attainment, long OpenUrgent);

/// <summary>An engineer who handled the account's cases in the last four quarters.</summary>
public sealed record DesignatedEngineer(string EngineerId, string Name, string? SupportCentre, long Cases);

/// <summary>A contract of the account in force during the quarter.</summary>
/// <param name="TermMonths">Whole months from the start date to the day after the end date.</param>
public sealed record ContractLine(string ContractId, string SiteId, string Sku, string Window, string SupportCentre, string? Region,
    LocalDate Start, LocalDate End, int TermMonths, string EntitledPriorities);

/// <summary>Attainment of the quarter by priority, the total, and the trend over earlier quarters.</summary>
/// <param name="Goal">The attainment the service aims for (percent), drawn as a line and used for the colours.</param>
public sealed record AttainmentSection(decimal Goal, IReadOnlyList<AttainmentLine> ByPriority, AttainmentLine Total,
    IReadOnlyList<Quarter> TrendQuarters, IReadOnlyList<TrendLine> Trend);

/// <summary>One row of attainment: a priority (or "All priorities") with its response target.</summary>
/// <param name="TargetSeconds">First-response target; null on the total row.</param>
/// <param name="MeetsGoal">Null without a figure.</param>
public sealed record AttainmentLine(string Label, long? TargetSeconds, long Eligible, long Met, long Breached, long Pending,
    decimal? Attainment, bool? MeetsGoal);

/// <summary>Attainment per trend quarter of one priority (or of all priorities); null where there is no figure.</summary>
public sealed record TrendLine(string Label, IReadOnlyList<decimal?> Attainment, IReadOnlyList<long> Eligible);

/// <summary>Case volume of the quarter by platform and priority, and the after-hours share on 8x5 contracts.</summary>
public sealed record VolumeSection(IReadOnlyList<VolumeLine> ByPlatform, VolumeLine Total, IReadOnlyList<AfterHoursLine> AfterHours);

/// <summary>Cases of one platform (or "All platforms") by priority P1..P4.</summary>
public sealed record VolumeLine(string Platform, IReadOnlyList<long> ByPriority, long Total);

/// <summary>Eligible cases of one 8x5 contract in the quarter and how many arrived outside business hours.</summary>
/// <param name="SharePct">100 × after hours / cases, one decimal; null without cases.</param>
public sealed record AfterHoursLine(string ContractId, string SupportCentre, long Cases, long AfterHours, decimal? SharePct);

/// <summary>A case as listed in the breached and open tables; instants are shown in UTC.</summary>
/// <param name="OverBySeconds">Elapsed minus target when over; else null.</param>
public sealed record CaseLine(string CaseNumber, Priority Priority, SlaStatus Status, string? Title, string? Platform,
    Instant CreatedAt, Instant? FirstResponseAt, long? ElapsedSeconds, long? TargetSeconds, long? OverBySeconds, ServiceWindow? Window);

/// <summary>Resolution time (creation to resolution minus customer waits) of eligible cases resolved by the as-of.</summary>
public sealed record ResolutionSection(IReadOnlyList<ResolutionLine> ByPriority, ResolutionLine Total);

/// <summary>Resolution statistics of one priority (or "All priorities").</summary>
public sealed record ResolutionLine(string Label, long Resolved, long Unresolved, double? MedianSeconds, double? P90Seconds);

/// <summary>Installed-base risks for the account.</summary>
/// <param name="EndOfSupportFrom">First day of the 12-month window (the day after the quarter).</param>
/// <param name="EndOfSupportUntil">Last day of the window (inclusive).</param>
public sealed record RisksSection(LocalDate EndOfSupportFrom, LocalDate EndOfSupportUntil, IReadOnlyList<EndOfSupportUnit> EndOfSupport,
    IReadOnlyList<SerialIssue> SerialIssues, IReadOnlyList<ComplianceLine> Compliance);

/// <summary>A covered unit whose end of support falls inside the coming 12 months.</summary>
public sealed record EndOfSupportUnit(string SerialNumber, string Model, string Platform, string ContractId, LocalDate EndOfSupport, int DaysLeft);

/// <summary>A gray-market or unregistered serial that cases of the quarter were raised on.</summary>
/// <param name="Issue">"gray market" or "unregistered".</param>
public sealed record SerialIssue(string SerialNumber, string Issue, long Cases, string LastCase);

/// <summary>A compliance finding of ingest about the account.</summary>
public sealed record ComplianceLine(string Kind, string Subject, string Detail);

/// <summary>What the coming quarter holds for the customer; a part that cannot be shown carries the reason instead.</summary>
/// <remarks>Customer-facing: the account's own expected cases only, never the vendor's staffing or other customers' volume.</remarks>
/// <param name="Expected">Null when <paramref name="ExpectedUnavailable"/> says why.</param>
/// <param name="TrueUp">The current contract year of each contract that has one on <paramref name="TrueUpAsOf"/>.</param>
public sealed record NextQuarterSection(Quarter Quarter, ExpectedCases? Expected, string? ExpectedUnavailable,
    LocalDate TrueUpAsOf, IReadOnlyList<TrueUpOutlook> TrueUp);

/// <summary>
/// The account's own expected cases in the weeks starting in the next quarter: of each region and platform forecast, the
/// account's share of that series' cases in the history weeks <paramref name="HistoryFrom"/> to <paramref name="HistoryTo"/>.
/// </summary>
/// <param name="MadeAsOf">The forecast's own as-of: the end of the reviewed quarter (or the data's as-of if earlier).</param>
/// <param name="Method">How it forecast ("model", "seasonal naive", ...), chosen by its back-test.</param>
/// <param name="HistoryCases">The account's cases in those history weeks (what its share is counted from).</param>
/// <param name="Low">The sum of the weekly interval lows times the shares; <paramref name="High"/> likewise: a range at least as wide as the quarter's.</param>
public sealed record ExpectedCases(Instant MadeAsOf, string Method, IsoWeek HistoryFrom, IsoWeek HistoryTo, long HistoryCases,
    IReadOnlyList<ExpectedSeries> ByPlatform, IReadOnlyList<ExpectedWeek> Weeks, double Cases, double Low, double High);

/// <summary>The account's expected cases on one platform in one region, with the history they rest on.</summary>
public sealed record ExpectedSeries(string Region, string Platform, long HistoryCases, double Cases, double Low, double High);

/// <summary>The account's expected cases in one week of the next quarter, with the range.</summary>
public sealed record ExpectedWeek(string Week, LocalDate Monday, double Cases, double Low, double High);

/// <summary>A contract's current year: the units added so far and their prorated charge at the year's true-up.</summary>
public sealed record TrueUpOutlook(string ContractId, int Year, LocalDate YearStart, LocalDate YearLastDay, string Currency,
    IReadOnlyList<Domain.TrueUp.TrueUpAddition> Additions, decimal AdditionsTotal);
