namespace JuniperFts.Domain.Workload;

/// <summary>Forecast error measures: MASE and sMAPE.</summary>
public static class ErrorMetrics
{
    /// <summary>Mean absolute error.</summary>
    public static double MeanAbsoluteError(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        Same(actual, forecast);
        if (actual.Count == 0) return 0;
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++) sum += Math.Abs(actual[i] - forecast[i]);
        return sum / actual.Count;
    }

    /// <summary>
    /// The MASE divisor: the in-sample mean absolute error of seasonal naive (lag 52) on the training
    /// weeks, or of naive (lag 1) when they span under two seasons; 1 when that error is 0.
    /// </summary>
    public static double MaseScale(ReadOnlySpan<double> training)
    {
        var lag = training.Length > 2 * WeekFeatures.Season ? WeekFeatures.Season : 1;
        if (training.Length <= lag) return 1;
        var sum = 0.0;
        for (var t = lag; t < training.Length; t++) sum += Math.Abs(training[t] - training[t - lag]);
        var mae = sum / (training.Length - lag);
        return mae > 0 ? mae : 1;
    }

    /// <summary>Mean absolute scaled error: MAE divided by <paramref name="scale"/> (see <see cref="MaseScale"/>).</summary>
    public static double Mase(IReadOnlyList<double> actual, IReadOnlyList<double> forecast, double scale) =>
        MeanAbsoluteError(actual, forecast) / scale;

    /// <summary>Symmetric mean absolute percentage error in percent (0–200); a week where both are 0 counts 0.</summary>
    public static double Smape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        Same(actual, forecast);
        if (actual.Count == 0) return 0;
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var d = Math.Abs(actual[i]) + Math.Abs(forecast[i]);
            if (d > 0) sum += 200 * Math.Abs(forecast[i] - actual[i]) / d;
        }
        return sum / actual.Count;
    }

    /// <summary>The <paramref name="p"/> quantile (0–1) by linear interpolation between order statistics.</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile is between 0 and 1.");
        var sorted = values.Order().ToArray();
        var pos = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void Same(IReadOnlyList<double> a, IReadOnlyList<double> f)
    {
        if (a.Count != f.Count) throw new ArgumentException($"{a.Count} actual values but {f.Count} forecasts.");
    }
}
