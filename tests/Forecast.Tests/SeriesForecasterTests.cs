using JuniperFts.Domain.Forecast;
using JuniperFts.Forecast.Tests.Support;

namespace JuniperFts.Forecast.Tests;

public class SeriesForecasterTests
{
    private static readonly ModelSettings Small = new(Seed: 1, Trees: 30, Leaves: 4);

    private static WorkloadHistory WithFutureReplaced(WorkloadHistory h, int from, double value) => h with
    {
        Series = h.Series.Select(s => s with { Cases = s.Cases.Select((c, t) => t >= from ? value : c).ToList() }).ToList(),
    };

    [Fact]
    public void Examples_WeeksFromEndOnChanged_TrainingRowsUnchanged()
    {
        var history = SyntheticHistory.Build(weeks: 120);
        var changed = WithFutureReplaced(history, 100, 999);

        var before = SeriesForecaster.Examples(history.Series, 100);
        var after = SeriesForecaster.Examples(changed.Series, 100);

        Assert.Equal(4 * (100 - WeekFeatures.MinimumPast), before.Count);
        Assert.Equal(before.Select(e => (e.Label, string.Join(',', e.Features))), after.Select(e => (e.Label, string.Join(',', e.Features))));
    }

    [Fact]
    public void Forecast_ActualsAfterTheOriginChanged_SameForecast()
    {
        // The recursive forecast only sees weeks before the origin and its own forecasts.
        var history = SyntheticHistory.Build(weeks: 120);
        var model = CaseModel.Train(SeriesForecaster.Examples(history.Series, 100), Small);
        var changed = WithFutureReplaced(history, 100, 0);

        var before = SeriesForecaster.Forecast(history.Series[0], 100, 13, ForecastMethod.Model, model);
        var after = SeriesForecaster.Forecast(changed.Series[0], 100, 13, ForecastMethod.Model, model);

        Assert.Equal(13, before.Length);
        Assert.Equal(before, after);
        Assert.All(before, v => Assert.True(v >= 0));
    }

    [Fact]
    public void Forecast_SeasonalNaive_SameWeekLastYear()
    {
        var history = SyntheticHistory.Build(weeks: 120);
        var s = history.Series[0];

        var f = SeriesForecaster.Forecast(s, 110, 3, ForecastMethod.SeasonalNaive, null);

        Assert.Equal([s.Cases[58], s.Cases[59], s.Cases[60]], f);
    }
}
