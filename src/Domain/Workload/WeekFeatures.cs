using NodaTime;
using JuniperFts.Domain.Calendars;

namespace JuniperFts.Domain.Workload;

/// <summary>
/// The inputs of the pooled count model for one week of one series: trend, covered units beyond proportional,
/// holidays, the calendar weeks that move support work (quarter end, the turn of the year, the northern summer; by date
/// and by ISO week number; the summer also per region), annual seasonality as Fourier terms (shared, plus a region's own
/// yearly wave), a shrunk week-of-year effect, and the region's and the series' departures from the platform's rate.
/// </summary>
/// <remarks>
/// No feature reads a case count: the label is divided by the series' exposure, its level (<see cref="PooledLevels"/>, from
/// the weeks before the forecast origin only) scaled by the week's covered units (<see cref="UnitsGrowth"/>), so nothing
/// after the origin can leak in. Columns are scaled so that one L2 penalty shrinks each group as intended: the 52
/// week-of-year columns carry <see cref="WeekOfYearScale"/>, so they only capture what the smooth terms, holidays and
/// calendar weeks cannot (a yearly release, say), when the data insist. Named calendar weeks need one weight each where
/// free weekly effects need one per week, each learnt from a few cases; that is most of what they buy.
/// </remarks>
public sealed class WeekFeatures
{
    /// <summary>Weeks in a seasonal cycle (same week last year = 52 weeks before).</summary>
    public const int Season = 52;

    /// <summary>Fourier pairs shared by every series.</summary>
    public const int Harmonics = 4;

    /// <summary>Fourier pairs each region may add: its own yearly wave (a southern-hemisphere year, say).</summary>
    public const int RegionHarmonics = 1;

    /// <summary>Scale of the week-of-year indicator columns; below 1 shrinks them harder than the smooth terms.</summary>
    public const float WeekOfYearScale = 0.15f;

    /// <summary>Scale of the trend columns from two years of history on: below 1 shrinks a trend harder than the seasonal terms.</summary>
    public const float TrendScale = 0.25f;

    /// <summary>Cases in a fit up to which the trend's prior is a fixed number of pseudo-cases (<see cref="TrendScaleFor"/>).</summary>
    public const double TrendPriorCases = 20_000;

    /// <summary>
    /// The trend columns' scale for a fit on <paramref name="cases"/> cases over <paramref name="weeks"/> weeks of history:
    /// 0 with a single year, rising to <see cref="TrendScale"/> at two years; beyond <see cref="TrendPriorCases"/> it falls
    /// as 1/√cases, so the trend's prior grows with the data (a g-prior).
    /// </summary>
    /// <remarks>
    /// A single year cannot tell a trend from a season whose end differs from its start: the same weeks a year apart are
    /// not there yet. A trend learnt from one year is the season's slope extrapolated, so with one year growth comes only
    /// from covered units (the exposure, <see cref="UnitsGrowth"/>); over the second year the trend, and a departure from
    /// cases in proportion to units, are let in. With a fixed prior, a large estate's data overwhelm it and buy a steep
    /// trend out of the season (20 times shape A's cases: a forecast worse than seasonal naive); a prior that keeps pace
    /// with the data leaves that split where a mid-size estate's is.
    /// </remarks>
    public static float TrendScaleFor(double cases, int weeks)
    {
        var years = Math.Clamp((weeks - Season) / (double)Season, 0, 1);
        var scale = cases > TrendPriorCases ? TrendScale * Math.Sqrt(TrendPriorCases / cases) : TrendScale;
        return (float)(scale * years);
    }

    /// <summary>Bound on <see cref="UnitsGrowth"/>: ten times or a tenth of the level's units, so a mis-keyed installed base cannot scale a forecast without limit.</summary>
    public static readonly double MaxUnitsGrowth = Math.Log(10);

    /// <summary>
    /// Log of a week's covered units over their mean in the weeks the level was taken from (0 when either is unknown). The
    /// forecast scales with it (cases in proportion to the units under cover); one weight, shared by every series, learns
    /// how far cases depart from proportional.
    /// </summary>
    public static double UnitsGrowth(double covered, double levelUnits) =>
        covered > 0 && levelUnits > 0 ? Math.Clamp(Math.Log(covered / levelUnits), -MaxUnitsGrowth, MaxUnitsGrowth) : 0;

