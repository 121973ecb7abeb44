using JuniperFts.Domain.Calendars;
using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Forecast.Staffing;

/// <summary>The forecast weeks' staffing: engineers on shift per centre, priority and local hour, beside the forecast it came from.</summary>
/// <param name="Hours">Sorted by centre, priority, week and hour; hours without arrivals or offered load left out.</param>
public sealed record StaffingResult(ForecastResult Forecast, IReadOnlyList<ShiftStaffing> Hours);

/// <summary>Turns a region forecast into engineers on shift by Erlang C on each hour's offered load (<see cref="ShiftStaffing"/>).</summary>
public static class ShiftStaffingPlanner
{
    /// <summary>History weeks whose cases give each centre's share and hour-of-week profile: the last year, both DST seasons.</summary>
    public const int ProfileWeeks = 52;

    /// <summary>Forecasts the <see cref="ForecastOptions.Horizon"/> weeks after <paramref name="asOf"/>, then staffs them.</summary>
    /// <exception cref="UserError">No history, or a setting staffing cannot use.</exception>
    public static StaffingResult Run(Warehouse warehouse, ForecastOptions options, Instant asOf)
    {
        CheckHandling(options.Staffing);
        var forecast = WorkloadForecaster.Run(warehouse, options, asOf);
        return new StaffingResult(forecast, Plan(warehouse, forecast, options));
    }

    /// <summary>Staffs the weeks of <paramref name="forecast"/>: each region-week's printed cases spread over its centres, priorities and hours.</summary>
    public static IReadOnlyList<ShiftStaffing> Plan(Warehouse warehouse, ForecastResult forecast, ForecastOptions options)
    {
        CheckHandling(options.Staffing);
        var weeks = forecast.Rows.Select(r => r.Week).Distinct().ToList();
        if (weeks.Count == 0) return [];
        var end = forecast.History.Weeks[^1].End;
        var profile = ArrivalProfile.FromHistory(
            ArrivalHistoryQuery.Load(warehouse, options.Reference, end - Duration.FromDays(7 * ProfileWeeks), end), options.Reference);
        // A day either side: a centre's local week starts up to 14 hours before or after the UTC one.
        using var c = warehouse.Connect();
        var calendars = CentreCalendars.Read(c, options.Reference, weeks.Min().Monday.PlusDays(-1), weeks.Max().Monday.PlusDays(8));
        return Plan(profile, RegionWeeks(forecast), calendars, options.Staffing, options.Reference);
    }

    /// <summary>The pure part of <see cref="Plan(Warehouse, ForecastResult, ForecastOptions)"/>, for callers that hold the profile.</summary>
    public static IReadOnlyList<ShiftStaffing> Plan(ArrivalProfile profile, IEnumerable<(IsoWeek Week, string Region, decimal Cases)> regionWeeks,
        IReadOnlyDictionary<string, Domain.Calendars.BusinessCalendar> calendars, StaffingAssumptions assumptions, ReferenceData reference)
    {
        var list = regionWeeks.ToList();
        if (list.Count == 0) return [];
        var weeks = IsoWeek.Range(list.Min(rw => rw.Week), list.Max(rw => rw.Week));
        var arrivals = list.SelectMany(rw => profile.Spread(rw.Week, rw.Region, rw.Cases, calendars));
        var allHours = Enumerable.Repeat(true, HourOfWeek.Count).ToArray();
        var openByCentre = new Dictionary<(string, IsoWeek), bool[]>();
        IReadOnlyList<bool> OpenHours(string centre, Priority priority, IsoWeek week)
        {
            if (profile.ServesAroundTheClock(centre, priority)) return allHours;
            if (!openByCentre.TryGetValue((centre, week), out var open))
                openByCentre[(centre, week)] = open = ArrivalProfile.OpenHours(week, calendars[centre]);
            return open;
        }
        return ShiftStaffing.Plan(arrivals, weeks, OpenHours, assumptions, reference);
    }

    /// <summary>Each region-week's cases as the forecast CSV prints them, platforms summed, so the staffing adds up to that file.</summary>
    public static IEnumerable<(IsoWeek Week, string Region, decimal Cases)> RegionWeeks(ForecastResult forecast) =>
        forecast.Rows.GroupBy(r => (r.Week, r.Region))
            .Select(g => (g.Key.Week, g.Key.Region, g.Sum(r => ForecastRow.Printed(r.Cases))));

    private static void CheckHandling(StaffingAssumptions assumptions)
    {
        foreach (var p in Priorities.All)
            if (assumptions.HandlingHours[p] <= 0)
                throw new UserError($"configuration Forecast:HandlingHours:{p.Code()} must be above 0 hours for staffing by Erlang C (was {assumptions.HandlingHours[p]})");
    }
}
