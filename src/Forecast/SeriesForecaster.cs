using JuniperFts.Domain.Workload;

namespace JuniperFts.Forecast;

/// <summary>How a forecast was made.</summary>
public enum ForecastMethod
{
    /// <summary>The ML.NET model.</summary>
    Model,
    /// <summary>Same week last year.</summary>
    SeasonalNaive,
    /// <summary>Last week's count.</summary>
    Naive,
}

/// <summary>Names of the methods as printed.</summary>
public static class ForecastMethods
{
    public static string Code(this ForecastMethod m) => m switch
    {
        ForecastMethod.Model => "model",
        ForecastMethod.SeasonalNaive => "seasonal_naive",
        _ => "naive",
    };

    public static string Describe(this ForecastMethod m) => m switch
    {
        ForecastMethod.Model => "the ML.NET model",
        ForecastMethod.SeasonalNaive => "seasonal naive (same week last year)",
        _ => "naive (last week's count)",
    };
}

/// <summary>Forecasts of one series by each method.</summary>
internal static class SeriesForecaster
{
    /// <summary>
    /// Forecasts <paramref name="steps"/> weeks of series <paramref name="series"/> from <paramref name="origin"/> (the first
    /// forecast week) with <paramref name="method"/>; the model must have been trained on the weeks before the origin.
    /// </summary>
    public static double[] Forecast(WorkloadHistory history, int series, int origin, int steps, ForecastMethod method, CaseModel? model)
    {
        var past = history.Series[series].Cases.Take(origin).ToArray();
        return method switch
        {
            ForecastMethod.SeasonalNaive => Baselines.SeasonalNaive(past, steps),
            ForecastMethod.Naive => Baselines.Naive(past, steps),
            _ => (model ?? throw new InvalidOperationException("The model method needs a trained model.")).Forecast(series, steps),
        };
    }
}
