using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Forecast;
using NodaTime;

namespace JuniperFts.Forecast.Tests.Support;

/// <summary>Weekly series with a known trend, yearly seasonality and Poisson noise, built in memory.</summary>
public static class SyntheticHistory
{
    public static readonly IsoWeek FirstWeek = new(2022, 1);

    /// <summary>
    /// <paramref name="weeks"/> weeks per series of level × (1 + trend·t) × (1 + amplitude·sin(2π·week/52)), Poisson noise.
    /// </summary>
    public static WorkloadHistory Build(int weeks = 208, int horizon = 13, double level = 30, double trend = 0.004,
        double amplitude = 0.35, int seed = 7, params (string Region, string Platform, double Scale)[] series)
    {
        if (series.Length == 0) series = [("AMERICAS", "Routing", 1.0), ("AMERICAS", "Security", 0.5), ("EMEA", "Routing", 0.8), ("EMEA", "Switching", 0.4)];
        var random = new Random(seed);
        var all = IsoWeek.Range(FirstWeek, FirstWeek.Plus(weeks + horizon - 1));
        var list = series.Select(s =>
        {
            var cases = new double[weeks];
            for (var t = 0; t < weeks; t++)
                cases[t] = Poisson(random, Expected(all[t], t, s.Scale * level, trend, amplitude));
            var drivers = all.Select((w, t) => new WeekDrivers(w, w.Week is 1 or 52 ? 2 : 0, (int)(100 * s.Scale * (1 + trend * t)))).ToList();
            return new WeeklySeries(s.Region, s.Platform, cases, drivers);
        }).ToList();
        return new WorkloadHistory(all[weeks - 1].End, all.Take(weeks).ToList(), all.Skip(weeks).ToList(), list,
            new Dictionary<string, PriorityMix>());
    }

    /// <summary>The noiseless mean of week <paramref name="t"/>.</summary>
    public static double Expected(IsoWeek week, int t, double level, double trend, double amplitude) =>
        level * (1 + trend * t) * (1 + amplitude * Math.Sin(2 * Math.PI * (week.Week - 1) / 52.0)) * (week.Week is 1 or 52 ? 0.6 : 1);

    private static double Poisson(Random random, double mean)
    {
        // Knuth's method is fine for the small means used here.
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }
}
