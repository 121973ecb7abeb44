using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

public class WeekFeaturesTests
{
    private static readonly WeekFeatures Layout = new(["AMERICAS", "EMEA"], ["AMERICAS/Routing", "EMEA/Routing", "EMEA/Security"]);

    private static float F(float[] features, string name) => features[Layout.Names.ToList().IndexOf(name)];

    [Fact]
    public void For_OneWeek_TrendUnitsHolidaysFourierWeekAndSeries()
    {
        // 2026-W14 of 53 weeks: angle 2π·13/53.
        var f = Layout.For(2, "EMEA", new WeekDrivers(new IsoWeek(2026, 14), 1, 100), years: 0.5, unitsGrowth: 0.1, trendScale: WeekFeatures.TrendScale);
        var angle = 2 * Math.PI * 13 / 53;

        Assert.Equal(Layout.Count, f.Length);
        Assert.Equal(0.5f * WeekFeatures.TrendScale, F(f, "trend"), 6);
        Assert.Equal(0.5f * WeekFeatures.TrendScale, F(f, "trend:EMEA"), 6);
        Assert.Equal(0, F(f, "trend:AMERICAS"));
        Assert.Equal(0.1f, F(f, "units_beyond_proportional"), 6);
        Assert.Equal(1, F(f, "holiday_days"));
        // 2026-W14's Thursday is 2 April: no calendar week.
        Assert.Equal(0, F(f, "quarter_end") + F(f, "year_end") + F(f, "summer") + F(f, "summer:EMEA"));
        Assert.Equal((float)Math.Sin(2 * angle), F(f, "sin_2"), 6);
        Assert.Equal((float)Math.Cos(angle), F(f, "cos_1:EMEA"), 6);
        Assert.Equal(0, F(f, "cos_1:AMERICAS"));
        Assert.Equal(WeekFeatures.WeekOfYearScale, F(f, "week_14"));
        Assert.Equal(1, F(f, "series:EMEA/Security"));
        Assert.Equal(0, F(f, "series:EMEA/Routing"));
        Assert.Equal(1, F(f, "level:EMEA"));
        Assert.Equal(0, F(f, "level:AMERICAS"));
    }

    [Fact]
    public void For_YearEndWeek_ItsHolidaysLeftToTheYearEndColumns()
    {
        // 2026-W52 (Christmas) with three holidays: the year end carries them; 2026-W18 (1 May) counts its one.
        var christmas = Layout.For(0, "AMERICAS", new WeekDrivers(new IsoWeek(2026, 52), 3, 10), 0, 0, WeekFeatures.TrendScale);
        var mayDay = Layout.For(0, "AMERICAS", new WeekDrivers(new IsoWeek(2026, 18), 1, 10), 0, 0, WeekFeatures.TrendScale);

        Assert.Equal(0, F(christmas, "holiday_days"));
        Assert.Equal(1, F(christmas, "year_end"));
        Assert.Equal(1, F(christmas, "year_end_by_week_number"));
        Assert.Equal(1, F(mayDay, "holiday_days"));
    }

    [Theory]
    [InlineData(2026, 13, 1, 0, 0)]
    [InlineData(2026, 30, 0, 0, 1)]
    [InlineData(2027, 1, 0, 1, 0)]
    public void For_WeekNumberColumns_EachItsOwnRule(int year, int week, float quarterEnd, float yearEnd, float summer)
    {
        var f = Layout.For(0, "AMERICAS", new WeekDrivers(new IsoWeek(year, week), 0, 10), 0, 0, WeekFeatures.TrendScale);

        Assert.Equal([quarterEnd, yearEnd, summer], new[] { F(f, "quarter_end_by_week_number"), F(f, "year_end_by_week_number"), F(f, "summer_by_week_number") });
    }