    /// <summary>The week's Thursday, which decides its ISO year: the day the calendar weeks below are judged by.</summary>
    private static LocalDate Thursday(IsoWeek week) => week.Monday.PlusDays(3);

    /// <summary>
    /// The last two weeks of a calendar quarter: the week's Thursday within its quarter's last 14 days. A quarter ending
    /// on a Monday to Wednesday leaves its last days in a week that counts for the next quarter, as its Thursday does.
    /// </summary>
    public static bool IsQuarterEnd(IsoWeek week)
    {
        var day = Thursday(week);
        var quarterEnd = new LocalDate(day.Year, (day.Month - 1) / 3 * 3 + 1, 1).PlusMonths(3).PlusDays(-1);
        return Period.DaysBetween(day, quarterEnd) < 14;
    }

    /// <summary>The weeks around the turn of the year (Thursday 22 December to 7 January: two or three weeks).</summary>
    public static bool IsYearEnd(IsoWeek week)
    {
        var day = Thursday(week);
        return day is { Month: 12, Day: >= 22 } or { Month: 1, Day: <= 7 };
    }

    /// <summary>The northern summer holidays (Thursday 10 July to 25 August).</summary>
    public static bool IsSummer(IsoWeek week)
    {
        var day = Thursday(week);
        return day is { Month: 7, Day: >= 10 } or { Month: 8, Day: <= 25 };
    }

    // The same calendar weeks by ISO week number, as fiscal calendars of 13-week quarters and holidays published as week
    // numbers (the Dutch school summer, say) count them. Most years the two agree; where a date falls on the other side of
    // a week boundary (2026: week 28 begins the summer by number, not by date) the data choose (PriorGroups).

    /// <summary>
    /// The last two weeks of each 13-week block: weeks 12–13, 25–26, 38–39, 51–52. A 53rd week is not one (a 4-4-5
    /// calendar that gives it to the fourth quarter ends that quarter a week later: the free week-of-year effects carry that).
    /// </summary>
    public static bool IsQuarterEndByWeekNumber(IsoWeek week) => week.Week % 13 is 12 or 0;

    /// <summary>Weeks 52, 53 and 1.</summary>
    public static bool IsYearEndByWeekNumber(IsoWeek week) => week.Week is >= 52 or 1;

    /// <summary>Weeks 28 to 34.</summary>
    public static bool IsSummerByWeekNumber(IsoWeek week) => week.Week is >= 28 and <= 34;

    /// <summary>Weeks over which the installed base's growth is measured to carry it into the forecast weeks.</summary>
    public const int UnitsTrendWeeks = 26;

    /// <summary>
    /// Units covered in week <paramref name="t"/> as known at the end of the history (<paramref name="end"/>, exclusive):
    /// a history week's own; from the end on, the last history week's, growing as they grew over the
    /// <see cref="UnitsTrendWeeks"/> before.
    /// </summary>
    /// <remarks>
    /// Units recorded for later weeks are not read: a back-test would see sales not yet made at its origin, and a live
    /// forecast would lose contracts whose renewal is not yet recorded.
    /// </remarks>
    public static double UnitsKnownAt(IReadOnlyList<WeekDrivers> drivers, int end, int t)
    {
        if (t < end) return drivers[t].CoveredUnits;
        double now = drivers[end - 1].CoveredUnits;
        var before = end - 1 - UnitsTrendWeeks;
        if (before < 0 || now <= 0 || drivers[before].CoveredUnits <= 0) return now;
        return now * Math.Exp(Math.Log(now / drivers[before].CoveredUnits) / UnitsTrendWeeks * (t - end + 1));
    }

    private readonly Dictionary<string, int> _region;
    private readonly int _firstHarmonic, _firstRegion, _firstWeek, _firstSeries, _firstRegionLevel;

