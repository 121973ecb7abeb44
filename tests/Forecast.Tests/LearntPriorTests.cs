using JuniperFts.Domain.Workload;
using JuniperFts.Forecast.Tests.Support;
using Xunit.Abstractions;

namespace JuniperFts.Forecast.Tests;

/// <summary>The prior groups' scales are learnt from the data (<see cref="CaseModel.PriorScales"/>).</summary>
public sealed class LearntPriorTests(ITestOutputHelper output)
{
    // History to 2024-W36; the forecast's 13 weeks hold ISO week 44.
    private const int Weeks = 140, EventWeek = 44;

    [Fact]
    public void Train_SeasonIsOneSineWave_FreeWeeklyEffectsAndHigherHarmonicsShrunk()
    {
        // The synthetic season is one sine wave and a holiday dip: the first harmonic and the holiday days explain it, so
        // the 52 free weekly effects and the harmonics beyond the first only add noise.
        var model = CaseModel.Train(SyntheticHistory.Build(weeks: Weeks), Weeks, new ModelSettings())!;
        output.WriteLine(string.Join(", ", model.PriorScales.Select(kv => $"{kv.Key} {kv.Value:0.000}")));

        Assert.True(model.PriorScales[WeekFeatures.WeekOfYearGroup] < 0.5f);
        Assert.True(model.PriorScales[WeekFeatures.HarmonicsGroup] < 0.5f);
    }

    [Fact]
    public void MeanVariance_ShrunkGroups_CountAtTheirStartingPrior()
    {
        // The shrinkage was itself estimated from these data: the interval keeps the wider starting prior's uncertainty
        // for the groups it shrank, so it states more than the plug-in posterior would.
        var model = CaseModel.Train(SyntheticHistory.Build(weeks: Weeks), Weeks, new ModelSettings())!;
        Assert.Contains(model.PriorScales.Values, f => f < 0.5f);

        var (starting, learnt) = (model.MeanVariance([0, 1], 6), model.MeanVariance([0, 1], 6, startingPrior: false));

        Assert.True(starting > learnt * 1.05, $"starting prior {starting:0.000}, learnt {learnt:0.000}");
    }

    [Fact]
    public void Train_NoPenalty_NothingLearnt()
    {
        var model = CaseModel.Train(SyntheticHistory.Build(weeks: Weeks), Weeks, new ModelSettings(Regularization: 0))!;

        Assert.Empty(model.PriorScales);
    }

    [Fact]
    public void Train_YearlyEventNoCalendarNames_WeeklyEffectsKeptAndTheEventForecast()
    {
        // Every year's week 44 has 80 % more cases (a yearly release, say): only a free weekly effect can carry it.
        var plain = SyntheticHistory.Build(weeks: Weeks);
        var withEvent = plain with
        {
            Series = plain.Series.Select(s => s with
            {
                Cases = s.Cases.Select((c, t) => plain.Weeks[t].Week == EventWeek ? Math.Round(c * 1.8) : c).ToList(),
            }).ToList(),
        };
        var (quiet, loud) = (CaseModel.Train(plain, Weeks, new ModelSettings())!, CaseModel.Train(withEvent, Weeks, new ModelSettings())!);
        var step = Enumerable.Range(0, 13).Single(h => withEvent.Horizon[h].Week == EventWeek);
        var total = Enumerable.Range(0, withEvent.Series.Count).Select(i => loud.Forecast(i, 13))
            .Aggregate((a, b) => a.Zip(b, (x, y) => x + y).ToArray());
        output.WriteLine($"week-of-year factor {quiet.PriorScales[WeekFeatures.WeekOfYearGroup]:0.000} without the event, "
                         + $"{loud.PriorScales[WeekFeatures.WeekOfYearGroup]:0.000} with it; forecast {string.Join(" ", total.Select(x => x.ToString("0")))}");

        // One sharp week among 52 is still shrunk (two years have shown it twice), but it stands out.
        Assert.True(loud.PriorScales[WeekFeatures.WeekOfYearGroup] > 2 * quiet.PriorScales[WeekFeatures.WeekOfYearGroup]);
        Assert.True(loud.PriorScales[WeekFeatures.WeekOfYearGroup] > 0.3f);
        Assert.True(total[step] > 1.1 * (total[step - 2] + total[step + 2]) / 2, $"event week {total[step]:0}");
    }

    [Fact]
    public void Load_SavedModel_KeepsTheScalesItWasTrainedWith()
    {
        var history = SyntheticHistory.Build(weeks: Weeks);
        var folder = Directory.CreateTempSubdirectory("fts-prior-");
        try
        {
            var store = new ModelStore(folder.FullName);
            var options = new ForecastOptions { Horizon = 13, Model = new ModelSettings(), Training = ModelTraining.Always };
            WorkloadForecaster.Run(history, options, store);
            var trained = CaseModel.Train(history, Weeks, new ModelSettings())!;

            Assert.True(store.TryLoad(_ => true, history, out var metadata, out var loaded));

            Assert.Equal(trained.PriorScales, metadata.PriorScales);
            Assert.Equal(trained.PriorScales, loaded!.PriorScales);
            for (var i = 0; i < history.Series.Count; i++)
                Assert.Equal(trained.Forecast(i, 13), loaded.Forecast(i, 13), (a, b) => Math.Abs(a - b) < 1e-9 * Math.Max(1, Math.Abs(a)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
