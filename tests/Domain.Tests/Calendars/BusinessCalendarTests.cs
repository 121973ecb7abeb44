using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Domain.Tests.Calendars;

/// <summary>Hand-computed business time, due instants and opening, across DST changes, holidays, overrides and breaks.</summary>
public class BusinessCalendarTests
{
    private static Instant I(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    private static BusinessCalendar NineToFive(string zone) => BusinessCalendar.From(CalendarDefinition.WeekdaysNineToFive(zone));

    /// <summary>The calendar of the domain spec's example.</summary>
    private static BusinessCalendar Amsterdam() => BusinessCalendar.From(CalendarJson.Parse("""
        {"time_zone": "Europe/Amsterdam",
         "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"], "wed": ["09:00-17:00"],
                   "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]},
         "holidays": ["2026-12-25"],
         "overrides": {"2026-12-24": ["09:00-13:00"]},
         "breaks": {"2026-06-01": ["12:00-13:00"]}}
        """, "test.json"));

    private static BusinessCalendar Sundays(string zone, string interval) => BusinessCalendar.From(new CalendarDefinition(
        zone, new Dictionary<string, IReadOnlyList<string>> { ["sun"] = [interval] }, [],
        new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>()));

    [Theory]
    // US spring forward (Sunday 8 March 2026): Friday 16:55 PST to Monday 09:10 PDT is 5 + 10 minutes.
    [InlineData("America/Los_Angeles", "2026-03-07T00:55:00Z", "2026-03-09T16:10:00Z")]
    [InlineData("America/New_York", "2026-03-06T21:55:00Z", "2026-03-09T13:10:00Z")]
    // EU spring forward (Sunday 29 March 2026): Friday 16:55 CET to Monday 09:10 CEST.
    [InlineData("Europe/Amsterdam", "2026-03-27T15:55:00Z", "2026-03-30T07:10:00Z")]
    // US fall back (Sunday 1 November 2026): Friday 16:55 PDT to Monday 09:10 PST.
    [InlineData("America/Los_Angeles", "2026-10-30T23:55:00Z", "2026-11-02T17:10:00Z")]
    public void BusinessTime_Friday1655ToMonday0910AcrossDstChange_Is900Seconds(string zone, string friday, string monday)
    {
        var calendar = NineToFive(zone);

        Assert.Equal(Duration.FromSeconds(900), calendar.BusinessTime(I(friday), I(monday)));
        Assert.Equal(I(monday), calendar.Due(I(friday), Duration.FromSeconds(900)));
    }

    [Fact]
    public void BusinessTime_OverHalfDayOverrideAndHoliday_CountsOnlyOpenHours()
    {
        // Thu 24 Dec 12:55 CET (half day to 13:00), Fri 25 Dec holiday, Mon 28 Dec 09:10 CET: 5 + 0 + 10 minutes.
        Assert.Equal(Duration.FromSeconds(900), Amsterdam().BusinessTime(I("2026-12-24T11:55:00Z"), I("2026-12-28T08:10:00Z")));
    }

    [Fact]
    public void BusinessTime_AcrossBreakAndLunchInterval_SkipsTheGap()
    {
        var calendar = Amsterdam();
        // Mon 1 June 11:55 to 13:10 CEST with a 12:00-13:00 break on that date.
        Assert.Equal(Duration.FromSeconds(900), calendar.BusinessTime(I("2026-06-01T09:55:00Z"), I("2026-06-01T11:10:00Z")));
        // Tuesday's hours are 09:00-12:00 and 13:00-17:00.
        Assert.Equal(I("2026-06-02T11:10:00Z"), calendar.Due(I("2026-06-02T09:55:00Z"), Duration.FromSeconds(900)));
        // The break is only on its date: Monday 8 June runs through noon.
        Assert.Equal(Duration.FromMinutes(75), calendar.BusinessTime(I("2026-06-08T09:55:00Z"), I("2026-06-08T11:10:00Z")));
    }

    [Fact]
    public void Due_EndingOnClosingTime_RollsToNextOpening()
    {
        // Mon 2 March 16:45 CET + 15 minutes would be 17:00, a closing time: the due instant is Tuesday 09:00 CET.
        Assert.Equal(I("2026-03-03T08:00:00Z"), Amsterdam().Due(I("2026-03-02T15:45:00Z"), Duration.FromMinutes(15)));
    }

    [Theory]
    [InlineData("2026-03-02T16:00:00Z", "2026-03-03T08:00:00Z")] // closing time: next opening
    [InlineData("2026-03-07T10:00:00Z", "2026-03-09T08:00:00Z")] // Saturday: Monday 09:00 CET
    [InlineData("2026-03-02T10:30:00Z", "2026-03-02T10:30:00Z")] // open: the start itself
    public void Due_ZeroSeconds_FirstOpenInstantAtOrAfterStart(string start, string expected)
    {
        Assert.Equal(I(expected), Amsterdam().Due(I(start), Duration.Zero));
    }

    [Theory]
    [InlineData("2026-03-02T08:00:00Z", true)]  // 09:00 CET: start included
    [InlineData("2026-03-02T15:59:59Z", true)]
    [InlineData("2026-03-02T16:00:00Z", false)] // 17:00 CET: end excluded
    [InlineData("2026-03-03T11:30:00Z", false)] // Tuesday 12:30 CET: lunch
    [InlineData("2026-12-25T10:00:00Z", false)] // holiday
    [InlineData("2026-12-24T12:30:00Z", false)] // 13:30 CET on the half day
    public void IsOpen_Instant_StartIncludedEndExcluded(string at, bool open)
    {
        Assert.Equal(open, Amsterdam().IsOpen(I(at)));
    }

    [Theory]
    [InlineData("2026-10-25", 25 * 3600)] // EU fall back: a 25-hour Sunday
    [InlineData("2026-03-29", 23 * 3600)] // EU spring forward: a 23-hour Sunday
    [InlineData("2026-03-22", 24 * 3600)]
    public void BusinessTime_WholeDayWith2400End_CountsRealHours(string sunday, int seconds)
    {
        var calendar = Sundays("Europe/Amsterdam", "00:00-24:00");
        var date = LocalDatePattern.Iso.Parse(sunday).Value;
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

        var business = calendar.BusinessTime(date.AtStartOfDayInZone(zone).ToInstant(), date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());

        Assert.Equal(Duration.FromSeconds(seconds), business);
    }

    [Theory]
    // 02:30 does not exist on 29 March: leniently 03:30 CEST, so 02:30-04:00 opens half an hour.
    [InlineData("2026-03-29", 1800)]
    // 02:30 happens twice on 25 October: leniently the earlier (CEST), so 02:30 CEST to 04:00 CET is 2.5 hours.
    [InlineData("2026-10-25", 9000)]
    [InlineData("2026-03-22", 5400)]
    public void BusinessTime_IntervalInSkippedOrRepeatedHour_ResolvesLeniently(string sunday, int seconds)
    {
        var calendar = Sundays("Europe/Amsterdam", "02:30-04:00");
        var date = LocalDatePattern.Iso.Parse(sunday).Value;
        var from = Instant.FromUtc(date.Year, date.Month, date.Day, 0, 0).Minus(Duration.FromHours(12));

        Assert.Equal(Duration.FromSeconds(seconds), calendar.BusinessTime(from, from + Duration.FromDays(1)));
    }

    [Fact]
    public void BusinessTime_WithOverlappingPauses_RemovesPausedOpenTimeOnce()
    {
        // Mon 2 March 09:00-12:00 CET is three open hours; pauses 09:30-10:30 and 10:00-11:00 CET remove 1.5 hours.
        Interval[] pauses = [new(I("2026-03-02T08:30:00Z"), I("2026-03-02T09:30:00Z")), new(I("2026-03-02T09:00:00Z"), I("2026-03-02T10:00:00Z"))];

        Assert.Equal(Duration.FromMinutes(90), Amsterdam().BusinessTime(I("2026-03-02T08:00:00Z"), I("2026-03-02T11:00:00Z"), pauses));
    }

    [Fact]
    public void Due_WithPause_SkipsThePausedTime()
    {
        // From Mon 09:00 CET, 30 minutes with 09:10-09:40 paused: 10 minutes, pause, 20 minutes: 10:00 CET.
        Interval[] pauses = [new(I("2026-03-02T08:10:00Z"), I("2026-03-02T08:40:00Z"))];

        Assert.Equal(I("2026-03-02T09:00:00Z"), Amsterdam().Due(I("2026-03-02T08:00:00Z"), Duration.FromMinutes(30), pauses));
    }

    [Fact]
    public void BusinessTime_EndBeforeStart_IsZero()
    {
        Assert.Equal(Duration.Zero, Amsterdam().BusinessTime(I("2026-03-02T12:00:00Z"), I("2026-03-02T09:00:00Z")));
    }

    [Fact]
    public void BusinessTime_YearsApart_CountsEveryYear()
    {
        // 2025 and 2026 in Amsterdam: 261 + 261 weekdays, Tuesdays an hour short, less the 2026 holiday and half day and break.
        var calendar = Amsterdam();
        var from = I("2024-12-31T23:00:00Z");
        var to = I("2026-12-31T23:00:00Z");
        var tuesdays = 52 + 52;
        var expectedHours = (261 + 261) * 8 - tuesdays - 8 /* Fri 25 Dec */ - 4 /* Thu 24 Dec half day */ - 1 /* break */;

        Assert.Equal(Duration.FromHours(expectedHours), calendar.BusinessTime(from, to));
    }

    [Fact]
    public void Due_CalendarWithoutHours_IsNull()
    {
        var closed = BusinessCalendar.From(new CalendarDefinition("UTC", new Dictionary<string, IReadOnlyList<string>>(), [],
            new Dictionary<string, IReadOnlyList<string>> { ["2026-01-05"] = ["09:00-10:00"] }, new Dictionary<string, IReadOnlyList<string>>()));

        Assert.Equal(I("2026-01-05T09:30:00Z"), closed.Due(I("2026-01-01T00:00:00Z"), Duration.FromMinutes(30)));
        Assert.Null(closed.Due(I("2026-01-01T00:00:00Z"), Duration.FromHours(2)));
    }

    [Theory]
    [InlineData("""{"time_zone": "Mars/Olympus", "hours": {}}""", "Mars/Olympus")]
    [InlineData("""{"time_zone": "UTC", "hours": {"monday": ["09:00-17:00"]}}""", "'monday' is not a day")]
    [InlineData("""{"time_zone": "UTC", "hours": {"mon": ["17:00-09:00"]}}""", "hours.mon")]
    [InlineData("""{"time_zone": "UTC", "hours": {"mon": ["24:00-24:00"]}}""", "24:00 only as an end")]
    [InlineData("""{"time_zone": "UTC", "hours": {"mon": ["9-17"]}}""", "not an interval HH:mm-HH:mm")]
    [InlineData("""{"time_zone": "UTC", "holidays": ["25/12/2026"]}""", "not a date yyyy-MM-dd")]
    [InlineData("""{"hours": {}}""", "time_zone")]
    [InlineData("""{"time_zone": "UTC", "hours": {"mon": "09:00-17:00"}}""", "hours.mon")]
    public void From_MalformedDefinition_ThrowsUserErrorSayingWhere(string json, string fragment)
    {
        var e = Assert.Throws<UserError>(() => BusinessCalendar.From(CalendarJson.Parse(json, "cal.json")));
        Assert.Contains(fragment, e.Message);
    }

    [Theory]
    [InlineData("2026-12-21", true)]   // Monday
    [InlineData("2026-12-19", false)]  // Saturday
    [InlineData("2026-12-25", false)]  // holiday (Friday)
    [InlineData("2026-12-24", true)]   // override: a short day is still a business day
    [InlineData("2026-06-01", true)]   // a break leaves the rest of the day open
    public void IsBusinessDay_OpenAtSomeTimeOfTheDate(string date, bool expected) =>
        Assert.Equal(expected, Amsterdam().IsBusinessDay(LocalDatePattern.Iso.Parse(date).Value));

    [Fact]
    public void IsBusinessDay_ExtraHolidayClosesTheDay()
    {
        var calendar = BusinessCalendar.From(CalendarDefinition.WeekdaysNineToFive("Europe/Amsterdam"), [new LocalDate(2027, 1, 1)]);
        Assert.False(calendar.IsBusinessDay(new LocalDate(2027, 1, 1)));
        Assert.True(calendar.IsBusinessDay(new LocalDate(2027, 1, 4)));
    }
}