    /// <param name="regions">Every region of the history, in a fixed order.</param>
    /// <param name="series">Every series as <c>region/platform</c>, in a fixed order.</param>
    public WeekFeatures(IReadOnlyList<string> regions, IReadOnlyList<string> series)
    {
        _region = regions.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var names = new List<string>
        {
            "trend", "units_beyond_proportional", "holiday_days", "quarter_end", "year_end", "summer",
            "quarter_end_by_week_number", "year_end_by_week_number", "summer_by_week_number",
        };
        _firstHarmonic = names.Count;
        for (var k = 1; k <= Harmonics; k++) names.AddRange([$"sin_{k}", $"cos_{k}"]);
        _firstRegion = names.Count;
        foreach (var r in regions)
        {
            names.AddRange([$"trend:{r}", $"summer:{r}"]);
            for (var k = 1; k <= RegionHarmonics; k++) names.AddRange([$"sin_{k}:{r}", $"cos_{k}:{r}"]);
        }
        _firstWeek = names.Count;
        names.AddRange(Enumerable.Range(1, Season).Select(w => $"week_{w}"));
        _firstSeries = names.Count;
        names.AddRange(series.Select(s => $"series:{s}"));
        _firstRegionLevel = names.Count;
        names.AddRange(regions.Select(r => $"level:{r}"));
        Names = names;
        PriorGroups = names.Select(GroupOf).ToList();
    }

    /// <summary>Feature names in vector order (saved with the model).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Prior group whose columns share a scale learnt from the data (<see cref="PriorScales"/>).</summary>
    public const string WeekOfYearGroup = "week_of_year", WaveGroup = "annual_wave", HarmonicsGroup = "harmonics", RegionHarmonicsGroup = "region_harmonics",
        RegionTrendGroup = "region_trend", RegionSummerGroup = "region_summer", DriftGroup = "drift", HolidaysGroup = "holidays",
        CalendarByDateGroup = "calendar_by_date", CalendarByWeekNumberGroup = "calendar_by_week_number",
        RegionLevelGroup = "region_level", SeriesLevelGroup = "series_level";

    /// <summary>
    /// Per column, the prior group whose scale the data set: every column has one, because how much each part is worth
    /// varies by estate. The two calendars compete (automatic relevance determination): the one the cases follow keeps
    /// its scale, the other shrinks. The region and series levels shrink towards the platform's rate per unit when the
    /// regions' rates agree, so a small series borrows its level from the others (<see cref="PooledLevels"/>), and keep
    /// their own when they differ (a region whose rate stepped).
    /// </summary>
    public IReadOnlyList<string> PriorGroups { get; }

    private static string GroupOf(string name) =>
        name.EndsWith("_by_week_number", StringComparison.Ordinal) ? CalendarByWeekNumberGroup
        : name is "quarter_end" or "year_end" or "summer" ? CalendarByDateGroup
        : name is "trend" or "units_beyond_proportional" ? DriftGroup
        : name is "holiday_days" ? HolidaysGroup
        : name.StartsWith("series:", StringComparison.Ordinal) ? SeriesLevelGroup
        : name.StartsWith("level:", StringComparison.Ordinal) ? RegionLevelGroup
        : name.StartsWith("week_", StringComparison.Ordinal) ? WeekOfYearGroup
        : name.StartsWith("trend:", StringComparison.Ordinal) ? RegionTrendGroup
        : name.StartsWith("summer:", StringComparison.Ordinal) ? RegionSummerGroup
        : !name.StartsWith("sin_", StringComparison.Ordinal) && !name.StartsWith("cos_", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"feature {name} has no prior group")
        : name.Contains(':') ? RegionHarmonicsGroup
        : name is "sin_1" or "cos_1" ? WaveGroup
        : HarmonicsGroup;

    /// <summary>Length of the feature vector.</summary>
    public int Count => Names.Count;

    private const int PerRegion = 2 + 2 * RegionHarmonics;

