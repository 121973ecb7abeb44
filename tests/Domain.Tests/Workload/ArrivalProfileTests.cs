using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Tests.Workload;

public class ArrivalProfileTests
{
    private static readonly ReferenceData Reference = ReferenceData.BuiltIn;
    private static readonly IsoWeek W10 = new(2026, 10); // Monday 2 March – Sunday 8 March 2026

    private static Dictionary<string, BusinessCalendar> Calendars(params (string Centre, string Date)[] holidays) =>
        Reference.Centres.Values.ToDictionary(c => c.Code,
            c => BusinessCalendar.From(c.Calendar, holidays.Where(h => h.Centre == c.Code).Select(h => LocalDate.FromDateTime(DateTime.Parse(h.Date)))));

    /// <summary>Cases created at a local wall-clock time of the centre.</summary>
    private static ArrivalCount At(string centre, string local, long cases = 1, Priority priority = Priority.P2,
        ServiceWindow window = ServiceWindow.BusinessHours)
    {
        var zone = DateTimeZoneProviders.Tzdb[Reference.Centres[centre].TimeZone];
        var instant = zone.AtStrictly(LocalDateTime.FromDateTime(DateTime.Parse(local))).ToInstant();
        return new ArrivalCount(centre, priority, window, instant, cases);
    }

    private static Dictionary<string, decimal> ByHour(IEnumerable<HourlyArrivals> arrivals) =>
        arrivals.GroupBy(a => $"{a.Centre} {a.Priority.Code()} {a.Hour}").ToDictionary(g => g.Key, g => g.Sum(a => a.Cases));

    [Fact]
    public void Spread_EightByFiveWorkWhileClosed_CountsAtTheNextOpeningInsideTheWeek()
    {
        // Schiphol, 8x5: three cases on a Monday at 10:xx, one on a Saturday, one on a Friday evening (local time).
        var profile = ArrivalProfile.FromHistory(
        [
            At("SCHIPHOL_RIJK", "2026-02-23 10:15", 3), At("SCHIPHOL_RIJK", "2026-02-21 12:00"), At("SCHIPHOL_RIJK", "2026-02-20 18:30"),
        ], Reference);

        var arrivals = profile.Spread(W10, "EMEA", 10.00m, Calendars());

        // Monday 10:00 keeps 3/5 of 10; Saturday's and Friday evening's wait past the week's last opening, so they
        // count at its first: Monday 09:00.
        Assert.Equal(new Dictionary<string, decimal> { ["SCHIPHOL_RIJK P2 Mon 09:00"] = 4m, ["SCHIPHOL_RIJK P2 Mon 10:00"] = 6m }, ByHour(arrivals));
    }

    [Fact]
    public void OpenHours_EightByFiveQueueServedInTheCalendarsHours_TwentyFourSevenAroundTheClock()
    {
        var profile = ArrivalProfile.FromHistory(
        [
            At("SCHIPHOL_RIJK", "2026-02-23 10:15"), At("SCHIPHOL_RIJK", "2026-02-16 10:45", priority: Priority.P1, window: ServiceWindow.AroundTheClock),
        ], Reference);

        var open = ArrivalProfile.OpenHours(W10, Calendars(("SCHIPHOL_RIJK", "2026-03-03"))["SCHIPHOL_RIJK"]);

        // 09:00–17:00 local on weekdays, the Tuesday holiday closed.
        Assert.Equal(Enumerable.Range(0, HourOfWeek.Count).Where(h => h / 24 is 0 or 2 or 3 or 4 && h % 24 is >= 9 and < 17),
            Enumerable.Range(0, HourOfWeek.Count).Where(h => open[h]));
        Assert.True(profile.ServesAroundTheClock("SCHIPHOL_RIJK", Priority.P1));
        Assert.False(profile.ServesAroundTheClock("SCHIPHOL_RIJK", Priority.P2));
    }

    [Fact]
    public void Spread_HolidayMonday_EightByFiveWaitsForTuesdayWhileTwentyFourSevenDoesNot()
    {
        var profile = ArrivalProfile.FromHistory(
        [
            At("SCHIPHOL_RIJK", "2026-02-23 10:15"), At("SCHIPHOL_RIJK", "2026-02-16 10:45", window: ServiceWindow.AroundTheClock),
        ], Reference);

        var arrivals = profile.Spread(W10, "EMEA", 2.00m, Calendars(("SCHIPHOL_RIJK", "2026-03-02")));

        // The profile is the centre's (both cases at Monday 10:00); each window takes half the week's cases.
        Assert.Equal(new Dictionary<string, decimal> { ["SCHIPHOL_RIJK P2 Mon 10:00"] = 1m, ["SCHIPHOL_RIJK P2 Tue 09:00"] = 1m }, ByHour(arrivals));
    }

