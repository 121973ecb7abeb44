using JuniperFts.Domain.Workload;
using JuniperFts.Forecast.Tests.Support;

namespace JuniperFts.Forecast.Tests;

public class SeriesForecasterTests
{
    private static readonly ModelSettings Small = new(Seed: 1);

    private static WorkloadHistory WithFutureReplaced(WorkloadHistory h, int from, double value) => h with
    {
        Series = h.Series.Select(s => s with { Cases = s.Cases.Select((c, t) => t >= from ? value : c).ToList() }).ToList(),
    };

    [Fact]
    public void Examples_WeeksFromEndOnChanged_TrainingRowsUnchanged()
    {
        var history = SyntheticHistory.Build(weeks: 120);
        var changed = WithFutureReplaced(history, 100, 999);

        var before = CaseModel.Examples(history, 100);
        var after = CaseModel.Examples(changed, 100);

        Assert.Equal(4 * 100, before.Count);
        Assert.Equal(before.Select(e => (e.Label, string.Join(',', e.Features))), after.Select(e => (e.Label, string.Join(',', e.Features))));
    }

    [Fact]
    public void Forecast_ActualsAfterTheOriginChanged_SameForecast()
    {
        // The forecast only sees weeks before the origin (the drivers of later weeks are known in advance).
        var history = SyntheticHistory.Build(weeks: 120);
        var changed = WithFutureReplaced(history, 100, 0);

        var before = SeriesForecaster.Forecast(history, 0, 100, 13, ForecastMethod.Model, CaseModel.Train(history, 100, Small));
        var after = SeriesForecaster.Forecast(changed, 0, 100, 13, ForecastMethod.Model, CaseModel.Train(changed, 100, Small));

        Assert.Equal(13, before.Length);
        Assert.Equal(before, after);
        Assert.All(before, v => Assert.True(v >= 0));
    }

    [Fact]
    public void Forecast_SeasonalNaive_SameWeekLastYear()
    {
        var history = SyntheticHistory.Build(weeks: 120);
        var s = history.Series[0];

        var f = SeriesForecaster.Forecast(history, 0, 110, 3, ForecastMethod.SeasonalNaive, null);

        Assert.Equal([s.Cases[58], s.Cases[59], s.Cases[60]], f);
    }
}
