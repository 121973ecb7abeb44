using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Forecast.Staffing;

/// <summary>
/// The forecast made at the end of a reviewed quarter (or at the as-of, if earlier) and the engineers on shift it asks
/// for in the weeks starting in the next quarter: what the review pack and the workbook show of the coming quarter.
/// </summary>
/// <param name="Forecast">Null when <paramref name="ForecastUnavailable"/> says why.</param>
/// <param name="Staffing">The hours of the weeks starting in <paramref name="Next"/>; empty when <paramref name="StaffingUnavailable"/> says why.</param>
public sealed record QuarterOutlook(Quarter Next, Instant MadeAsOf, ForecastResult? Forecast, string? ForecastUnavailable,
    IReadOnlyList<ShiftStaffing> Staffing, string? StaffingUnavailable)
{
    /// <summary>Weeks forecast: one more than a quarter reaches the last Monday of the next quarter.</summary>
    public const int HorizonWeeks = 15;

    /// <summary>Forecasts and staffs the quarter after <paramref name="quarter"/>; a forecast that cannot be made is said, not thrown.</summary>
    /// <param name="staffing">False: the forecast only (the customer's review shows no staffing), <see cref="Staffing"/> left empty.</param>
    public static QuarterOutlook Make(Warehouse warehouse, ForecastOptions options, Quarter quarter, Instant asOf, bool staffing = true)
    {
        var quarterEnd = quarter.End.AtMidnight().InUtc().ToInstant();
        var madeAt = asOf < quarterEnd ? asOf : quarterEnd;
        var next = quarter.Next;
        options = options with { Horizon = HorizonWeeks };
        ForecastResult forecast;
        try
        {
            forecast = WorkloadForecaster.Run(warehouse, options, madeAt);
        }
        catch (UserError e)
        {
            var reason = $"The workload forecast is not available: {e.Message}.";
            return new QuarterOutlook(next, madeAt, null, reason, [], reason);
        }
        if (!staffing)
            return new QuarterOutlook(next, madeAt, forecast, null, [], "Engineers on shift were not asked for.");
        try
        {
            var hours = ShiftStaffingPlanner.Plan(warehouse, forecast, options).Where(h => next.Contains(h.Week.Monday)).ToList();
            return new QuarterOutlook(next, madeAt, forecast, null, hours, null);
        }
        catch (UserError e)
        {
            return new QuarterOutlook(next, madeAt, forecast, null, [], $"Engineers on shift are not available: {e.Message}.");
        }
    }
}