    [Fact]
    public void Spread_SpringForwardSunday_SkippedHourHandsItsCasesToTheNext()
    {
        // Sunnyvale, 24x7: history on Sundays at 02:30 and Mondays at 12:00 (Pacific), before the change.
        var profile = ArrivalProfile.FromHistory(
        [
            At("SUNNYVALE", "2026-02-22 02:30", window: ServiceWindow.AroundTheClock),
            At("SUNNYVALE", "2026-02-23 12:00", window: ServiceWindow.AroundTheClock),
        ], Reference);

        // Sunday 8 March 2026 (W10) has no 02:00–03:00 in Los Angeles; Sunday 15 March (W11) does.
        var w10 = ByHour(profile.Spread(W10, "AMERICAS", 4.00m, Calendars()));
        var w11 = ByHour(profile.Spread(W10.Plus(1), "AMERICAS", 4.00m, Calendars()));

        Assert.Equal(new Dictionary<string, decimal> { ["SUNNYVALE P2 Mon 12:00"] = 2m, ["SUNNYVALE P2 Sun 03:00"] = 2m }, w10);
        Assert.Equal(new Dictionary<string, decimal> { ["SUNNYVALE P2 Mon 12:00"] = 2m, ["SUNNYVALE P2 Sun 02:00"] = 2m }, w11);
    }

    [Fact]
    public void FromHistory_SummerAndWinterCases_SameLocalHour()
    {
        // 09:30 local in winter (UTC+1) and in summer (UTC+2) are different UTC hours but one local hour.
        var profile = ArrivalProfile.FromHistory(
            [At("SCHIPHOL_RIJK", "2026-01-12 09:30"), At("SCHIPHOL_RIJK", "2026-07-13 09:30")], Reference);

        var shares = profile.HourShares("SCHIPHOL_RIJK")!;
        Assert.Equal(1.0, shares[new HourOfWeek(IsoDayOfWeek.Monday, 9).Index]);
    }

    [Fact]
    public void Spread_CentresAndPriorities_ShareByHistoryAndAddUpExactly()
    {
        // APAC: Tokyo took 2 P1 and 1 P3, Singapore 1 P1 and Sydney 3 P4 (in two hours), all 24x7.
        var profile = ArrivalProfile.FromHistory(
        [
            At("TOKYO", "2026-02-23 10:00", 2, Priority.P1, ServiceWindow.AroundTheClock),
            At("TOKYO", "2026-02-24 03:00", 1, Priority.P3, ServiceWindow.AroundTheClock),
            At("SINGAPORE", "2026-02-25 14:10", 1, Priority.P1, ServiceWindow.AroundTheClock),
            At("SYDNEY", "2026-02-26 23:59", 2, Priority.P4, ServiceWindow.AroundTheClock),
            At("SYDNEY", "2026-02-27 08:00", 1, Priority.P4, ServiceWindow.AroundTheClock),
        ], Reference);

        var arrivals = profile.Spread(W10, "APAC", 7.01m, Calendars());

        Assert.Equal(7.01m, arrivals.Sum(a => a.Cases));
        Assert.All(arrivals, a => Assert.Equal(ArrivalProfile.Decimals, a.Cases.Scale));
        var byCentre = arrivals.GroupBy(a => (a.Centre, a.Priority)).ToDictionary(g => g.Key, g => g.Sum(a => a.Cases));
        // Of 7 history cases: Tokyo P1 2/7 × 7.01 = 2.002857, P3 and Singapore 1/7 = 1.001429, Sydney P4 2/7 and 1/7 in two
        // hours. Floors to four decimals leave 2 units over; the two largest remainders (.57, Tokyo P1 and Sydney's 2/7 hour) get them.
        Assert.Equal(2.0029m, byCentre[("TOKYO", Priority.P1)]);
        Assert.Equal(1.0014m, byCentre[("TOKYO", Priority.P3)]);
        Assert.Equal(1.0014m, byCentre[("SINGAPORE", Priority.P1)]);
        Assert.Equal(3.0043m, byCentre[("SYDNEY", Priority.P4)]);
        Assert.Empty(profile.Spread(W10, "EMEA", 3m, Calendars()));
    }

    [Fact]
    public void For_PyworkforceReferenceHour_FourteenRawTwentyScheduled()
    {
        // 200 P1 cases in an hour, 3 minutes each, answered within 20 seconds for 80 %: 14 on shift, 20 on the roster.
        var assumptions = new StaffingAssumptions(Priorities.All.ToDictionary(p => p, _ => 0.05), 40, 0.30, 0.85, serviceLevelGoal: 0.8);
        var reference = Reference with { TargetSeconds = Priorities.All.ToDictionary(p => p, _ => 20) };
        // In steady state the offered load is arrivals × handling: 200 × 3 ÷ 60 = 10 Erlangs.
        var staffing = ShiftStaffing.For("TOKYO", Priority.P1, W10, new HourOfWeek(IsoDayOfWeek.Monday, 10), 200m, 10m, assumptions, reference);

        Assert.Equal((3.0, 20 / 60.0, 0.8), (staffing.HandlingMinutes, staffing.TargetMinutes, staffing.ServiceLevelGoal));
        Assert.Equal((14, 20), (staffing.EngineersRaw, staffing.EngineersScheduled));
        Assert.Equal(10 / 14.0, staffing.Occupancy, 12);
        Assert.InRange(staffing.ServiceLevel, 0.8883, 0.8884);
    }
}
