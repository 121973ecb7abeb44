using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Workload;

/// <summary>Cases created in history at <see cref="At"/> (the start of a short bucket), with the centre, priority and window that took them.</summary>
public sealed record ArrivalCount(string Centre, Priority Priority, ServiceWindow Window, Instant At, long Cases);

/// <summary>The expected cases of one centre and priority in one local hour of a forecast week.</summary>
/// <param name="Cases">Rounded to <see cref="ArrivalProfile.Decimals"/> decimals; a region-week's hours add up to its forecast.</param>
public sealed record HourlyArrivals(string Centre, Priority Priority, IsoWeek Week, HourOfWeek Hour, decimal Cases);

/// <summary>
/// How a region's weekly forecast spreads over its centres, priorities and local hours of the week: each centre's
/// share of the region's cases by priority and window, times the centre's hour-of-week profile in its own time zone.
/// </summary>
/// <remarks>
/// The profile is one per centre (all priorities and windows together), so a centre with few cases of a priority
/// still gets a smooth week. 8x5 work that arrives while the centre is closed waits for the next opening and counts
/// in that hour; after the week's last opening it counts at the week's first, as last week's weekend work does, so a
/// week adds up to its forecast. A local hour skipped by daylight saving time hands its cases to the next hour; an
/// hour that happens twice is one row with one hour's cases.
/// </remarks>
public sealed class ArrivalProfile
{
    /// <summary>Decimals of <see cref="HourlyArrivals.Cases"/>.</summary>
    public const int Decimals = 4;

    private readonly Dictionary<string, List<Cell>> _cellsByRegion;
    private readonly Dictionary<string, double[]> _hourShares;
    private readonly HashSet<(string Centre, Priority Priority)> _aroundTheClock;

    private sealed record Cell(SupportCentre Centre, Priority Priority, ServiceWindow Window, double Share);

    private ArrivalProfile(Dictionary<string, List<Cell>> cellsByRegion, Dictionary<string, double[]> hourShares)
    {
        _cellsByRegion = cellsByRegion;
        _hourShares = hourShares;
        _aroundTheClock = cellsByRegion.Values.SelectMany(cells => cells)
            .Where(c => c.Window == ServiceWindow.AroundTheClock && c.Share > 0).Select(c => (c.Centre.Code, c.Priority)).ToHashSet();
    }

