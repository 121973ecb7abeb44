using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class JobCalendarTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
    private static readonly JobPlan ReviewPacks = new("review-packs", CronSchedule.Parse("0 6 * * 1-5"), PeriodKind.QuarterEnded);
    private static readonly JobPlan Ingest = new("ingest", CronSchedule.Parse("0 1 * * *"), PeriodKind.Day);
    private static readonly JobPlan Forecast = new("forecast", CronSchedule.Parse("0 4 * * 1"), PeriodKind.IsoWeek);

    // The service's default calendar: every weekday in its zone, less the configured holidays.
    private static JobCalendar Calendar(params LocalDate[] holidays) =>
        new(Amsterdam, BusinessCalendar.From(CalendarDefinition.Weekdays(Amsterdam.Id, "00:00-24:00"), holidays));

    private static Instant At(int y, int mo, int d, int h, int mi) => new LocalDateTime(y, mo, d, h, mi).InZoneStrictly(Amsterdam).ToInstant();

    [Fact]
    public void LatestDue_ReviewPacksOnThursdayAfterQ3_Q3DueAtSix()
    {
        // 2026Q3 ends on Wednesday 30 September; Thursday 1 October is the first business day after it.
        var due = Calendar().LatestDue(ReviewPacks, At(2026, 10, 1, 6, 0));
        Assert.Equal(new DueRun("review-packs", "2026Q3", At(2026, 10, 1, 6, 0)), due);
    }

    [Fact]
    public void LatestDue_ReviewPacksJustBeforeSix_StillPreviousQuarter()
    {
        // Q2 was due on Wednesday 1 July 2026 at 06:00.
        var due = Calendar().LatestDue(ReviewPacks, At(2026, 10, 1, 5, 59));
        Assert.Equal(new DueRun("review-packs", "2026Q2", At(2026, 7, 1, 6, 0)), due);
    }

    [Fact]
    public void LatestDue_QuarterEndsBeforeWeekendAndHoliday_FirstBusinessDayAfter()
    {
        // 2026Q4 ends on Thursday 31 December; Friday 1 January 2027 is a holiday, then a weekend.
        var calendar = Calendar(new LocalDate(2027, 1, 1));
        Assert.Equal(At(2027, 1, 4, 6, 0), calendar.QuarterDueAt(ReviewPacks, new Domain.Reference.Quarter(2026, 4)));
        Assert.Equal("2026Q3", calendar.LatestDue(ReviewPacks, At(2027, 1, 2, 12, 0))!.Value.PeriodKey);
        Assert.Equal("2026Q4", calendar.LatestDue(ReviewPacks, At(2027, 1, 4, 6, 0))!.Value.PeriodKey);
    }

    [Fact]
    public void LatestDue_NoHolidaysConfigured_NewYearsDayIsABusinessDay()
    {
        Assert.Equal(At(2027, 1, 1, 6, 0), Calendar().QuarterDueAt(ReviewPacks, new Domain.Reference.Quarter(2026, 4)));
    }

    [Fact]
    public void LatestDue_DailyBeforeAndAtOne_YesterdayThenToday()
    {
        Assert.Equal(new DueRun("ingest", "2026-11-24", At(2026, 11, 24, 1, 0)), Calendar().LatestDue(Ingest, At(2026, 11, 25, 0, 59)));
        Assert.Equal(new DueRun("ingest", "2026-11-25", At(2026, 11, 25, 1, 0)), Calendar().LatestDue(Ingest, At(2026, 11, 25, 1, 0)));
    }

    [Fact]
    public void LatestDue_DailyInZone_KeyIsTheLocalDate()
    {
        // 00:30 UTC on 25 November is 01:30 in Amsterdam: the 01:00 run of the 25th is due.
        var due = Calendar().LatestDue(Ingest, Instant.FromUtc(2026, 11, 25, 0, 30));
        Assert.Equal("2026-11-25", due!.Value.PeriodKey);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 0, 0), due.Value.DueAt);
    }

    [Fact]
    public void LatestDue_WeeklyForecast_IsoWeekOfTheMonday()
    {
        // Monday 23 November 2026 is in ISO week 48; the Sunday before still belongs to week 47's run.
        Assert.Equal("2026-W48", Calendar().LatestDue(Forecast, At(2026, 11, 25, 12, 0))!.Value.PeriodKey);
        Assert.Equal("2026-W47", Calendar().LatestDue(Forecast, At(2026, 11, 22, 23, 0))!.Value.PeriodKey);
        // Monday 28 December 2026 is in ISO week 53 of 2026.
        Assert.Equal("2026-W53", Calendar().LatestDue(Forecast, At(2027, 1, 1, 12, 0))!.Value.PeriodKey);
    }
}