    [Fact]
    public void For_WeekTheCalendarsDisagreeOn_EachColumnByItsOwnRule()
    {
        // 2026-W28 (Thursday 9 July): summer by number, not yet by date.
        var f = Layout.For(1, "EMEA", new WeekDrivers(new IsoWeek(2026, 28), 0, 10), 0, 0, WeekFeatures.TrendScale);

        Assert.Equal(0, F(f, "summer"));
        Assert.Equal(1, F(f, "summer_by_week_number"));
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0.125f, 0.05f)]
    [InlineData(WeekFeatures.TrendScale, 0.1f)]
    public void For_UnitsColumn_SharesTheTrendsScale(float trendScale, float expected)
    {
        // With a single year the trend scale is 0, and the departure from proportional to units is off with it.
        var f = Layout.For(0, "AMERICAS", new WeekDrivers(new IsoWeek(2026, 20), 0, 10), 0, unitsGrowth: 0.1, trendScale);
        Assert.Equal(expected, F(f, "units_beyond_proportional"), 6);
    }

    [Theory]
    [InlineData(2026, 12, true)] // Thursday 19 March
    [InlineData(2026, 13, true)] // 26 March
    [InlineData(2026, 11, false)] // 12 March
    [InlineData(2026, 14, false)] // 2 April, a new quarter
    [InlineData(2026, 52, true)] // 24 December
    [InlineData(2026, 26, true)] // 25 June
    [InlineData(2026, 27, false)] // 2 July: holds 29 and 30 June, but weeks are judged by their Thursday
    [InlineData(2026, 53, true)] // 31 December
    [InlineData(2027, 1, false)] // 7 January
    public void IsQuarterEnd_TheQuartersLastTwoWeeks(int year, int week, bool expected) =>
        Assert.Equal(expected, WeekFeatures.IsQuarterEnd(new IsoWeek(year, week)));

    [Theory]
    [InlineData(2026, 52, true)] // Thursday 24 December
    [InlineData(2026, 53, true)] // 31 December
    [InlineData(2027, 1, true)] // 7 January
    [InlineData(2027, 2, false)] // 14 January
    [InlineData(2026, 51, false)] // 17 December
    public void IsYearEnd_TheTwoWeeksAroundTheTurnOfTheYear(int year, int week, bool expected) =>
        Assert.Equal(expected, WeekFeatures.IsYearEnd(new IsoWeek(year, week)));

    [Theory]
    [InlineData(2026, 12, true)]
    [InlineData(2026, 13, true)]
    [InlineData(2026, 51, true)] // Thursday 17 December: not yet by date
    [InlineData(2026, 53, false)] // 31 December: a quarter end by date
    [InlineData(2027, 24, false)] // 17 June: a quarter end by date
    [InlineData(2027, 26, true)] // 1 July: not by date
    public void IsQuarterEndByWeekNumber_WeeksTwelveAndThirteenOfEachQuarter(int year, int week, bool expected) =>
        Assert.Equal(expected, WeekFeatures.IsQuarterEndByWeekNumber(new IsoWeek(year, week)));

    [Theory]
    [InlineData(2026, 51, false, false)]
    [InlineData(2026, 52, true, false)]
    [InlineData(2026, 53, true, false)]
    [InlineData(2027, 1, true, false)]
    [InlineData(2027, 2, false, false)]
    [InlineData(2026, 27, false, false)]
    [InlineData(2026, 28, false, true)]
    [InlineData(2026, 34, false, true)]
    [InlineData(2026, 35, false, false)]
    public void YearEndAndSummerByWeekNumber(int year, int week, bool yearEnd, bool summer)
    {
        Assert.Equal(yearEnd, WeekFeatures.IsYearEndByWeekNumber(new IsoWeek(year, week)));
        Assert.Equal(summer, WeekFeatures.IsSummerByWeekNumber(new IsoWeek(year, week)));
    }

    [Theory]
    [InlineData(2026, 28, false)] // Thursday 9 July
    [InlineData(2026, 29, true)] // 16 July
    [InlineData(2026, 35, false)] // 27 August
    [InlineData(2026, 34, true)] // 20 August
    [InlineData(2026, 27, false)] // 2 July
    public void IsSummer_NorthernSummerHolidays(int year, int week, bool expected) =>
        Assert.Equal(expected, WeekFeatures.IsSummer(new IsoWeek(year, week)));

    [Fact]
    public void For_SummerWeek_SharedAndTheRegionsOwnColumn()
    {
        var f = Layout.For(1, "EMEA", new WeekDrivers(new IsoWeek(2026, 31), 0, 10), 0, 0, WeekFeatures.TrendScale);
        Assert.Equal(1, F(f, "summer"));
        Assert.Equal(1, F(f, "summer:EMEA"));
        Assert.Equal(0, F(f, "summer:AMERICAS"));
    }

    [Fact]
    public void For_Week53_SharesWeek52sColumn()
    {
        var f = Layout.For(0, "AMERICAS", new WeekDrivers(new IsoWeek(2026, 53), 0, 0), 0, 0, WeekFeatures.TrendScale);
        Assert.Equal(WeekFeatures.WeekOfYearScale, F(f, "week_52"));
        Assert.All(f, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void TrendScaleFor_UpToThePriorCases_TheFixedScale_ThenFallingAsOneOverTheRootOfTheCases()
    {
        const int twoYears = 2 * WeekFeatures.Season;
        Assert.Equal(WeekFeatures.TrendScale, WeekFeatures.TrendScaleFor(0, twoYears));
        Assert.Equal(WeekFeatures.TrendScale, WeekFeatures.TrendScaleFor(WeekFeatures.TrendPriorCases, 3 * twoYears));
        // Four times the cases: half the scale, so the penalty per unit of trend (∝ 1/scale²) grows four times, as the data do.
        Assert.Equal(WeekFeatures.TrendScale / 2, WeekFeatures.TrendScaleFor(4 * WeekFeatures.TrendPriorCases, twoYears), 6);
        Assert.True(WeekFeatures.TrendScaleFor(1e9, twoYears) > 0);
    }

    [Theory]
    [InlineData(30, 0)]
    [InlineData(52, 0)]
    [InlineData(78, 0.5)]
    [InlineData(104, 1)]
    [InlineData(300, 1)]
    public void TrendScaleFor_NoTrendWithASingleYear_LetInOverTheSecond(int weeks, double share) =>
        Assert.Equal(WeekFeatures.TrendScale * share, WeekFeatures.TrendScaleFor(1_000, weeks), 6);

    [Fact]
    public void UnitsGrowth_LogOfTheUnitsOverTheLevelsUnits_ZeroWhenUnknown_Bounded()
    {
        Assert.Equal(Math.Log(1.2), WeekFeatures.UnitsGrowth(120, 100), 9);
        Assert.Equal(0, WeekFeatures.UnitsGrowth(0, 100));
        Assert.Equal(0, WeekFeatures.UnitsGrowth(120, 0));
        // A mis-keyed installed base (a thousand times the units) scales a forecast ten times at most.
        Assert.Equal(WeekFeatures.MaxUnitsGrowth, WeekFeatures.UnitsGrowth(100_000, 100), 9);
        Assert.Equal(-WeekFeatures.MaxUnitsGrowth, WeekFeatures.UnitsGrowth(1, 1_000), 9);
    }

    [Fact]
    public void UnitsKnownAt_HistoryWeeksTheirOwn_LaterWeeksCarriedOnAtTheLastHalfYearsGrowth()
    {
        // 100 units until week 73, then +1 % a week; units recorded for the forecast weeks (from 100 on) are ignored.
        var drivers = Enumerable.Range(0, 113).Select(t => new WeekDrivers(new IsoWeek(2024, 1).Plus(t), 0,
            t >= 100 ? 999 : (int)Math.Round(100 * Math.Pow(1.01, Math.Max(0, t - 73))))).ToList();

        Assert.Equal(drivers[50].CoveredUnits, WeekFeatures.UnitsKnownAt(drivers, 100, 50));
        var last = drivers[99].CoveredUnits;
        var perWeek = Math.Log(last / (double)drivers[73].CoveredUnits) / WeekFeatures.UnitsTrendWeeks;
        Assert.Equal(last * Math.Exp(perWeek * 13), WeekFeatures.UnitsKnownAt(drivers, 100, 112), 6);
        // Too short a history to measure growth, or no units half a year before: held at the last week's.
        Assert.Equal(drivers[19].CoveredUnits, WeekFeatures.UnitsKnownAt(drivers, 20, 30));
        var none = drivers.Select((d, t) => t == 73 ? d with { CoveredUnits = 0 } : d).ToList();
        Assert.Equal(last, WeekFeatures.UnitsKnownAt(none, 100, 105));
    }

    [Fact]
    public void PooledLevels_PlatformsRatePerUnitTimesTheSeriesUnits()
    {
        // Routing: 12 + 18 = 30 cases a week on 100 + 200 units, 0.1 a unit, so 10 and 20 whatever each had itself.
        var levels = WeekFeatures.PooledLevels([("Routing", 12, 100), ("Routing", 18, 200), ("Security", 4, 20)]);

        Assert.Equal(10, levels[0], 9);
        Assert.Equal(20, levels[1], 9);
        Assert.Equal(4, levels[2], 9);
    }

    [Fact]
    public void PooledLevels_NoUnitsOrNoCases_OwnLevelFloored()
    {
        // A series without units keeps its level and stays out of its platform's rate; one without recent cases gets the
        // floor, not the rate; a platform where no series has units keeps every level.
        var levels = WeekFeatures.PooledLevels([("Routing", 10, 100), ("Routing", 40, 0), ("Routing", 0, 50), ("Wireless", 3, 0), ("Wireless", 0.2, 0)]);

        Assert.Equal([10, 40, WeekFeatures.Scale(0), 3, WeekFeatures.Scale(0.2)], levels);
    }

    [Fact]
    public void PooledLevels_RegionsRatesDiffer_EachSeriesGetsThePlatformsRate()
    {
        var levels = WeekFeatures.PooledLevels([("Routing", 10, 100), ("Routing", 40, 100)]);

        // 0.25 a unit: the model's region and series columns carry the departures the data support.
        Assert.Equal([25.0, 25.0], levels);
    }

    [Fact]
    public void PooledLevels_UnitsFarOutOfProportion_BoundedAtTenTimesTheOwnLevel()
    {
        // A series keyed with a thousand times its units would take most of the platform's cases (31 a week on 100,300
        // units: 31 to it, 0.03 to each other), and every other series would fall to almost nothing.
        var levels = WeekFeatures.PooledLevels([("Routing", 10, 100), ("Routing", 10, 100), ("Routing", 10, 100), ("Routing", 1, 100_000)]);

        Assert.Equal(1 * WeekFeatures.MaxPooledRatio, levels[3], 9);
        Assert.Equal(10 / WeekFeatures.MaxPooledRatio, levels[0], 9);
    }

    [Fact]
    public void PooledLevels_QuietSeries_PooledBeforeTheFloor()
    {
        // Ten series of 0.2 cases a week on 10 units each, one of 4 on 200: 6 cases on 300 units, 0.02 a unit. Flooring
        // each level first would count the quiet ones at 0.5 and raise the rate to 0.03.
        var quiet = Enumerable.Repeat(("Routing", 0.2, 10.0), 10);
        var levels = WeekFeatures.PooledLevels([.. quiet, ("Routing", 4, 200)]);

        Assert.Equal(4, levels[^1], 9);
        Assert.Equal(WeekFeatures.Scale(0.2), levels[0]);
    }

    [Fact]
    public void Level_MeanOfTheLastYear()
    {
        var past = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        Assert.Equal(past[^52..].Average(), WeekFeatures.Level(past), 9);
        Assert.Equal(0, WeekFeatures.Level([]));
        Assert.Equal(0.5, WeekFeatures.Scale(0));
    }
}
