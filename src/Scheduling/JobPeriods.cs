using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Scheduling;

/// <summary>The names of the scheduled jobs, as they appear in configuration, the ledger and <c>/api/jobs</c>.</summary>
public static class JobNames
{
    public const string Ingest = "ingest";
    public const string SlaRefresh = "sla-refresh";
    public const string TrueUp = "true-up";
    public const string Forecast = "forecast";
    public const string ReviewPacks = "review-packs";

    /// <summary>Every job, in the order a start-up catch-up runs them (ingest first so later jobs see the new data).</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, SlaRefresh, TrueUp, Forecast, ReviewPacks];
}

/// <summary>How a job names the period one successful run covers.</summary>
public enum PeriodKind
{
    /// <summary>The local date of the due time: "2026-11-25".</summary>
    Day,
    /// <summary>The ISO week of the due time: "2026-W48".</summary>
    IsoWeek,
    /// <summary>The quarter that ended before the due time: "2026Q3"; due on the first business day after it.</summary>
    QuarterEnded,
}

/// <summary>
/// The period keys of the jobs' runs, as the run ledger, <c>/api/jobs</c> and the delivery ledger hold them: one
/// place that writes them (the calendar) and reads them back (the true-up job, delivery).
/// </summary>
public static class PeriodKeys
{
    /// <summary>The period key of a period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static string Of(PeriodKind kind, LocalDate date) => kind switch
    {
        PeriodKind.Day => LocalDatePattern.Iso.Format(date),
        PeriodKind.IsoWeek => IsoWeek.Containing(date).ToString(),
        PeriodKind.QuarterEnded => Quarter.Of(date).Previous.ToString(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The last day of the contract years a true-up run of day <paramref name="periodKey"/> issues: the day before it.</summary>
    /// <remarks>A contract year whose last day is today is not over when the job runs at 03:00.</remarks>
    public static LocalDate TrueUpDueDate(string periodKey) => LocalDatePattern.Iso.Parse(periodKey).GetValueOrThrow().PlusDays(-1);

    /// <summary>The period key of the true-up run whose due date is <paramref name="due"/>: the day after it (the inverse of <see cref="TrueUpDueDate"/>).</summary>
    public static string TrueUpRunOf(LocalDate due) => LocalDatePattern.Iso.Format(due.PlusDays(1));
}
