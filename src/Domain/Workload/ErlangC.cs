namespace JuniperFts.Domain.Workload;

/// <summary>
/// The Erlang C queue (M/M/N): Poisson arrivals, exponential handling, N engineers, nobody abandons. Answers how
/// many engineers on shift answer a share of cases within a target time.
/// </summary>
/// <remarks>
/// The load A (in Erlangs) is arrivals per hour × handling minutes ÷ 60. The probability of waiting comes from the
/// Erlang B recursion B(k) = A·B(k−1) ÷ (k + A·B(k−1)), B(0) = 1, and C = N·B ÷ (N − A·(1 − B)): every term lies in
/// [0, 1], so hundreds of engineers need no factorials and lose no precision. With N ≤ A the queue grows without
/// bound: every case waits and there is no finite service level or speed of answer.
/// </remarks>
public static class ErlangC
{
    /// <summary>The load in Erlangs: the engineers kept busy on average.</summary>
    public static double Load(double arrivalsPerHour, double handlingMinutes) => arrivalsPerHour * handlingMinutes / 60;

    /// <summary>Erlang B: the share of cases that would find all <paramref name="engineers"/> busy if they could not queue.</summary>
    public static double Blocking(int engineers, double load)
    {
        CheckArguments(engineers, load);
        var b = 1.0;
        for (var k = 1; k <= engineers; k++) b = NextBlocking(b, k, load);
        return b;
    }

    /// <summary>Erlang C: the share of cases that wait at all; 1 when <paramref name="engineers"/> ≤ <paramref name="load"/>.</summary>
    public static double ProbabilityOfWaiting(int engineers, double load)
    {
        CheckArguments(engineers, load);
        return engineers <= load ? 1 : Waiting(Blocking(engineers, load), engineers, load);
    }

    /// <summary>
    /// The share of cases answered within <paramref name="targetMinutes"/>: 1 − C(N, A)·e^(−(N − A)·target ÷ handling);
    /// null when <paramref name="engineers"/> ≤ <paramref name="load"/> (no finite service level).
    /// </summary>
    public static double? ServiceLevel(int engineers, double load, double targetMinutes, double handlingMinutes)
    {
        CheckArguments(engineers, load);
        CheckTimes(targetMinutes, handlingMinutes);
        return engineers <= load ? null : ServiceLevelFrom(Waiting(Blocking(engineers, load), engineers, load), engineers, load, targetMinutes, handlingMinutes);
    }

    /// <summary>Average speed of answer in minutes, C(N, A)·handling ÷ (N − A); null when <paramref name="engineers"/> ≤ <paramref name="load"/>.</summary>
    public static double? AverageSpeedOfAnswer(int engineers, double load, double handlingMinutes)
    {
        CheckArguments(engineers, load);
        CheckTimes(0, handlingMinutes);
        return engineers <= load ? null : ProbabilityOfWaiting(engineers, load) * handlingMinutes / (engineers - load);
    }

    /// <summary>Share of the engineers' time spent on cases, A ÷ N.</summary>
    public static double Occupancy(int engineers, double load)
    {
        CheckArguments(engineers, load);
        if (engineers == 0) throw new ArgumentOutOfRangeException(nameof(engineers), engineers, "Occupancy needs at least one engineer.");
        return load / engineers;
    }

    /// <summary>
    /// The smallest N &gt; <paramref name="load"/> whose service level reaches <paramref name="goal"/>, with that service
    /// level. One pass of the Erlang B recursion, so the cost grows with N, not N².
    /// </summary>
    public static (int Engineers, double ServiceLevel) EngineersFor(double load, double targetMinutes, double handlingMinutes, double goal)
    {
        CheckArguments(0, load);
        CheckTimes(targetMinutes, handlingMinutes);
        if (goal is <= 0 or >= 1 || double.IsNaN(goal))
            throw new ArgumentOutOfRangeException(nameof(goal), goal, "The service-level goal must lie between 0 and 1 (both excluded).");
        var b = 1.0;
        for (var n = 1; ; n++)
        {
            b = NextBlocking(b, n, load);
            if (n <= load) continue;
            var level = ServiceLevelFrom(Waiting(b, n, load), n, load, targetMinutes, handlingMinutes);
            if (level >= goal) return (n, level);
        }
    }

    /// <summary>
    /// Engineers to schedule: <paramref name="raw"/> raised to at least load ÷ <paramref name="maxOccupancy"/>, then divided
    /// by (1 − <paramref name="shrinkage"/>) and rounded up, so the rostered engineers still leave enough on shift.
    /// </summary>
    public static int Scheduled(int raw, double load, double maxOccupancy, double shrinkage)
    {
        CheckArguments(raw, load);
        if (maxOccupancy is <= 0 or > 1 || double.IsNaN(maxOccupancy))
            throw new ArgumentOutOfRangeException(nameof(maxOccupancy), maxOccupancy, "The maximum occupancy must lie in (0, 1].");
        if (shrinkage is < 0 or >= 1 || double.IsNaN(shrinkage))
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "Shrinkage must lie in [0, 1).");
        return (int)Math.Ceiling(Math.Max(raw, load / maxOccupancy) / (1 - shrinkage));
    }

    private static double NextBlocking(double previous, int k, double load) => load * previous / (k + load * previous);

    private static double Waiting(double blocking, int engineers, double load) =>
        engineers * blocking / (engineers - load * (1 - blocking));

    private static double ServiceLevelFrom(double waiting, int engineers, double load, double targetMinutes, double handlingMinutes) =>
        1 - waiting * Math.Exp(-(engineers - load) * targetMinutes / handlingMinutes);

    private static void CheckArguments(int engineers, double load)
    {
        if (engineers < 0) throw new ArgumentOutOfRangeException(nameof(engineers), engineers, "Engineers cannot be negative.");
        if (load < 0 || !double.IsFinite(load)) throw new ArgumentOutOfRangeException(nameof(load), load, "The load must be a finite number ≥ 0.");
    }

    private static void CheckTimes(double targetMinutes, double handlingMinutes)
    {
        if (targetMinutes < 0 || !double.IsFinite(targetMinutes))
            throw new ArgumentOutOfRangeException(nameof(targetMinutes), targetMinutes, "The target must be a finite number of minutes ≥ 0.");
        if (handlingMinutes <= 0 || !double.IsFinite(handlingMinutes))
            throw new ArgumentOutOfRangeException(nameof(handlingMinutes), handlingMinutes, "Handling must be a finite number of minutes > 0.");
    }
}
