using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

public class BacktestTests(ITestOutputHelper output)
{
    private static readonly ModelSettings Small = new(Seed: 1, Trees: 60, Leaves: 6);

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
}
