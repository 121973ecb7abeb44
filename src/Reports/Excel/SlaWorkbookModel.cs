using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using NodaTime;

namespace JuniperFts.Reports.Excel;

/// <summary>Everything the leadership SLA workbook shows, every figure already computed; the renderer only lays it out.</summary>
public sealed record SlaWorkbookModel(
    WorkbookHeader Header,
    IReadOnlyList<ReadMeEntry> ReadMe,
    AttainmentTable ByPriorityAndWindow,
    AttainmentTable ByRegionAndPriority,
    TrendTable Trend,
    AttainmentTable ByAccount,
    AttainmentTable BySupportCentre,
    AttainmentTable ByPlatform,
    AttainmentTable ByEngineer,
    BreachList Breaches,
    ExclusionTable Exclusions,
    StaffingHeatMap Staffing);

/// <summary>
/// The Staffing sheet: engineers to roster by Erlang C (priorities summed) per centre, forecast week and local hour of the
/// week, for the weeks starting in the quarter after the workbook's.
/// </summary>
/// <param name="MadeAsOf">The forecast's as-of: the end of the workbook's quarter, or the data's as-of if earlier.</param>
/// <param name="Unavailable">Why there is no map (no history to forecast from, a setting staffing cannot use); null when there is one.</param>
public sealed record StaffingHeatMap(Quarter Quarter, Instant MadeAsOf, string? Unavailable, IReadOnlyList<string> Weeks, IReadOnlyList<CentreHeatMap> Centres);

/// <summary>One centre's engineers to roster: a row per week of <see cref="StaffingHeatMap.Weeks"/>, a column per local hour of the week.</summary>
/// <param name="Engineers">[week][hour of the week, Monday 00:00 = 0]; 0 where no case is expected.</param>
/// <param name="EngineerHours">Per week: the engineer-hours on shift the week needs (the row's sum).</param>
public sealed record CentreHeatMap(string Centre, string Region, IReadOnlyList<int[]> Engineers, IReadOnlyList<int> EngineerHours);

/// <summary>What the workbook is about: quarter, scope, instants and the colour goals.</summary>
/// <param name="Scope">In words: "All accounts" or the service manager's accounts.</param>
/// <param name="DataAsOf">The as-of instant: unanswered cases are judged at this instant.</param>
public sealed record WorkbookHeader(
    string Title, Quarter Quarter, Quarter PreviousQuarter, string Scope, Instant DataAsOf, Instant GeneratedAt, AttainmentGoals Goals);

/// <summary>One definition on the "Read me" sheet.</summary>
public sealed record ReadMeEntry(string Term, string Meaning);

/// <summary>Which optional columns an attainment table shows.</summary>
[Flags]
public enum AttainmentColumns
{
    None = 0,
    /// <summary>The first-response target of the row's priority.</summary>
    Target = 1,
    /// <summary>Median and 90th percentile resolution time.</summary>
    Resolution = 2,
}

/// <summary>Attainment per group for the quarter, with the previous quarter beside it.</summary>
/// <param name="KeyHeaders">Headers of the leading label columns, e.g. "Priority", "Window".</param>
/// <param name="Total">The row for the whole quarter (all groups together), when the table shows one.</param>
public sealed record AttainmentTable(
    string Title, IReadOnlyList<string> KeyHeaders, AttainmentColumns Columns, IReadOnlyList<AttainmentRow> Rows, AttainmentRow? Total = null);

/// <summary>One group: its labels, counts and attainment now and in the previous quarter.</summary>
/// <param name="Keys">Labels in the order of <see cref="AttainmentTable.KeyHeaders"/>.</param>
/// <param name="AttainmentPct">100 × met / (met + breached), two decimals; null without a denominator.</param>
/// <param name="ChangePoints">Attainment minus previous attainment, in percentage points; null when either is missing.</param>
public sealed record AttainmentRow(
    IReadOnlyList<string> Keys,
    Duration? Target,
    long Eligible, long Met, long Breached, long Pending,
    decimal? AttainmentPct, decimal? PreviousPct, decimal? ChangePoints,
    Duration? ResolutionMedian = null, Duration? ResolutionP90 = null);

/// <summary>Attainment per quarter for the trailing quarters, one series per priority and per region.</summary>
public sealed record TrendTable(IReadOnlyList<Quarter> Quarters, IReadOnlyList<TrendSeries> ByPriority, IReadOnlyList<TrendSeries> ByRegion);

/// <summary>One line of the trend: a name and the attainment of each quarter (null: no figure that quarter).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<decimal?> AttainmentPct);

/// <summary>The breached cases of the quarter, at most <see cref="Cap"/> of them.</summary>
/// <param name="TotalBreached">How many breached cases the quarter has, shown or not.</param>
/// <param name="CapNote">The visible note when the cap cut the list; null when every breach is listed.</param>
public sealed record BreachList(IReadOnlyList<BreachRow> Rows, long TotalBreached, int Cap, string? CapNote);

/// <summary>One breached case: what was promised, how long it took, who and where.</summary>
/// <param name="CreatedUtc">Creation instant in UTC, as a local date-time for the spreadsheet.</param>
/// <param name="Elapsed">Clock time to first response, or so far when still unanswered.</param>
/// <param name="Answered">False when the case still has no first response at the as-of instant.</param>
public sealed record BreachRow(
    string CaseNumber, LocalDateTime CreatedUtc, string Priority, string Window, string SupportCentre, string Region,
    string AccountId, string AccountName, string Engineer, Duration Elapsed, Duration Target, Duration Over,
    bool Answered, bool AfterHours, string Title);

/// <summary>Excluded cases of the quarter by reason, beside the eligible ones.</summary>
/// <param name="AllCases">Eligible plus excluded cases of the quarter.</param>
public sealed record ExclusionTable(IReadOnlyList<ExclusionRow> Rows, long EligibleCases, long ExcludedCases, long AllCases, decimal? EligibleSharePct);

/// <summary>One exclusion reason: its code, meaning in plain words, case count and share of all cases of the quarter.</summary>
public sealed record ExclusionRow(string Reason, string Meaning, long Cases, decimal? SharePct);
