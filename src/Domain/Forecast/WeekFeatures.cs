namespace JuniperFts.Domain.Forecast;

/// <summary>
/// The model's inputs for one week of one series: calendar and Fourier terms, holidays, lags and rolling
/// means of the cases of earlier weeks, and the installed base under cover.
/// </summary>
/// <remarks>
/// Count features are divided by the series' level (mean of up to the last 52 weeks), and so is the
/// label, so one model serves large and small series and follows a trend in the level.
/// </remarks>
public static class WeekFeatures
{
    /// <summary>Feature names in vector order (saved with the model).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "week_of_year", "sin_1", "cos_1", "sin_2", "cos_2", "holiday_days",
        "lag_1", "lag_2", "mean_4", "mean_13", "lag_52", "last_year_mean_3", "has_last_year",
        "year_over_year", "units_growth", "log_level",
    ];

    /// <summary>Length of the feature vector.</summary>
    public const int Count = 16;

    /// <summary>Weeks of past a week needs before it is used to train.</summary>
    public const int MinimumPast = 13;

    /// <summary>Weeks in a seasonal cycle (same week last year = 52 weeks before).</summary>
    public const int Season = 52;

    /// <summary>
    /// The features of week t from the cases of the weeks before it only: <paramref name="casesBefore"/>
    /// holds weeks 0..t-1 and nothing after, so a feature cannot see week t or later.
    /// </summary>
    /// <param name="week">The drivers of week t (known in advance).</param>
    /// <param name="unitsYearBefore">Units covered 52 weeks before t, or null when that is before the data.</param>
    public static float[] For(ReadOnlySpan<double> casesBefore, WeekDrivers week, int? unitsYearBefore)
    {
        var n = casesBefore.Length;
        var level = Level(casesBefore);
        var scale = Scale(level);
        var weeksInYear = IsoWeek.WeeksIn(week.Week.Year);
        var angle = 2 * Math.PI * (week.Week.Week - 1) / weeksInYear;

        var f = new float[Count];
        f[0] = week.Week.Week;
        f[1] = (float)Math.Sin(angle);
        f[2] = (float)Math.Cos(angle);
        f[3] = (float)Math.Sin(2 * angle);
        f[4] = (float)Math.Cos(2 * angle);
        f[5] = week.HolidayDays;
        f[6] = (float)(Back(casesBefore, 1, level) / scale);
        f[7] = (float)(Back(casesBefore, 2, level) / scale);
        f[8] = (float)(MeanOfLast(casesBefore, 4, level) / scale);
        f[9] = (float)(MeanOfLast(casesBefore, 13, level) / scale);

        // Last year's same week (and its neighbours, which damp the noise of one week).
        var hasLastYear = n >= Season + 1;
        f[10] = (float)((n >= Season ? casesBefore[n - Season] : level) / scale);
        f[11] = (float)((hasLastYear ? Mean(casesBefore.Slice(n - Season - 1, 3)) : level) / scale);
        f[12] = hasLastYear ? 1 : 0;

        // Growth over a year: the last quarter against the same quarter a year earlier.
        f[13] = n >= Season + 13
            ? (float)(Scale(Mean(casesBefore[^13..])) / Scale(Mean(casesBefore.Slice(n - Season - 13, 13))))
            : 1f;
        f[14] = unitsYearBefore is > 0 ? (float)week.CoveredUnits / unitsYearBefore.Value : 1f;
        f[15] = (float)Math.Log(1 + level);
        return f;
    }

    /// <summary>The series' level before week t: the mean of up to its last 52 weeks (0 with no past).</summary>
    public static double Level(ReadOnlySpan<double> casesBefore) =>
        casesBefore.Length == 0 ? 0 : Mean(casesBefore[^Math.Min(Season, casesBefore.Length)..]);

    /// <summary>The divisor of counts and label: the level, floored so quiet series do not divide by zero.</summary>
    public static double Scale(double level) => Math.Max(level, 0.5);

    private static double Back(ReadOnlySpan<double> past, int k, double fallback) =>
        past.Length >= k ? past[^k] : fallback;

    private static double MeanOfLast(ReadOnlySpan<double> past, int k, double fallback) =>
        past.Length == 0 ? fallback : Mean(past[^Math.Min(k, past.Length)..]);

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return values.Length == 0 ? 0 : sum / values.Length;
    }
}
