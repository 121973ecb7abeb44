using JuniperFts.Domain.Calendars;
using NodaTime;

namespace JuniperFts.Scheduling;

/// <summary>The <c>Service</c> configuration section, read and checked once at start-up (the host binds it).</summary>
/// <param name="DropFolder">Full path of the folder whose sub-folders are file sets to ingest.</param>
/// <param name="OutFolder">Full path under which jobs write their files.</param>
/// <param name="BusinessDays">The calendar that says which days are business days (when the review packs are due).</param>
/// <param name="Retries">How many times a failed run is tried again before it shows as failed.</param>
public sealed record ServiceSettings(
    string DropFolder, string OutFolder, DateTimeZone Zone, TimeZoneInfo ZoneInfo,
    IReadOnlyList<JobPlan> Plans, int Retries, Duration RetryDelay, BusinessCalendar BusinessDays)
{
    /// <summary>Default cron strings and periods of web.md's job table.</summary>
    public static IReadOnlyList<(string Job, string Cron, PeriodKind Period)> Defaults { get; } =
    [
        (JobNames.Ingest, "0 1 * * *", PeriodKind.Day),
        (JobNames.SlaRefresh, "0 2 * * *", PeriodKind.Day),
        (JobNames.TrueUp, "0 3 * * *", PeriodKind.Day),
        (JobNames.Forecast, "0 4 * * 1", PeriodKind.IsoWeek),
        // Fires on weekdays at 06:00; the calendar makes only the first business day after a quarter's end due.
        (JobNames.ReviewPacks, "0 6 * * 1-5", PeriodKind.QuarterEnded),
    ];

    /// <summary>Total tries of one period key: the first plus <see cref="Retries"/>.</summary>
    public int MaxAttempts => Retries + 1;

    /// <summary>The pure due-time logic in the configured zone and holidays.</summary>
    public JobCalendar Calendar => new(Zone, BusinessDays);

    /// <summary>The plan of job <paramref name="job"/>.</summary>
    public JobPlan Plan(string job) => Plans.Single(p => p.Job == job);
}
