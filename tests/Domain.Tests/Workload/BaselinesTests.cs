using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

public class BaselinesTests
{
    [Fact]
    public void SeasonalNaive_TwoYears_SameWeekLastYear()
    {
        var history = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();

        var f = Baselines.SeasonalNaive(history, 3);

        // Weeks 60, 61, 62 get weeks 8, 9, 10.
        Assert.Equal([8, 9, 10], f);
    }

    [Fact]
    public void SeasonalNaive_HorizonBeyondAYear_RepeatsItsOwnForecast()
    {
        var history = Enumerable.Range(0, 52).Select(i => (double)i).ToArray();
        var f = Baselines.SeasonalNaive(history, 54);
        Assert.Equal(0, f[52]);
        Assert.Equal(1, f[53]);
    }

    [Fact]
    public void SeasonalNaive_UnderAYear_FallsBackToNaive() =>
        Assert.Equal([7, 7], Baselines.SeasonalNaive([3, 5, 7], 2));

    [Fact]
    public void Naive_History_LastWeekRepeated() =>
        Assert.Equal([5, 5, 5], Baselines.Naive([1, 9, 5], 3));
}
