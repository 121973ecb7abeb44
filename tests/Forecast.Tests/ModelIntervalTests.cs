using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

/// <summary>
/// The interval stated after about a year of history, when no back-test can measure the model's error: Poisson noise plus
/// the uncertainty of the model's weights (<see cref="CaseModel.MeanVariance"/>).
/// </summary>
public sealed class ModelIntervalTests(ITestOutputHelper output)
{
    private static readonly ModelSettings Settings = new(Seed: 1);

    private static readonly (string, string, double)[] OneRegion = [("AMERICAS", "Routing", 1.0), ("AMERICAS", "Security", 0.6)];

    private const int Year = 56;

    [Fact]
    public void MeanVariance_RefitsOnFreshYears_MatchesTheirSquaredErrorAroundTheTrueMean()
    {
        // Forty one-year histories drawn from the same rate: the stated variance of the region's forecast mean should be
        // about the squared error those forecasts really make around the true mean (a Laplace approximation, so not exact).
        const int draws = 40, step = 4;
        double stated = 0, squared = 0;
        for (var seed = 1; seed <= draws; seed++)
        {
            var history = SyntheticHistory.Build(weeks: Year, seed: seed, series: OneRegion);
            var model = CaseModel.Train(history, Year, Settings)!;
            var forecast = model.Forecast(0, step)[^1] + model.Forecast(1, step)[^1];
            var week = history.Horizon[step - 1];
            var truth = OneRegion.Sum(s => SyntheticHistory.Expected(week, Year + step - 1, 30 * s.Item3, 0.004, 0.35));
            stated += model.MeanVariance([0, 1], step);
            squared += (forecast - truth) * (forecast - truth);
        }
        var ratio = squared / stated;
        output.WriteLine($"mean stated variance {stated / draws:0.00}, mean squared error {squared / draws:0.00}, ratio {ratio:0.00}");
        Assert.InRange(ratio, 0.4, 2.5);
    }

    [Fact]
    public void MeanVariance_MoreHistory_Narrower()
    {
        double Relative(int weeks)
        {
            var history = SyntheticHistory.Build(weeks: weeks, series: OneRegion);
            var model = CaseModel.Train(history, weeks, Settings)!;
            var mean = model.Forecast(0, 1)[0] + model.Forecast(1, 1)[0];
            return model.MeanVariance([0, 1], 1) / (mean * mean);
        }

        var (oneYear, threeYears) = (Relative(Year), Relative(156));

        Assert.True(threeYears < oneYear * 0.8, $"relative variance after one year {oneYear:0.00000}, after three {threeYears:0.00000}");
    }

    [Fact]
    public void MeanVariance_StrongerPenalty_Narrower()
    {
        var history = SyntheticHistory.Build(weeks: Year, series: OneRegion);
        double Variance(double penalty) => CaseModel.Train(history, Year, Settings with { Regularization = penalty })!.MeanVariance([0, 1], 6);

        var (light, heavy) = (Variance(8), Variance(2000));

        Assert.True(heavy < light, $"penalty 8: {light:0.00}; penalty 2000: {heavy:0.00}");
    }

    [Fact]
    public void MeanVariance_RegionTotal_CountsThatItsSeriesShareWeights()
    {
        // The series of one region share the season and trend weights, so their errors add up rather than cancel:
        // the variance of the total is more than the sum of the parts' variances.
        var history = SyntheticHistory.Build(weeks: Year, series: OneRegion);
        var model = CaseModel.Train(history, Year, Settings)!;

        var (total, parts) = (model.MeanVariance([0, 1], 8), model.MeanVariance([0], 8) + model.MeanVariance([1], 8));

        Assert.True(total > parts, $"total {total:0.00}, parts {parts:0.00}");
    }

    [Fact]
    public void Run_OneYearOfHistory_RegionIntervalWiderThanCountNoiseAlone()
    {
        var history = SyntheticHistory.Build(weeks: Year, series: OneRegion);
        var folder = Directory.CreateTempSubdirectory("fts-interval-");
        try
        {
            var options = new ForecastOptions { Horizon = 13, Model = Settings, Training = ModelTraining.Always };
            var result = WorkloadForecaster.Run(history, options, new ModelStore(folder.FullName));

            Assert.Equal(ForecastMethod.Model, result.Method);
            Assert.Null(result.Backtest.RegionIntervals);
            var poissonZ = 1.2816;
            Assert.All(result.Regions, r =>
            {
                Assert.True(r.Low <= r.Cases && r.Cases <= r.High, $"{r}");
                Assert.True(r.High - r.Cases > poissonZ * Math.Sqrt(r.Cases) * 1.01, $"{r}: no wider than Poisson");
            });
            // Later weeks are further from what the model saw: the interval does not narrow relative to the mean.
            var (first, last) = (result.Regions[0], result.Regions[^1]);
            Assert.True((last.High - last.Low) / last.Cases >= (first.High - first.Low) / first.Cases * 0.9, $"{first} .. {last}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>The trend's prior keeps pace with the data (<see cref="Domain.Forecast.WeekFeatures.TrendScaleFor"/>).</summary>
public sealed class TrendPriorTests
{
    private const int Year = 56;

    [Fact]
    public void Train_LargerEstate_TrendScaleFallsWithItsCases()
    {
        var small = CaseModel.Train(SyntheticHistory.Build(weeks: Year, level: 30), Year, new ModelSettings())!;
        var large = SyntheticHistory.Build(weeks: Year, level: 300);
        var model = CaseModel.Train(large, Year, new ModelSettings())!;

        Assert.Equal(Domain.Forecast.WeekFeatures.TrendScale, small.TrendScale);
        var cases = large.Series.Sum(s => Math.Max(0.5, s.Cases.TakeLast(52).Average()) * Year);
        Assert.Equal(Domain.Forecast.WeekFeatures.TrendScaleFor(cases), model.TrendScale, 4);
        Assert.True(model.TrendScale < small.TrendScale);
    }

    [Fact]
    public void Load_OnALongerHistory_KeepsTheTrendScaleTheModelWasTrainedWith()
    {
        // The weights only mean something at the scale they were fitted at; a read on newer data must not re-derive it.
        var trained = SyntheticHistory.Build(weeks: Year, level: 300);
        var later = SyntheticHistory.Build(weeks: Year + 26, level: 300);
        var folder = Directory.CreateTempSubdirectory("fts-trend-");
        try
        {
            var store = new ModelStore(folder.FullName);
            var options = new ForecastOptions { Horizon = 13, Model = new ModelSettings(), Training = ModelTraining.Always };
            WorkloadForecaster.Run(trained, options, store);
            var saved = CaseModel.Train(trained, Year, new ModelSettings())!.TrendScale;

            Assert.True(store.TryLoad(_ => true, later, out var metadata, out var loaded));

            Assert.Equal(saved, metadata.TrendScale);
            Assert.Equal(saved, loaded!.TrendScale);
            Assert.NotEqual(CaseModel.Train(later, later.Weeks.Count, new ModelSettings())!.TrendScale, loaded.TrendScale);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
