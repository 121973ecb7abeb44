using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

public class PriorScalesTests
{
    private const double Penalty = 8;

    // Columns 0-2 in group "a", 3-4 in "b", 5 in no group.
    private static readonly string?[] Groups = ["a", "a", "a", "b", "b", null];

    // Well determined: the posterior variance is a hundredth of the prior's (1/λ).
    private static readonly double[] Determined = Enumerable.Repeat(0.01 / Penalty, Groups.Length).ToArray();

    private static readonly Dictionary<string, float> Start = new();

    [Fact]
    public void Update_WeightsTheDataLeaveAtZero_GroupShrunkToTheFloor()
    {
        var next = PriorScales.Update([0.001, -0.001, 0.0005, 0.4, -0.3, 0], Determined, Groups, Penalty, Start);

        Assert.Equal(PriorScales.Min, next["a"]);
        // b: √(λ·Σw² / γ) = √(8 · 0.25 / 1.98) ≈ 1.005.
        Assert.Equal(Math.Sqrt(Penalty * 0.25 / 1.98), next["b"], 3);
    }

    [Fact]
    public void Update_LargeWeights_LoosenedUpToTheCap()
    {
        var next = PriorScales.Update([3, -3, 3, 0, 0, 0], Determined, Groups, Penalty, Start);

        Assert.Equal(PriorScales.Max, next["a"]);
    }

    [Fact]
    public void Update_AtTheFixedPoint_Unchanged()
    {
        // λ·Σw² = γ: the prior already has the variance the weights show.
        var w = Math.Sqrt(0.99 / Penalty);
        var current = new Dictionary<string, float> { ["a"] = 0.3f, ["b"] = 0.3f };

        var next = PriorScales.Update([w, -w, w, w, w, 5], Determined, Groups, Penalty, current);

        Assert.Equal(0.3f, next["a"], 4);
        Assert.Equal(0.3f, next["b"], 4);
    }

    [Fact]
    public void Update_ColumnsNoDataTouched_KeepTheirFactor()
    {
        // Posterior variance = prior variance (an all-zero column, e.g. a region trend with one year): γ = 0, nothing learnt.
        var untouched = Enumerable.Repeat(1 / Penalty, Groups.Length).ToArray();
        var current = new Dictionary<string, float> { ["a"] = 0.5f };

        var next = PriorScales.Update([0, 0, 0, 0, 0, 0], untouched, Groups, Penalty, current);

        Assert.Equal(0.5f, next["a"]);
        Assert.False(next.ContainsKey("b"));
        Assert.Equal(1f, PriorScales.FactorOf(next, "b"));
        Assert.Equal(1f, PriorScales.FactorOf(next, null));
    }

    [Fact]
    public void Update_WeightsNotFinite_KeepTheirFactor()
    {
        var current = new Dictionary<string, float> { ["a"] = 0.5f };

        var next = PriorScales.Update([double.NaN, 0.1, 0.1, double.PositiveInfinity, 0, 0], Determined, Groups, Penalty, current);

        Assert.Equal(0.5f, next["a"]);
        Assert.False(next.ContainsKey("b"));
    }

    [Fact]
    public void PriorGroups_EveryColumnHasOne_TheTwoCalendarsApart()
    {
        var layout = new WeekFeatures(["AMERICAS"], ["AMERICAS/Routing"]);
        string? GroupOf(string name) => layout.PriorGroups[layout.Names.ToList().IndexOf(name)];

        Assert.Equal(WeekFeatures.WeekOfYearGroup, GroupOf("week_20"));
        Assert.Equal(WeekFeatures.WaveGroup, GroupOf("sin_1"));
        Assert.Equal(WeekFeatures.HarmonicsGroup, GroupOf("cos_2"));
        Assert.Equal(WeekFeatures.RegionHarmonicsGroup, GroupOf("sin_1:AMERICAS"));
        Assert.Equal(WeekFeatures.RegionTrendGroup, GroupOf("trend:AMERICAS"));
        Assert.Equal(WeekFeatures.RegionSummerGroup, GroupOf("summer:AMERICAS"));
        Assert.Equal(WeekFeatures.DriftGroup, GroupOf("trend"));
        Assert.Equal(WeekFeatures.DriftGroup, GroupOf("units_beyond_proportional"));
        Assert.Equal(WeekFeatures.HolidaysGroup, GroupOf("holiday_days"));
        Assert.Equal(WeekFeatures.SeriesLevelGroup, GroupOf("series:AMERICAS/Routing"));
        Assert.Equal(WeekFeatures.RegionLevelGroup, GroupOf("level:AMERICAS"));
        foreach (var name in new[] { "quarter_end", "year_end", "summer" })
        {
            Assert.Equal(WeekFeatures.CalendarByDateGroup, GroupOf(name));
            Assert.Equal(WeekFeatures.CalendarByWeekNumberGroup, GroupOf(name + "_by_week_number"));
        }
        // Every column in one of the twelve groups.
        Assert.Equal(12, layout.PriorGroups.Distinct().Count());
    }
}
