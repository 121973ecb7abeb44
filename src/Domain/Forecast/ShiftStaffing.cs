using JuniperFts.Domain.Reference;

namespace JuniperFts.Domain.Forecast;

/// <summary>
/// Engineers one centre needs on shift in one local hour to answer one priority's cases within its response target
/// (Erlang C, each priority its own queue).
/// </summary>
/// <param name="Arrivals">Expected cases in the hour.</param>
/// <param name="EngineersRaw">The smallest N above the load whose service level reaches the goal.</param>
/// <param name="EngineersScheduled">The raw figure raised for the maximum occupancy, then for shrinkage.</param>
/// <param name="ServiceLevel">Share answered within the target at <paramref name="EngineersRaw"/>.</param>
/// <param name="Occupancy">Load ÷ <paramref name="EngineersRaw"/>.</param>
public sealed record ShiftStaffing(
    string Centre, Priority Priority, IsoWeek Week, HourOfWeek Hour, decimal Arrivals,
    double HandlingMinutes, double TargetMinutes, double ServiceLevelGoal,
    int EngineersRaw, int EngineersScheduled, double ServiceLevel, double Occupancy)
{
    /// <summary>The staffing of one hour's <paramref name="arrivals"/> under <paramref name="plan"/> and the priority's response target.</summary>
    public static ShiftStaffing For(HourlyArrivals arrivals, StaffingPlan plan, ReferenceData reference)
    {
        var handling = plan.HandlingMinutes(arrivals.Priority);
        var target = reference.TargetFor(arrivals.Priority) / 60.0;
        // The figures follow from the rounded arrivals the row shows, so anyone can recompute a row from the row.
        var load = ErlangC.Load((double)arrivals.Cases, handling);
        var (raw, level) = ErlangC.EngineersFor(load, target, handling, plan.ServiceLevelGoal);
        return new ShiftStaffing(arrivals.Centre, arrivals.Priority, arrivals.Week, arrivals.Hour, arrivals.Cases,
            handling, target, plan.ServiceLevelGoal, raw, ErlangC.Scheduled(raw, load, plan.Occupancy, plan.Shrinkage),
            level, ErlangC.Occupancy(raw, load));
    }
}
