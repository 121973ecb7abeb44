namespace JuniperFts.Domain.Workload;

/// <summary>The forecasts a model has to beat: the same week last year, and the last week.</summary>
public static class Baselines
{
    /// <summary>
    /// Seasonal naive from the weeks before the origin: week t gets week t−52; beyond a year ahead it
    /// repeats its own forecast. With under a year of history it falls back to naive.
    /// </summary>
    public static double[] SeasonalNaive(ReadOnlySpan<double> history, int horizon)
    {
        if (history.Length < WeekFeatures.Season) return Naive(history, horizon);
        var extended = new double[history.Length + horizon];
        history.CopyTo(extended);
        for (var t = history.Length; t < extended.Length; t++) extended[t] = extended[t - WeekFeatures.Season];
        return extended[history.Length..];
    }

    /// <summary>Naive: every future week gets the last week's count (0 without history).</summary>
    public static double[] Naive(ReadOnlySpan<double> history, int horizon)
    {
        var last = history.Length == 0 ? 0 : history[^1];
        return Enumerable.Repeat(last, horizon).ToArray();
    }
}
