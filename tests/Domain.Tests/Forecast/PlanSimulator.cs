using JuniperFts.Domain.Forecast;

namespace JuniperFts.Domain.Tests.Forecast;

/// <summary>
/// A seeded discrete-event simulation of one queue under a staffing plan, to check that the plan delivers what it claims:
/// Poisson arrivals at each hour's rate (spread over the hour), exponential handling, first come first served, the hour's
/// engineers on shift. (Shared with bench/staffing, which links this file.)
/// </summary>
/// <remarks>
/// When the engineers on shift drop at an hour change, a busy engineer finishes the case in hand and then leaves, and no
/// waiting case starts until fewer are busy than are on shift. In an hour with nobody on shift (no row: an 8x5 queue's
/// closed hours) the work in service pauses and resumes at the next staffed hour, as the offered load holds it
/// (<see cref="OfferedLoad"/>). A case is answered within the target when its wait, in wall-clock time, is at most the
/// target; a case still waiting when the simulation ends counts as missed once it has waited longer than the target.
/// </remarks>
public static class PlanSimulator
{
    /// <summary>Cases arriving in each counted hour over all replications, and those answered within the target.</summary>
    public sealed record Outcome(long[] Arrivals, long[] WithinTarget)
    {
        public double ServiceLevel => (double)WithinTarget.Sum() / Math.Max(1, Arrivals.Sum());
    }

    /// <summary>One queue's plan hour by hour, chronological: expected arrivals and engineers on shift.</summary>
    /// <param name="WarmupHours">Leading hours simulated but not counted (the plan's first week, repeated before it).</param>
    public sealed record Timeline(double[] Arrivals, int[] Engineers, int WarmupHours, double HandlingMinutes, double TargetMinutes);

    /// <summary>
    /// The timeline of one queue's rows over <paramref name="weeks"/> (hours without a row: no arrivals, nobody on shift),
    /// with the first week played once before it, so the queue starts loaded as the plan's first hour assumes.
    /// </summary>
    public static Timeline FromRows(IReadOnlyList<ShiftStaffing> rows, IReadOnlyList<IsoWeek> weeks, Func<ShiftStaffing, int> engineers)
    {
        const int week = HourOfWeek.Count;
        var index = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        var arrivals = new double[(weeks.Count + 1) * week];
        var onShift = new int[arrivals.Length];
        foreach (var r in rows)
        {
            var t = (index[r.Week] + 1) * week + r.Hour.Index;
            arrivals[t] = (double)r.Arrivals;
            onShift[t] = engineers(r);
            if (index[r.Week] == 0) (arrivals[t - week], onShift[t - week]) = (arrivals[t], onShift[t]);
        }
        return new Timeline(arrivals, onShift, week, rows[0].HandlingMinutes, rows[0].TargetMinutes);
    }

    /// <summary>Simulates <paramref name="timeline"/> <paramref name="replications"/> times from <paramref name="seed"/>.</summary>
    public static Outcome Run(Timeline timeline, int replications, int seed)
    {
        var hours = timeline.Arrivals.Length;
        var counted = hours - timeline.WarmupHours;
        var arrived = new long[counted];
        var within = new long[counted];
        var random = new Random(seed);
        var handling = timeline.HandlingMinutes / 60;
        var target = timeline.TargetMinutes / 60;
        var waiting = new Queue<(double At, int Hour)>();
        var inService = new PriorityQueue<double, double>(); // finishing points on the work clock
        for (var rep = 0; rep < replications; rep++)
        {
            waiting.Clear();
            inService.Clear();
            var work = 0.0; // advances only while someone is on shift, so work in service pauses when nobody is
            for (var t = 0; t < hours; t++)
            {
                var now = (double)t;
                var end = t + 1.0;
                var onShift = timeline.Engineers[t];
                var rate = timeline.Arrivals[t];
                StartWaiting(now);
                var nextArrival = rate > 0 ? now + Exponential(1 / rate) : double.PositiveInfinity;
                while (true)
                {
                    var completion = onShift > 0 && inService.Count > 0 ? now + (inService.Peek() - work) : double.PositiveInfinity;
                    var next = Math.Min(Math.Min(nextArrival, completion), end);
                    if (onShift > 0) work += next - now;
                    now = next;
                    if (next >= end) break;
                    if (completion <= nextArrival)
                    {
                        inService.Dequeue();
                        StartWaiting(now);
                        continue;
                    }
                    if (t >= timeline.WarmupHours) arrived[t - timeline.WarmupHours]++;
                    waiting.Enqueue((now, t));
                    StartWaiting(now);
                    nextArrival = now + Exponential(1 / rate);
                }

                void StartWaiting(double at)
                {
                    while (waiting.Count > 0 && inService.Count < onShift)
                    {
                        var (arrivedAt, hour) = waiting.Dequeue();
                        if (hour >= timeline.WarmupHours && at - arrivedAt <= target) within[hour - timeline.WarmupHours]++;
                        var finish = work + Exponential(handling);
                        inService.Enqueue(finish, finish);
                    }
                }
            }
            // Still waiting at the end: missed if already past the target, otherwise it could still be answered in time.
            foreach (var (arrivedAt, hour) in waiting)
                if (hour >= timeline.WarmupHours && hours - arrivedAt <= target) within[hour - timeline.WarmupHours]++;
        }
        return new Outcome(arrived, within);

        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
    }

    /// <summary>Share of the simulated arrivals in hours whose service level fell more than <paramref name="points"/> below <paramref name="goal"/>.</summary>
    public static (long Short, long All) ArrivalsInHoursShort(Outcome outcome, double goal, double points = 0.02)
    {
        long shortfall = 0;
        for (var t = 0; t < outcome.Arrivals.Length; t++)
            if (outcome.Arrivals[t] > 0 && (double)outcome.WithinTarget[t] / outcome.Arrivals[t] < goal - points) shortfall += outcome.Arrivals[t];
        return (shortfall, outcome.Arrivals.Sum());
    }
}
