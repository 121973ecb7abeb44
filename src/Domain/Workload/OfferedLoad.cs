using JuniperFts.Domain.Calendars;
namespace JuniperFts.Domain.Workload;

/// <summary>
/// The offered load of one queue hour by hour: the average number of cases that would be in service if every case were
/// taken up the moment it arrived (the infinite-server load), work of earlier hours that is still being handled included.
/// </summary>
/// <remarks>
/// With arrivals at λ per hour spread evenly over an hour and exponential handling with mean h hours, the cases in
/// service m follow dm/dt = λ − m ÷ h, so over the hour m(t) = λh + (m₀ − λh)·e^(−t/h): the hour ends at
/// λh + (m₀ − λh)·e^(−1/h) and averages λh + (m₀ − λh)·h·(1 − e^(−1/h)). Staffing each hour by Erlang C on that
/// average is the modified-offered-load method (Jennings, Mandelbaum, Massey &amp; Whitt 1996). A closed hour serves
/// nothing: its load is 0 and the work in hand is held, unchanged, for the next open hour (engineers are not on shift,
/// so no handling is done, as an 8x5 case's clock stops when the centre closes). The first hour does not start empty:
/// it starts from the end of its first week repeated until the load repeats (the periodic steady state), as last week's
/// work would be in hand.
/// </remarks>
public static class OfferedLoad
{
    /// <summary>Hours in the repeated week the first hour's load comes from.</summary>
    public const int WeekHours = HourOfWeek.Count;

    /// <summary>One open hour: its average load and the load it ends with, from <paramref name="start"/> and its arrivals.</summary>
    public static (double Average, double End) Hour(double start, double arrivals, double handlingHours)
    {
        if (handlingHours <= 0 || !double.IsFinite(handlingHours))
            throw new ArgumentOutOfRangeException(nameof(handlingHours), handlingHours, "Handling must be a finite number of hours > 0.");
        if (arrivals < 0 || !double.IsFinite(arrivals))
            throw new ArgumentOutOfRangeException(nameof(arrivals), arrivals, "Arrivals must be a finite number ≥ 0.");
        var steady = arrivals * handlingHours;
        var decay = Math.Exp(-1 / handlingHours);
        return (steady + (start - steady) * handlingHours * (1 - decay), steady + (start - steady) * decay);
    }

    /// <summary>
    /// The average load of each of a queue's consecutive hours (0 in closed hours); the first starts from the periodic
    /// steady state of the first <see cref="WeekHours"/> hours (all of them when fewer).
    /// </summary>
    /// <param name="arrivals">Expected cases arriving in each hour, in chronological order.</param>
    /// <param name="open">Whether the queue is served in each hour; the same length as <paramref name="arrivals"/>. An hour with arrivals is served whatever its flag says.</param>
    /// <param name="handlingHours">Mean handling time per case.</param>
    public static double[] Of(IReadOnlyList<double> arrivals, IReadOnlyList<bool> open, double handlingHours)
    {
        if (arrivals.Count != open.Count) throw new ArgumentException("One open flag per hour.", nameof(open));
        var loads = new double[arrivals.Count];
        var load = PeriodicStart(arrivals, Served, handlingHours);
        for (var t = 0; t < arrivals.Count; t++)
            if (Served(t)) (loads[t], load) = Hour(load, arrivals[t], handlingHours);
        return loads;

        bool Served(int t) => open[t] || arrivals[t] > 0;
    }

    /// <summary>
    /// The load the first week ends with when it follows itself for ever: a week maps its starting load m to a·m + b
    /// (each open hour multiplies by e^(−1/h) and adds its own work), so the repeating load is b ÷ (1 − a).
    /// </summary>
    private static double PeriodicStart(IReadOnlyList<double> arrivals, Func<int, bool> served, double handlingHours)
    {
        var a = 1.0;
        var b = 0.0;
        for (var t = 0; t < Math.Min(WeekHours, arrivals.Count); t++)
        {
            if (!served(t)) continue;
            var (_, fromZero) = Hour(0, arrivals[t], handlingHours);
            var (_, fromOne) = Hour(1, 0, handlingHours);
            a *= fromOne;
            b = b * fromOne + fromZero;
        }
        // A week never open carries nothing: no work arrived to carry.
        return a < 1 ? b / (1 - a) : 0;
    }
}
