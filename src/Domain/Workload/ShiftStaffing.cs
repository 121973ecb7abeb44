using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;

namespace JuniperFts.Domain.Workload;

/// <summary>
/// Engineers one centre needs on shift in one local hour to answer one priority's cases within its response target
/// (Erlang C on the hour's offered load, each priority its own queue).
/// </summary>
/// <param name="Arrivals">Expected cases arriving in the hour.</param>
/// <param name="OfferedLoad">Average cases in service in the hour if every case were taken up at once (<see cref="Workload.OfferedLoad"/>), in Erlangs, four decimals.</param>
/// <param name="EngineersRaw">The smallest N above the offered load whose service level reaches the goal.</param>
/// <param name="EngineersScheduled">The raw figure raised for the maximum occupancy, then for shrinkage.</param>
/// <param name="ServiceLevel">Share answered within the target at <paramref name="EngineersRaw"/>.</param>
/// <param name="Occupancy">Offered load ÷ <paramref name="EngineersRaw"/>.</param>
public sealed record ShiftStaffing(
    string Centre, Priority Priority, IsoWeek Week, HourOfWeek Hour, decimal Arrivals, decimal OfferedLoad,
    double HandlingMinutes, double TargetMinutes, double ServiceLevelGoal,
    int EngineersRaw, int EngineersScheduled, double ServiceLevel, double Occupancy)
{
    /// <summary>Decimals of <see cref="OfferedLoad"/>.</summary>
    public const int LoadDecimals = 4;

    /// <summary>
    /// Staffs every queue (centre × priority) of <paramref name="arrivals"/> through <paramref name="weeks"/> in order: the offered
    /// load of each hour carries the work of the hours before it, and a row is kept for each open hour with arrivals or load.
    /// </summary>
    /// <param name="weeks">Consecutive forecast weeks; hours of weeks without arrivals still carry work forward.</param>
    /// <param name="openHours">For a centre, priority and week, whether the queue is served in each local hour of the week.</param>
    public static IReadOnlyList<ShiftStaffing> Plan(IEnumerable<HourlyArrivals> arrivals, IReadOnlyList<IsoWeek> weeks,
        Func<string, Priority, IsoWeek, IReadOnlyList<bool>> openHours, StaffingAssumptions assumptions, ReferenceData reference)
    {
        var weekIndex = weeks.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i);
        var rows = new List<ShiftStaffing>();
        foreach (var queue in arrivals.GroupBy(a => (a.Centre, a.Priority))
                     .OrderBy(q => q.Key.Centre, StringComparer.Ordinal).ThenBy(q => q.Key.Priority))
        {
            var (centre, priority) = queue.Key;
            var cases = new decimal[weeks.Count * HourOfWeek.Count];
            foreach (var a in queue) cases[weekIndex[a.Week] * HourOfWeek.Count + a.Hour.Index] += a.Cases;
            var open = weeks.SelectMany(w => openHours(centre, priority, w)).ToArray();
            var handling = assumptions.HandlingMinutes(priority);
            // Closed hours hold the work and have no load, so they get no row; an hour with arrivals is served where it is.
            var loads = Workload.OfferedLoad.Of(cases.Select(c => (double)c).ToArray(), open, handling / 60);
            for (var t = 0; t < cases.Length; t++)
            {
                var load = Math.Round((decimal)loads[t], LoadDecimals, MidpointRounding.AwayFromZero) + 0.0000m;
                if (cases[t] > 0 || load > 0)
                    rows.Add(For(centre, priority, weeks[t / HourOfWeek.Count], new HourOfWeek(t % HourOfWeek.Count), cases[t], load, assumptions, reference));
            }
        }
        return rows;
    }

    /// <summary>The staffing of one hour with <paramref name="arrivals"/> and <paramref name="offeredLoad"/> under <paramref name="assumptions"/> and the priority's response target.</summary>
    public static ShiftStaffing For(string centre, Priority priority, IsoWeek week, HourOfWeek hour, decimal arrivals, decimal offeredLoad,
        StaffingAssumptions assumptions, ReferenceData reference)
    {
        var handling = assumptions.HandlingMinutes(priority);
        var target = reference.TargetFor(priority) / 60.0;
        // The figures follow from the rounded load the row shows, so anyone can recompute a row from the row.
        var load = (double)offeredLoad;
        var (raw, level) = ErlangC.EngineersFor(load, target, handling, assumptions.ServiceLevelGoal);
        return new ShiftStaffing(centre, priority, week, hour, arrivals, offeredLoad,
            handling, target, assumptions.ServiceLevelGoal, raw, ErlangC.Scheduled(raw, load, assumptions.Occupancy, assumptions.Shrinkage),
            level, ErlangC.Occupancy(raw, load));
    }
}
