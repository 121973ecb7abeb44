using JuniperFts.Domain.Forecast;

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

/// <summary>Training rows and recursive multi-step forecasts of the weekly series.</summary>
internal static class SeriesForecaster
{
    /// <summary>Training weeks of every series before week <paramref name="end"/> (exclusive).</summary>
    public static List<WeekExample> Examples(IEnumerable<WeeklySeries> series, int end)
    {
        var rows = new List<WeekExample>();
        foreach (var s in series)
        {
            var cases = s.Cases.ToArray();
            for (var t = WeekFeatures.MinimumPast; t < Math.Min(end, cases.Length); t++)
            {
                var past = cases.AsSpan(0, t);
                rows.Add(new WeekExample
                {
                    Features = WeekFeatures.For(past, s.Drivers[t], s.UnitsYearBefore(t)),
                    Label = (float)(cases[t] / WeekFeatures.Scale(WeekFeatures.Level(past))),
                });
            }
        }
        return rows;
    }

    /// <summary>
    /// Forecasts <paramref name="steps"/> weeks from <paramref name="origin"/> (the first forecast week) with
    /// <paramref name="method"/>; the model feeds each forecast back in as the past of the next week.
    /// </summary>
    public static double[] Forecast(WeeklySeries s, int origin, int steps, ForecastMethod method, CaseModel? model)
    {
        var history = s.Cases.Take(origin).ToArray();
        switch (method)
        {
            case ForecastMethod.SeasonalNaive: return Baselines.SeasonalNaive(history, steps);
            case ForecastMethod.Naive: return Baselines.Naive(history, steps);
        }
        if (model is null) throw new InvalidOperationException("The model method needs a trained model.");
        var extended = new double[origin + steps];
        history.CopyTo(extended, 0);
        for (var t = origin; t < extended.Length; t++)
        {
            var past = extended.AsSpan(0, t);
            var ratio = model.Predict(WeekFeatures.For(past, s.Drivers[t], s.UnitsYearBefore(t)));
            extended[t] = Math.Max(0, ratio * WeekFeatures.Scale(WeekFeatures.Level(past)));
        }
        return extended[origin..];
    }
}