    /// <summary>The features of one week of series <paramref name="series"/> (index in the constructor's list) of <paramref name="region"/>.</summary>
    /// <param name="years">Years from the middle of the weeks the series' level was taken from (negative in the past).</param>
    /// <param name="unitsGrowth">The week's <see cref="UnitsGrowth"/>: its weight is how far cases depart from proportional to units.</param>
    /// <param name="trendScale">Scale of the trend columns (<see cref="TrendScaleFor"/>); the units column's is this over <see cref="TrendScale"/>.</param>
    public float[] For(int series, string region, WeekDrivers week, double years, double unitsGrowth, float trendScale)
    {
        var f = new float[Count];
        f[0] = (float)years * trendScale;
        // The units column is a drift too (within one year it can buy the season's slope), so it shares the trend's prior.
        f[1] = (float)unitsGrowth * trendScale / TrendScale;
        var summer = IsSummer(week.Week) ? 1 : 0;
        var yearEnd = IsYearEnd(week.Week);
        // The year-end columns carry Christmas and New Year; their holidays counted here as well would split that dip
        // with this column, which then lowers every week with a holiday (a 1 May week by a tenth the cases did not show).
        f[2] = yearEnd ? 0 : week.HolidayDays;
        f[3] = IsQuarterEnd(week.Week) ? 1 : 0;
        f[4] = yearEnd ? 1 : 0;
        f[5] = summer;
        f[6] = IsQuarterEndByWeekNumber(week.Week) ? 1 : 0;
        f[7] = IsYearEndByWeekNumber(week.Week) ? 1 : 0;
        f[8] = IsSummerByWeekNumber(week.Week) ? 1 : 0;
        var angle = 2 * Math.PI * (week.Week.Week - 1) / IsoWeek.WeeksIn(week.Week.Year);
        for (var k = 1; k <= Harmonics; k++)
        {
            f[_firstHarmonic + 2 * k - 2] = (float)Math.Sin(k * angle);
            f[_firstHarmonic + 2 * k - 1] = (float)Math.Cos(k * angle);
        }
        var r = _firstRegion + PerRegion * _region[region];
        f[r] = (float)years * trendScale;
        f[r + 1] = summer;
        for (var k = 1; k <= RegionHarmonics; k++)
        {
            f[r + 2 * k] = (float)Math.Sin(k * angle);
            f[r + 2 * k + 1] = (float)Math.Cos(k * angle);
        }
        f[_firstWeek + Math.Min(week.Week.Week, Season) - 1] = WeekOfYearScale;
        f[_firstSeries + series] = 1;
        f[_firstRegionLevel + _region[region]] = 1;
        return f;
    }

    /// <summary>The series' level before week t: the mean of up to its last 52 weeks (0 with no past).</summary>
    public static double Level(ReadOnlySpan<double> casesBefore) =>
        casesBefore.Length == 0 ? 0 : Mean(casesBefore[^Math.Min(Season, casesBefore.Length)..]);

    /// <summary>
    /// Each series' level for the exposure, from its mean weekly cases and mean covered units over the same weeks (its
    /// last year before the origin): the platform's rate per unit (the sum of those means over the sum of units, over the
    /// series of the platform that have both) times the series' own units, at most <see cref="MaxPooledRatio"/> times
    /// its own level either way. A series without recorded units, or without cases in that year, keeps its own level.
    /// Every level is floored by <see cref="Scale"/>.
    /// </summary>
    /// <remarks>
    /// The region and series columns are the departures from this level, shrunk by a scale the data set: where regions
    /// share a platform's rate (cases follow the installed base), a small series' level comes from the whole platform, not
    /// from its own few cases, which is where most of a small estate's error was.
    /// </remarks>
    public static double[] PooledLevels(IReadOnlyList<(string Platform, double Level, double Units)> series)
    {
        static bool Pooled((string Platform, double Level, double Units) s) => s.Units > 0 && s.Level > 0;
        var rate = series.Where(Pooled).GroupBy(s => s.Platform).ToDictionary(g => g.Key, g => g.Sum(s => s.Level) / g.Sum(s => s.Units));
        return series.Select(s => Scale(Pooled(s) ? Math.Clamp(rate[s.Platform] * s.Units, s.Level / MaxPooledRatio, s.Level * MaxPooledRatio) : s.Level))
            .ToArray();
    }

    /// <summary>Bound on a pooled level over the series' own: a mis-keyed installed base cannot scale a forecast without limit.</summary>
    public const double MaxPooledRatio = 10;

    /// <summary>The divisor of counts and label: the level, floored so quiet series do not divide by zero.</summary>
    public static double Scale(double level) => Math.Max(level, 0.5);

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return values.Length == 0 ? 0 : sum / values.Length;
    }
}
