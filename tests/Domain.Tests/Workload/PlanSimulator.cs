using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

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
/// <para>
/// Besides counting the cases that arrived, each replication measures every hour's service level as the hour itself
/// would give it to a case arriving at any instant (<see cref="Outcome.Level"/>): a case arriving at t, first come first
/// served, starts at the first moment after t that an engineer on shift is free for it, which is the earlier of the
/// next moment the queue has an engineer idle and the start of the first case that arrived after t (it would have taken
/// that case's place). The share of the hour's instants whose case would start within the target is the hour's service
/// level on that run; Poisson arrivals see the instants of an hour alike, so its mean over the runs is the expected
/// share of the hour's arrivals answered in time, without the noise of the few cases a quiet hour gets.
/// </para>
/// </remarks>
public static class PlanSimulator
{
    /// <summary>
    /// Cases arriving in each counted hour over all replications and those answered within the target; and each hour's
    /// service level as the share of its instants at which an arriving case would be answered in time, summed over the runs.
    /// </summary>
    public sealed record Outcome(long[] Arrivals, long[] WithinTarget, double[] Level, int Replications)
    {
        public double ServiceLevel => (double)WithinTarget.Sum() / Math.Max(1, Arrivals.Sum());

        /// <summary>The hour's expected service level (mean of <see cref="Level"/> over the runs).</summary>
        public double HourLevel(int hour) => Level[hour] / Replications;
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
        var level = new double[counted];
        var random = new Random(seed);
        var handling = timeline.HandlingMinutes / 60;
        var target = timeline.TargetMinutes / 60;
        var waiting = new Queue<(double At, int Hour, int Index)>();
        var inService = new PriorityQueue<double, double>(); // finishing points on the work clock
        var arrivalTimes = new List<double>();
        var startTimes = new List<double>();
        var switches = new List<(double At, bool Idle)>(); // when the queue starts or stops having an engineer idle
        for (var rep = 0; rep < replications; rep++)
        {
            waiting.Clear();
            inService.Clear();
            arrivalTimes.Clear();
            startTimes.Clear();
            switches.Clear();
            var work = 0.0; // advances only while someone is on shift, so work in service pauses when nobody is
            for (var t = 0; t < hours; t++)
            {
                var now = (double)t;
                var end = t + 1.0;
                var onShift = timeline.Engineers[t];
                var rate = timeline.Arrivals[t];
                StartWaiting(now);
                Note(now);
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
                        Note(now);
                        continue;
                    }
                    if (t >= timeline.WarmupHours) arrived[t - timeline.WarmupHours]++;
                    waiting.Enqueue((now, t, arrivalTimes.Count));
                    arrivalTimes.Add(now);
                    startTimes.Add(double.PositiveInfinity);
                    StartWaiting(now);
                    Note(now);
                    nextArrival = now + Exponential(1 / rate);
                }

                void Note(double at)
                {
                    var idle = onShift > 0 && inService.Count < onShift;
                    if (switches.Count == 0 || switches[^1].Idle != idle) switches.Add((at, idle));
                }

                void StartWaiting(double at)
                {
                    while (waiting.Count > 0 && inService.Count < onShift)
                    {
                        var (arrivedAt, hour, index) = waiting.Dequeue();
                        startTimes[index] = at;
                        if (hour >= timeline.WarmupHours && at - arrivedAt <= target) within[hour - timeline.WarmupHours]++;
                        var finish = work + Exponential(handling);
                        inService.Enqueue(finish, finish);
                    }
                }
            }
            // Still waiting at the end: missed if already past the target, otherwise it could still be answered in time.
            foreach (var (arrivedAt, hour, _) in waiting)
                if (hour >= timeline.WarmupHours && hours - arrivedAt <= target) within[hour - timeline.WarmupHours]++;
            MeasureInstants();
        }
        return new Outcome(arrived, within, level, replications);

        // Backwards through the run: between two events the queue is idle or not, the next idle moment and the next
        // arrival's start stay put, so a case arriving at t starts at c = min(next idle, next start) and is in time
        // from c − target on; an idle instant answers at once. Never starting by the end counts as the end.
        void MeasureInstants()
        {
            var end = (double)hours;
            var (nextIdle, nextStart) = (double.PositiveInfinity, double.PositiveInfinity);
            var idle = switches.Count > 0 && switches[^1].Idle;
            var (a, w) = (arrivalTimes.Count - 1, switches.Count - 1);
            var upper = end;
            while (upper > 0)
            {
                var lower = Math.Max(a >= 0 ? arrivalTimes[a] : 0, w >= 0 ? switches[w].At : 0);
                var c = Math.Min(Math.Min(nextIdle, nextStart), end);
                for (var h = (int)Math.Floor(lower); h < upper && h < hours; h++)
                {
                    if (h < timeline.WarmupHours || timeline.Arrivals[h] <= 0) continue;
                    var (lo, hi) = (Math.Max(lower, h), Math.Min(upper, h + 1.0));
                    level[h - timeline.WarmupHours] += idle ? hi - lo : Math.Max(0, hi - Math.Max(lo, c - target));
                }
                if (a >= 0 && arrivalTimes[a] >= lower) nextStart = startTimes[a--];
                else if (w >= 0)
                {
                    // Before an idle spell begins the queue is busy and that is its next idle moment; before a busy one, idle.
                    idle = !switches[w].Idle;
                    if (switches[w].Idle) nextIdle = switches[w].At;
                    w--;
                }
                else break;
                upper = lower;
            }
        }

        double Exponential(double mean) => -mean * Math.Log(1 - random.NextDouble());
    }

    /// <summary>
    /// Expected arrivals (the timeline's) in hours whose service level (<see cref="Outcome.HourLevel"/>) fell more than
    /// <paramref name="points"/> below <paramref name="goal"/>, and all expected arrivals of the counted hours.
    /// </summary>
    public static (double Short, double All) ArrivalsInHoursShort(Timeline timeline, Outcome outcome, double goal, double points = 0.02)
    {
        var (shortfall, all) = (0.0, 0.0);
        for (var t = 0; t < outcome.Level.Length; t++)
        {
            var arrivals = timeline.Arrivals[t + timeline.WarmupHours];
            all += arrivals;
            if (arrivals > 0 && outcome.HourLevel(t) < goal - points) shortfall += arrivals;
        }
        return (shortfall, all);
    }

    /// <summary>Simulated arrivals in hours whose share answered in time fell more than <paramref name="points"/> below <paramref name="goal"/>, and all simulated arrivals.</summary>
    public static (long Short, long All) CasesInHoursShort(Outcome outcome, double goal, double points = 0.02)
    {
        long shortfall = 0;
        for (var t = 0; t < outcome.Arrivals.Length; t++)
            if (outcome.Arrivals[t] > 0 && (double)outcome.WithinTarget[t] / outcome.Arrivals[t] < goal - points) shortfall += outcome.Arrivals[t];
        return (shortfall, outcome.Arrivals.Sum());
    }
}