    /// <summary>The profile of <paramref name="history"/>; centres unknown to <paramref name="reference"/> are left out.</summary>
    public static ArrivalProfile FromHistory(IEnumerable<ArrivalCount> history, ReferenceData reference)
    {
        var cellCounts = new Dictionary<(string Centre, Priority, ServiceWindow), long>();
        var hourCounts = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var zones = new Dictionary<string, DateTimeZone>(StringComparer.Ordinal);
        foreach (var a in history)
        {
            var centre = reference.FindCentre(a.Centre);
            if (centre is null || a.Cases <= 0) continue;
            var key = (centre.Code, a.Priority, a.Window);
            cellCounts[key] = cellCounts.GetValueOrDefault(key) + a.Cases;
            if (!hourCounts.TryGetValue(centre.Code, out var hours)) hourCounts[centre.Code] = hours = new double[HourOfWeek.Count];
            if (!zones.TryGetValue(centre.Code, out var zone)) zones[centre.Code] = zone = Zone(centre);
            hours[HourOfWeek.Of(a.At.InZone(zone).LocalDateTime).Index] += a.Cases;
        }

        foreach (var hours in hourCounts.Values)
        {
            var total = hours.Sum();
            for (var i = 0; i < hours.Length; i++) hours[i] /= total;
        }
        var cells = cellCounts
            .GroupBy(c => reference.Centres[c.Key.Centre].Region)
            .ToDictionary(g => g.Key, g =>
            {
                var total = (double)g.Sum(c => c.Value);
                return g.OrderBy(c => c.Key.Centre, StringComparer.Ordinal).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3)
                    .Select(c => new Cell(reference.Centres[c.Key.Centre], c.Key.Item2, c.Key.Item3, c.Value / total)).ToList();
            }, StringComparer.Ordinal);
        return new ArrivalProfile(cells, hourCounts);
    }

    /// <summary>
    /// Whether <paramref name="centre"/>'s queue for <paramref name="priority"/> takes 24x7 work, so engineers are on shift for
    /// it all night and its load runs through every hour; otherwise it is served in the centre's open hours only.
    /// </summary>
    public bool ServesAroundTheClock(string centre, Priority priority) => _aroundTheClock.Contains((centre, priority));

    /// <summary>Whether <paramref name="calendar"/> is open in each local hour of <paramref name="week"/>, for any part of the hour.</summary>
    public static bool[] OpenHours(IsoWeek week, BusinessCalendar calendar)
    {
        var open = new bool[HourOfWeek.Count];
        var zone = calendar.Zone;
        for (var h = 0; h < HourOfWeek.Count; h++)
        {
            var from = zone.AtLeniently(LocalStart(week, h)).ToInstant();
            var to = zone.AtLeniently(LocalStart(week, h).PlusHours(1)).ToInstant();
            open[h] = calendar.BusinessTime(from, to) > Duration.Zero;
        }
        return open;
    }

    private static LocalDateTime LocalStart(IsoWeek week, int hourOfWeek)
    {
        var slot = new HourOfWeek(hourOfWeek);
        return week.Monday.PlusDays((int)slot.Day - 1).At(new LocalTime(slot.Hour, 0));
    }

    /// <summary>Regions whose centres took cases in the history.</summary>
    public IReadOnlyCollection<string> Regions => _cellsByRegion.Keys;

    /// <summary>Share of <paramref name="centre"/>'s cases created in each local hour of the week; null when it took none.</summary>
    public IReadOnlyList<double>? HourShares(string centre) => _hourShares.GetValueOrDefault(centre);

    /// <summary>
    /// The <paramref name="cases"/> forecast for <paramref name="region"/> in <paramref name="week"/>, by centre, priority and
    /// local hour, hours without cases left out. Rounded by largest remainder, so they add up to <paramref name="cases"/>
    /// (to <see cref="Decimals"/> decimals); none when the region's centres took no cases in the history.
    /// </summary>
    /// <param name="calendars">Each centre's calendar (holidays included), for when 8x5 work is taken up.</param>
    public IReadOnlyList<HourlyArrivals> Spread(IsoWeek week, string region, decimal cases, IReadOnlyDictionary<string, BusinessCalendar> calendars)
    {
        if (cases < 0) throw new ArgumentOutOfRangeException(nameof(cases), cases, "Forecast cases cannot be negative.");
        if (!_cellsByRegion.TryGetValue(region, out var cells) || cases == 0) return [];

        var expected = new Dictionary<(string Centre, Priority Priority), double[]>();
        var routes = new Dictionary<(string, ServiceWindow), int[]>();
        foreach (var cell in cells)
        {
            var key = (cell.Centre.Code, cell.Window);
            if (!routes.TryGetValue(key, out var route))
                routes[key] = route = Route(week, cell.Window, calendars.TryGetValue(cell.Centre.Code, out var cal) ? cal : throw new ArgumentException($"No calendar for centre {cell.Centre.Code}.", nameof(calendars)));
            if (!expected.TryGetValue((cell.Centre.Code, cell.Priority), out var hours))
                expected[(cell.Centre.Code, cell.Priority)] = hours = new double[HourOfWeek.Count];
            var shares = _hourShares[cell.Centre.Code];
            for (var h = 0; h < HourOfWeek.Count; h++) hours[route[h]] += (double)cases * cell.Share * shares[h];
        }

        var slots = expected
            .OrderBy(e => e.Key.Centre, StringComparer.Ordinal).ThenBy(e => e.Key.Priority)
            .SelectMany(e => e.Value.Select((x, h) => (e.Key.Centre, e.Key.Priority, Hour: h, Expected: x)))
            .ToList();
        var rounded = LargestRemainder(slots.Select(s => s.Expected).ToArray(), cases);
        return slots.Select((s, i) => new HourlyArrivals(s.Centre, s.Priority, week, new HourOfWeek(s.Hour), rounded[i]))
            .Where(a => a.Cases > 0).ToList();
    }

    /// <summary>For each local hour of <paramref name="week"/>, the hour whose row its arrivals count in.</summary>
    private static int[] Route(IsoWeek week, ServiceWindow window, BusinessCalendar calendar)
    {
        var zone = calendar.Zone;
        var start = zone.AtStartOfDay(week.Monday).ToInstant();
        var end = zone.AtStartOfDay(week.Monday.PlusWeeks(1)).ToInstant();
        var firstOpening = window == ServiceWindow.BusinessHours ? calendar.Due(start, Duration.Zero) : null;
        var route = new int[HourOfWeek.Count];
        for (var h = 0; h < HourOfWeek.Count; h++)
        {
            var arrives = zone.AtLeniently(LocalStart(week, h)).ToInstant();
            var counted = arrives;
            if (window == ServiceWindow.BusinessHours && firstOpening is { } first && first < end)
            {
                var next = calendar.Due(arrives, Duration.Zero);
                counted = next is { } n && n < end ? n : first;
            }
            // A week with no opening at all keeps its 8x5 work where it arrives rather than lose it.
            route[h] = counted < start || counted >= end ? h : HourOfWeek.Of(counted.InZone(zone).LocalDateTime).Index;
        }
        return route;
    }

    /// <summary>Rounds <paramref name="values"/> down to <see cref="Decimals"/> decimals and gives the units left over to the largest remainders.</summary>
    private static decimal[] LargestRemainder(double[] values, decimal total)
    {
        var unit = (decimal)Math.Pow(10, Decimals);
        var units = new long[values.Length];
        var remainders = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var scaled = values[i] * (double)unit;
            units[i] = (long)Math.Floor(scaled);
            remainders[i] = scaled - units[i];
        }
        var left = (long)decimal.Round(total * unit) - units.Sum();
        // Float noise can leave the floors a unit or two off either way; larger remainders go up first, smaller down first.
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).ToArray();
        for (var k = 0; left > 0; k = (k + 1) % order.Length, left--) units[order[k]]++;
        for (var k = order.Length - 1; left < 0; k = k == 0 ? order.Length - 1 : k - 1)
            if (units[order[k]] > 0) { units[order[k]]--; left++; }
        // Adding 0.0000m gives every figure four decimals (0.0010, not 0.001), so the column reads alike.
        return units.Select(u => u / unit + 0.0000m).ToArray();
    }

    private static DateTimeZone Zone(SupportCentre centre) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(centre.TimeZone)
        ?? throw new UserError($"support centre {centre.Code}: '{centre.TimeZone}' is not an IANA time zone");
}
