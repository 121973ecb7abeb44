using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

public class BacktestTests(ITestOutputHelper output)
{
    private static readonly ModelSettings Small = new(Seed: 1);

    [Fact]
    public void Run_SeasonalSeriesWithTrend_ModelBeatsSeasonalNaive()
    {
        var history = SyntheticHistory.Build();

        var result = Backtest.Run(history, Small, 0.8);
        output.WriteLine(result.Statement);

        Assert.Equal(4, result.Origins.Count);
        Assert.NotNull(result.Overall!.Model);
        Assert.True(result.Overall.Model!.Mase < result.Overall.SeasonalNaive.Mase,
            $"model {result.Overall.Model.Mase:0.000} vs seasonal naive {result.Overall.SeasonalNaive.Mase:0.000}: {result.Statement}");
        Assert.Equal(ForecastMethod.Model, result.Chosen);
    }

    [Fact]
    public void Run_SameSeed_SameScores()
    {
        var history = SyntheticHistory.Build(weeks: 130);
        Assert.Equal(Backtest.Run(history, Small, 0.8), Backtest.Run(history, Small, 0.8), new SummaryComparer());
    }

    [Fact]
    public void Run_Intervals_OneDispersionPerStepAndAPositiveMultiple()
    {
        var result = Backtest.Run(SyntheticHistory.Build(weeks: 130), Small, 0.8);

        Assert.Equal(Backtest.Steps, result.Intervals!.Dispersion.Count);
        Assert.All(result.Intervals.Dispersion, d => Assert.True(d >= 0));
        Assert.True(result.Intervals.Z > 0);
        Assert.Equal(Backtest.Steps, result.RegionIntervals!.Dispersion.Count);
        var (low, high) = result.Intervals.Around(20, 1);
        Assert.True(low < 20 && 20 < high);
    }

    [Fact]
    public void Run_OneYearOfHistory_UsesTheModelAndSaysTheBacktestCouldNotTestTheYearlyPattern()
    {
        var result = Backtest.Run(SyntheticHistory.Build(weeks: 56), Small, 0.8);

        Assert.Equal(2, result.Origins.Count);
        Assert.Equal(ForecastMethod.Model, result.Chosen);
        Assert.Contains("under a year before it", result.Statement);
    }

    [Fact]
    public void Choose_ModelWorseThanSeasonalNaive_SaysSoAndUsesSeasonalNaive()
    {
        var scores = new MethodScores(new MethodScore(1.10, 20), new MethodScore(0.90, 15), new MethodScore(1.40, 25));

        var (method, statement) = Backtest.Choose(scores, 4);

        Assert.Equal(ForecastMethod.SeasonalNaive, method);
        Assert.Contains("did NOT beat seasonal naive", statement);
        Assert.Contains("MASE 1.10 vs seasonal naive 0.90", statement);
        Assert.Contains("forecasting with seasonal naive", statement);
    }

    [Fact]
    public void Choose_NaiveBestOfAll_UsesNaive()
    {
        var scores = new MethodScores(new MethodScore(0.95, 20), new MethodScore(1.20, 15), new MethodScore(0.80, 12));

        var (method, statement) = Backtest.Choose(scores, 4);

        Assert.Equal(ForecastMethod.Naive, method);
        Assert.Contains("did NOT beat naive", statement);
    }

    [Fact]
    public void Choose_ModelBest_UsesModel() =>
        Assert.Equal(ForecastMethod.Model,
            Backtest.Choose(new MethodScores(new MethodScore(0.7, 10), new MethodScore(0.9, 15), new MethodScore(1.2, 20)), 4).Item1);

    private sealed class SummaryComparer : IEqualityComparer<BacktestSummary>
    {
        public bool Equals(BacktestSummary? a, BacktestSummary? b) =>
            a is not null && b is not null && a.Statement == b.Statement && a.Overall == b.Overall
            && a.Regions.SequenceEqual(b.Regions) && a.Intervals!.Dispersion.SequenceEqual(b.Intervals!.Dispersion) && a.Intervals.Z == b.Intervals.Z
            && a.Origins.SequenceEqual(b.Origins);

        public int GetHashCode(BacktestSummary s) => s.Statement.GetHashCode();
    }
}
