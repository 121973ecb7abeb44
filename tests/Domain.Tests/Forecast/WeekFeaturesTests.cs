using CsCheck;
using JuniperFts.Domain.Forecast;

namespace JuniperFts.Domain.Tests.Forecast;

public class WeekFeaturesTests
{
    private static WeekDrivers Drivers(int holidays = 0, int units = 100) => new(new IsoWeek(2026, 14), holidays, units);

    private static float F(float[] features, string name) => features[WeekFeatures.Names.ToList().IndexOf(name)];

    [Fact]
    public void For_FourWeeksOfPast_LagsAndMeansOverTheLevel()
    {
        // Level = mean(2, 4, 6, 8) = 5.
        var f = WeekFeatures.For([2, 4, 6, 8], Drivers(holidays: 1), unitsYearBefore: null);

        Assert.Equal(14, F(f, "week_of_year"));
        Assert.Equal(1, F(f, "holiday_days"));
        Assert.Equal(8 / 5f, F(f, "lag_1"), 5);
        Assert.Equal(6 / 5f, F(f, "lag_2"), 5);
        Assert.Equal(1f, F(f, "mean_4"), 5);
        Assert.Equal(0, F(f, "has_last_year"));
        Assert.Equal((float)Math.Log(6), F(f, "log_level"), 5);
    }

    [Fact]
    public void For_MoreThanAYearOfPast_LastYearsWeekAndGrowth()
    {
        // 66 weeks: 0..65; t = 66, so lag 52 is week 14 (value 14), last year's 3-week mean is weeks 13..15.
        var past = Enumerable.Range(0, 66).Select(i => (double)i).ToArray();
        var level = past[^52..].Average();

        var f = WeekFeatures.For(past, Drivers(units: 120), unitsYearBefore: 100);

        Assert.Equal((float)(14 / level), F(f, "lag_52"), 5);
        Assert.Equal((float)(14 / level), F(f, "last_year_mean_3"), 5);
        Assert.Equal(1, F(f, "has_last_year"));
        Assert.Equal((float)(past[^13..].Average() / past[1..14].Average()), F(f, "year_over_year"), 5);
        Assert.Equal(1.2f, F(f, "units_growth"), 5);
    }

    [Fact]
    public void For_NoPast_FiniteFeatures()
    {
        var f = WeekFeatures.For([], Drivers(), null);
        Assert.All(f, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(WeekFeatures.Count, WeekFeatures.Names.Count);
    }

    [Fact]
    public void For_PerturbingWeekTAndLater_FeaturesOfWeekTUnchanged()
    {
        // The leakage proof: whatever happens at or after week t, the features of week t stay the same.
        Gen.Select(Gen.Double[0, 50].Array[60, 120], Gen.Int[0, 1000], Gen.Double[0, 500].Array[60, 60])
            .Sample((series, seed, noise) =>
            {
                var t = WeekFeatures.MinimumPast + seed % (series.Length - WeekFeatures.MinimumPast);
                var perturbed = (double[])series.Clone();
                for (var i = t; i < perturbed.Length; i++) perturbed[i] = noise[i % noise.Length];

                var before = WeekFeatures.For(series.AsSpan(0, t), Drivers(), 90);
                var after = WeekFeatures.For(perturbed.AsSpan(0, t), Drivers(), 90);
                return before.SequenceEqual(after);
            });
    }
}
