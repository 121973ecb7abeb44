using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

/// <summary>
/// The interval stated after about a year of history, when no back-test can measure the model's error: Poisson noise plus
/// the uncertainty of the model's weights (<see cref="CaseModel.MeanVariance(IReadOnlyCollection{int}, int)"/>).
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
        // It leans wide here: the groups the data shrink (this season is one sine wave) keep their starting prior's
        // variance, and the truth is as simple as that shrinkage bets (0.31 of it; 0.55 at the shrunk prior).
        const int draws = 40, step = 4;
        double stated = 0, learnt = 0, squared = 0;
        for (var seed = 1; seed <= draws; seed++)
        {
            var history = SyntheticHistory.Build(weeks: Year, seed: seed, series: OneRegion);
            var model = CaseModel.Train(history, Year, Settings)!;
            var forecast = model.Forecast(0, step)[^1] + model.Forecast(1, step)[^1];
            var week = history.Horizon[step - 1];
            var truth = OneRegion.Sum(s => SyntheticHistory.Expected(week, Year + step - 1, 30 * s.Item3, 0.004, 0.35));
            stated += model.MeanVariance([0, 1], step);
            learnt += model.MeanVariance([0, 1], step, startingPrior: false);
            squared += (forecast - truth) * (forecast - truth);
        }
        var ratio = squared / stated;
        output.WriteLine($"mean stated variance {stated / draws:0.00} (at the learnt prior {learnt / draws:0.00}), mean squared error {squared / draws:0.00}, ratio {ratio:0.00}");
        Assert.InRange(ratio, 0.25, 2.5);
    }

    [Fact]
    public void MeanVariance_MoreHistory_Narrower()
    {
        double Relative(int weeks)
        {
            var history = SyntheticHistory.Build(weeks: weeks, series: OneRegion);
            var model = CaseModel.Train(history, weeks, Settings)!;
            // Over a quarter's steps: one week's figure depends on how well its own week of the year is known.
            var means = model.Forecast(0, 13).Zip(model.Forecast(1, 13), (a, b) => a + b).ToArray();
            return Enumerable.Range(1, 13).Average(step => model.MeanVariance([0, 1], step) / (means[step - 1] * means[step - 1]));
        }

        // Two years against four: both have the trend (a single year has none, so fewer weights to be unsure of).
        var (twoYears, fourYears) = (Relative(104), Relative(208));

        Assert.True(fourYears < twoYears * 0.8, $"relative variance after two years {twoYears:0.00000}, after four {fourYears:0.00000}");
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

/// <summary>The trend's prior keeps pace with the data (<see cref="Domain.Workload.WeekFeatures.TrendScaleFor"/>).</summary>
public sealed class TrendPriorTests
{
    // Over two years, so the trend is in the model (a single year has none).
    private const int Year = 110;

    [Fact]
    public void Train_LargerEstate_TrendScaleFallsWithItsCases()
    {
        var small = CaseModel.Train(SyntheticHistory.Build(weeks: Year, level: 30), Year, new ModelSettings())!;
        var large = SyntheticHistory.Build(weeks: Year, level: 300);
        var model = CaseModel.Train(large, Year, new ModelSettings())!;

        Assert.Equal(Domain.Workload.WeekFeatures.TrendScale, small.TrendScale);
        var cases = large.Series.Sum(s => Math.Max(0.5, s.Cases.TakeLast(52).Average()) * Year);
        Assert.Equal(Domain.Workload.WeekFeatures.TrendScaleFor(cases, Year), model.TrendScale, 4);
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

/// <summary>Cases scale with the units under cover, which are known ahead (the model's exposure).</summary>
public sealed class UnitsExposureTests
{
    [Fact]
    public void Forecast_UnitsRecordedForTheForecastWeeks_NotUsed()
    {
        // Units recorded ahead are sales a back-test's origin had not seen, or contracts whose renewal is not yet in:
        // the forecast carries the installed base forward from the history alone.
        var history = SyntheticHistory.Build(weeks: 120, trend: 0.002);
        var doubled = history with
        {
            Series = history.Series.Select(s => s with
            {
                Drivers = s.Drivers.Select((d, t) => t < history.Weeks.Count ? d : d with { CoveredUnits = 2 * d.CoveredUnits }).ToList(),
            }).ToList(),
        };

        var (model, same) = (CaseModel.Train(doubled, doubled.Weeks.Count, new ModelSettings())!, CaseModel.Train(history, history.Weeks.Count, new ModelSettings())!);

        for (var i = 0; i < history.Series.Count; i++)
            Assert.Equal(same.Forecast(i, 13), model.Forecast(i, 13));
    }

    [Fact]
    public void Forecast_UnitsGrewLastHalfYear_TheGrowthCarriesOn()
    {
        // Units flat for two years, then 40 % more over the last 26 weeks, and cases with them. The forecast weeks go on
        // growing at that pace (from the history's own units), so they end above the first forecast week.
        const int weeks = 130;
        var history = SyntheticHistory.Build(weeks: weeks, trend: 0, amplitude: 0);
        double Growth(int t) => Math.Pow(1.4, Math.Clamp(t - (weeks - 27), 0, 26) / 26.0);
        var grown = history with
        {
            Series = history.Series.Select(s => s with
            {
                Cases = s.Cases.Select((c, t) => Math.Round(c * Growth(t))).ToList(),
                Drivers = s.Drivers.Select((d, t) => d with { CoveredUnits = (int)(d.CoveredUnits * Growth(t)) }).ToList(),
            }).ToList(),
        };
        var flat = CaseModel.Train(history, weeks, new ModelSettings())!;
        var growing = CaseModel.Train(grown, weeks, new ModelSettings())!;

        for (var i = 0; i < history.Series.Count; i++)
        {
            var (f, g) = (flat.Forecast(i, 13), growing.Forecast(i, 13));
            // Week 13 against week 1: 12 more weeks at 1.4^(1/26) a week is +17 %; the flat units give the same both weeks.
            Assert.InRange(g[12] / g[0] / (f[12] / f[0]), 1.12, 1.22);
        }
    }

    [Fact]
    public void Forecast_OneYearOfGrowingUnits_FollowsTheUnitsNotLastYear()
    {
        // Units and cases grow 30 % a year; with a single year of history the growth must come from the units.
        const int year = 52;
        var history = SyntheticHistory.Build(weeks: year, trend: 0.3 / 52, amplitude: 0.2);
        var model = CaseModel.Train(history, year, new ModelSettings())!;

        for (var i = 0; i < history.Series.Count; i++)
        {
            var scale = new[] { 1.0, 0.5, 0.8, 0.4 }[i] * 30;
            var expected = Enumerable.Range(year, 13).Sum(t => SyntheticHistory.Expected(history.Horizon[t - year], t, scale, 0.3 / 52, 0.2));
            var lastYear = Enumerable.Range(0, 13).Sum(t => SyntheticHistory.Expected(history.Weeks[t], t, scale, 0.3 / 52, 0.2));
            var forecast = model.Forecast(i, 13).Sum();
            // Without the units the forecast stays near last year's (-8 % to +5 % here); the expected growth is +29 %.
            Assert.True(Math.Abs(forecast / expected - 1) < 0.15, $"series {i}: forecast {forecast:0} expected {expected:0} (last year {lastYear:0})");
        }
    }
}
