using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Scheduling;

/// <summary>A job's schedule: its cron string and the period a run covers.</summary>
public sealed record JobPlan(string Job, CronSchedule Cron, PeriodKind Period);

/// <summary>One due time of a job and the period key a run at that time covers.</summary>
public readonly record struct DueRun(string Job, string PeriodKey, Instant DueAt);

/// <summary>
/// Which period is due for a job at a given instant, in the service's time zone. Pure: no clock, no I/O.
/// </summary>
/// <remarks>
/// The scheduler ticks on the cron string; at each tick (and once at start-up) the service asks
/// <see cref="LatestDue"/> which period the latest due time at or before now belongs to, and runs it
/// unless the ledger already holds a success for that period key. A tick and a start-up catch-up of the
/// same period therefore coincide, and a period missed while the service was down runs once.
/// </remarks>
public sealed class JobCalendar(DateTimeZone zone, BusinessCalendar businessDays)
{
    /// <summary>The zone in which cron strings and period keys are read.</summary>
    public DateTimeZone Zone { get; } = zone;

    /// <summary>A business day of the service's calendar (<c>Service:Calendar</c>, by default Monday to Friday less <c>Service:Holidays</c>).</summary>
    public bool IsBusinessDay(LocalDate date) => businessDays.IsBusinessDay(date);

    /// <summary>The latest due time of <paramref name="plan"/> at or before <paramref name="now"/>, or null when there is none in the last 400 days.</summary>
    public DueRun? LatestDue(JobPlan plan, Instant now)
    {
        var local = now.InZone(Zone).LocalDateTime;
        if (plan.Period == PeriodKind.QuarterEnded)
        {
            // The quarter before the current one is due once its first business-day firing has passed; until then, the one before.
            var quarter = Quarter.Of(local.Date).Previous;
            var due = QuarterDueAt(plan, quarter);
            if (due is null || due.Value > now)
            {
                quarter = quarter.Previous;
                due = QuarterDueAt(plan, quarter);
            }
            return due is null || due.Value > now ? null : new DueRun(plan.Job, quarter.ToString(), due.Value);
        }

        var latest = plan.Cron.LatestAtOrBefore(local);
        if (latest is null) return null;
        var at = Zone.AtLeniently(latest.Value).ToInstant();
        // A firing that the zone moves past now (a skipped spring-forward minute) is not due yet.
        if (at > now) return null;
        return new DueRun(plan.Job, PeriodKeys.Of(plan.Period, latest.Value.Date), at);
    }

    /// <summary>When the job of a quarter is due: the first firing of the cron on a business day on or after the quarter's end.</summary>
    public Instant? QuarterDueAt(JobPlan plan, Quarter quarter)
    {
        for (var date = quarter.End; date < quarter.End.PlusDays(31); date = date.PlusDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            if (plan.Cron.FirstOn(date) is { } first) return Zone.AtLeniently(first).ToInstant();
        }
        return null;
    }
}
