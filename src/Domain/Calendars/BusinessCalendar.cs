using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Calendars;

/// <summary>
/// A support centre's opening hours as a function of real time: business time between instants,
/// the due instant after some business time, and whether an instant is open.
/// </summary>
/// <remarks>
/// Open intervals include their start and exclude their end. Local times are mapped to instants
/// with NodaTime's lenient resolver (a skipped local time moves forward by the gap, an ambiguous one
/// takes the earlier offset), and all arithmetic is on instants, so a local 00:00–24:00 on a 25-hour
/// day counts 25 hours. A holiday closes the whole local date even when an override names it; an
/// override replaces the date's weekly hours; breaks are cut from whatever hours the date has.
/// The open intervals are compiled lazily, a few years at a time, into sorted arrays with prefix sums,
/// so each operation is one or two binary searches. Instances are immutable and thread-safe.
/// </remarks>
public sealed class BusinessCalendar
{
    private readonly DateTimeZone _zone;
    private readonly LocalSpan[][] _weekly; // index: IsoDayOfWeek 1..7 (0 unused)
    private readonly HashSet<LocalDate> _holidays;
    private readonly Dictionary<LocalDate, LocalSpan[]> _overrides;
    private readonly Dictionary<LocalDate, LocalSpan[]> _breaks;
    private readonly bool _weeklyOpens;
    private readonly LocalDate _lastOverride;
    private volatile OpenTable? _table;

    private BusinessCalendar(DateTimeZone zone, LocalSpan[][] weekly, HashSet<LocalDate> holidays,
        Dictionary<LocalDate, LocalSpan[]> overrides, Dictionary<LocalDate, LocalSpan[]> breaks)
    {
        _zone = zone;
        _weekly = weekly;
        _holidays = holidays;
        _overrides = overrides;
        _breaks = breaks;
        _weeklyOpens = weekly.Any(d => d is { Length: > 0 });
        _lastOverride = overrides.Where(o => o.Value.Length > 0).Select(o => o.Key).DefaultIfEmpty(new LocalDate(1, 1, 1)).Max();
    }

    /// <summary>The calendar's time zone.</summary>
    public DateTimeZone Zone => _zone;

    /// <summary>Compiles a definition; <paramref name="extraHolidays"/> are added (a centre's <c>holidays.csv</c> rows).</summary>
    /// <exception cref="UserError">The definition names an unknown zone or day, or holds a malformed interval or date.</exception>
    public static BusinessCalendar From(CalendarDefinition definition, IEnumerable<LocalDate>? extraHolidays = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var zone = (definition.TimeZone is { Length: > 0 } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null)
            ?? throw new UserError($"calendar time_zone: '{definition.TimeZone}' is not an IANA time zone (e.g. Europe/Amsterdam)");

        var weekly = new LocalSpan[8][];
        for (var i = 0; i < weekly.Length; i++) weekly[i] = [];
        foreach (var (key, intervals) in definition.Hours ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var day = DayOf(key) ?? throw new UserError($"calendar hours: '{key}' is not a day (mon, tue, wed, thu, fri, sat, sun)");
            weekly[(int)day] = LocalSpan.ParseDay(intervals, $"hours.{key}");
        }

        var holidays = new HashSet<LocalDate>();
        foreach (var text in definition.Holidays ?? []) holidays.Add(ParseDate(text, "holidays"));
        foreach (var date in extraHolidays ?? []) holidays.Add(date);

        var overrides = (definition.Overrides ?? new Dictionary<string, IReadOnlyList<string>>())
            .ToDictionary(o => ParseDate(o.Key, "overrides"), o => LocalSpan.ParseDay(o.Value, $"overrides.{o.Key}"));
        var breaks = (definition.Breaks ?? new Dictionary<string, IReadOnlyList<string>>())
            .ToDictionary(o => ParseDate(o.Key, "breaks"), o => LocalSpan.ParseDay(o.Value, $"breaks.{o.Key}"));
        return new BusinessCalendar(zone, weekly, holidays, overrides, breaks);
    }

    /// <summary>Business time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public Duration BusinessTime(Instant from, Instant to) =>
        Duration.FromTicks(BusinessTicks(from.ToUnixTimeTicks(), to.ToUnixTimeTicks()));

    /// <summary>Business time in [<paramref name="from"/>, <paramref name="to"/>) that lies outside every pause.</summary>
    /// <remarks>Pauses may overlap each other and the bounds; each paused business instant is removed once.</remarks>
    public Duration BusinessTime(Instant from, Instant to, IReadOnlyList<Interval> pauses)
    {
        var a = from.ToUnixTimeTicks();
        var b = to.ToUnixTimeTicks();
        var total = BusinessTicks(a, b);
        foreach (var (ps, pe) in Merge(pauses))
        {
            var s = Math.Max(ps, a);
            var e = Math.Min(pe, b);
            if (e > s) total -= BusinessTicks(s, e);
        }
        return Duration.FromTicks(total);
    }

    /// <summary>
    /// The earliest open instant at which <paramref name="businessTime"/> has run since <paramref name="start"/>,
    /// skipping <paramref name="pauses"/>; <c>null</c> when the calendar never gets there (no more open hours).
    /// </summary>
    /// <remarks>A due time that would fall on a closing time rolls to the next opening; zero gives the first open instant at or after the start.</remarks>
    public Instant? Due(Instant start, Duration businessTime, IReadOnlyList<Interval>? pauses = null)
    {
        if (businessTime < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(businessTime), "Business time cannot be negative.");
        var s = start.ToUnixTimeTicks();
        var remaining = businessTime.BclCompatibleTicks;
        foreach (var (ps, pe) in Merge(pauses ?? []))
        {
            if (pe <= s) continue;
            if (ps > s)
            {
                var candidate = DueTicks(s, remaining);
                if (candidate is null) return null;
                if (candidate.Value < ps) return Instant.FromUnixTimeTicks(candidate.Value);
                remaining -= BusinessTicks(s, ps);
            }
            s = pe;
        }
        var due = DueTicks(s, remaining);
        return due is null ? null : Instant.FromUnixTimeTicks(due.Value);
    }

    /// <summary>
    /// A business day: the calendar is open at some time of <paramref name="date"/> (its weekly hours or an override,
    /// less breaks, and not a holiday). The one rule of "business day" for the SLA clock and the job calendars.
    /// </summary>
    public bool IsBusinessDay(LocalDate date) =>
        OpenIntervals(date.AtStartOfDayInZone(_zone).ToInstant(), date.PlusDays(1).AtStartOfDayInZone(_zone).ToInstant()).Any();

    /// <summary>Whether <paramref name="at"/> lies inside an open interval (start included, end excluded).</summary>
    public bool IsOpen(Instant at)
    {
        var t = at.ToUnixTimeTicks();
        var table = Covering(t, t);
        var i = table.IndexAtOrBefore(t);
        return i >= 0 && t < table.Ends[i];
    }

    /// <summary>
    /// The open intervals that overlap [<paramref name="from"/>, <paramref name="to"/>), in order, touching ones
    /// joined: the same table every operation here looks up, for evaluating many cases at once in SQL.
    /// </summary>
    public IEnumerable<Interval> OpenIntervals(Instant from, Instant to)
    {
        var a = from.ToUnixTimeTicks();
        var b = to.ToUnixTimeTicks();
        if (b <= a) yield break;
        var table = Covering(a, b);
        for (var i = Math.Max(0, table.IndexAtOrBefore(a)); i < table.Starts.Length && table.Starts[i] < b; i++)
        {
            if (table.Ends[i] <= a) continue;
            yield return new Interval(Instant.FromUnixTimeTicks(table.Starts[i]), Instant.FromUnixTimeTicks(table.Ends[i]));
        }
    }

    /// <summary>Business ticks in [a, b).</summary>
    internal long BusinessTicks(long a, long b)
    {
        if (b <= a) return 0;
        var table = Covering(a, b);
        return table.Cumulative(b) - table.Cumulative(a);
    }

    private long? DueTicks(long start, long business)
    {
        var table = Covering(start, start);
        while (true)
        {
            var target = table.Cumulative(start) + business;
            var at = table.FirstReaching(target);
            if (at is not null) return at;
            // Not within the compiled years: compile further, unless no later date can ever open.
            var lastYear = table.LastYear;
            if (!_weeklyOpens && lastYear > _lastOverride.Year) return null;
            if (lastYear >= 9998) return null;
            table = Build(table.FirstYear, Math.Min(9998, lastYear + Math.Max(4, (lastYear - table.FirstYear + 1))));
            _table = table;
        }
    }

    private OpenTable Covering(long a, long b)
    {
        var table = _table;
        if (table is not null && a >= table.From && b <= table.To) return table;
        // Widen by a year either side of the UTC years asked for: a zone is never a year away from UTC.
        var ya = Instant.FromUnixTimeTicks(a).InUtc().Year - 1;
        var yb = Instant.FromUnixTimeTicks(b).InUtc().Year + 1;
        var first = Math.Max(1, table is null ? ya : Math.Min(ya, table.FirstYear));
        var last = Math.Min(9998, table is null ? yb : Math.Max(yb, table.LastYear));
        table = Build(first, last);
        _table = table;
        return table;
    }

    private OpenTable Build(int firstYear, int lastYear)
    {
        var starts = new List<long>(260 * (lastYear - firstYear + 1));
        var ends = new List<long>(starts.Capacity);
        var end = new LocalDate(lastYear + 1, 1, 1);
        for (var date = new LocalDate(firstYear, 1, 1); date < end; date = date.PlusDays(1))
        {
            foreach (var span in HoursOn(date))
            {
                var s = ToTicks(date, span.Start);
                var e = ToTicks(date, span.End);
                if (e <= s) continue; // e.g. an interval wholly inside a skipped hour
                if (starts.Count > 0 && s <= ends[^1])
                {
                    // Touching or overlapping (24:00 then 00:00, or a fall-back hour): one interval.
                    if (e > ends[^1]) ends[^1] = e;
                    continue;
                }
                starts.Add(s);
                ends.Add(e);
            }
        }
        return new OpenTable(firstYear, lastYear, ToTicks(new LocalDate(firstYear, 1, 1), 0), ToTicks(end, 0), starts.ToArray(), ends.ToArray());
    }

    private IEnumerable<LocalSpan> HoursOn(LocalDate date)
    {
        if (_holidays.Contains(date)) return [];
        var hours = _overrides.TryGetValue(date, out var o) ? o : _weekly[(int)date.DayOfWeek];
        return _breaks.TryGetValue(date, out var cut) ? LocalSpan.Subtract(hours, cut) : hours;
    }

    private long ToTicks(LocalDate date, long tickOfDay)
    {
        var local = tickOfDay >= LocalSpan.TicksPerDay
            ? date.PlusDays(1).AtMidnight()
            : date.AtMidnight().PlusTicks(tickOfDay);
        return local.InZoneLeniently(_zone).ToInstant().ToUnixTimeTicks();
    }

    private static List<(long Start, long End)> Merge(IReadOnlyList<Interval> pauses)
    {
        var list = new List<(long Start, long End)>(pauses.Count);
        foreach (var p in pauses)
        {
            var s = p.HasStart ? p.Start.ToUnixTimeTicks() : long.MinValue;
            var e = p.HasEnd ? p.End.ToUnixTimeTicks() : long.MaxValue;
            if (e > s) list.Add((s, e));
        }
        list.Sort();
        var merged = new List<(long Start, long End)>(list.Count);
        foreach (var p in list)
        {
            if (merged.Count > 0 && p.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, p.End));
            else
                merged.Add(p);
        }
        return merged;
    }

    private static IsoDayOfWeek? DayOf(string key) => key.Trim().ToLowerInvariant() switch
    {
        "mon" => IsoDayOfWeek.Monday,
        "tue" => IsoDayOfWeek.Tuesday,
        "wed" => IsoDayOfWeek.Wednesday,
        "thu" => IsoDayOfWeek.Thursday,
        "fri" => IsoDayOfWeek.Friday,
        "sat" => IsoDayOfWeek.Saturday,
        "sun" => IsoDayOfWeek.Sunday,
        _ => null,
    };

    private static LocalDate ParseDate(string text, string where)
    {
        var r = NodaTime.Text.LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        return r.Success ? r.Value : throw new UserError($"calendar {where}: '{text}' is not a date yyyy-MM-dd");
    }

    /// <summary>Open intervals of whole local years as unix ticks, with the open time before each.</summary>
    private sealed class OpenTable
    {
        public OpenTable(int firstYear, int lastYear, long from, long to, long[] starts, long[] ends)
        {
            FirstYear = firstYear;
            LastYear = lastYear;
            From = from;
            To = to;
            Starts = starts;
            Ends = ends;
            Before = new long[starts.Length + 1];
            for (var i = 0; i < starts.Length; i++) Before[i + 1] = Before[i] + (ends[i] - starts[i]);
        }

        public int FirstYear { get; }
        public int LastYear { get; }
        public long From { get; }
        public long To { get; }
        public long[] Starts { get; }
        public long[] Ends { get; }
        /// <summary>Before[i]: open ticks before interval i; Before[^1]: the total.</summary>
        public long[] Before { get; }

        public int IndexAtOrBefore(long t)
        {
            var i = Array.BinarySearch(Starts, t);
            return i >= 0 ? i : ~i - 1;
        }

        /// <summary>Open ticks from the table's start up to <paramref name="t"/>.</summary>
        public long Cumulative(long t)
        {
            var i = IndexAtOrBefore(t);
            return i < 0 ? 0 : Before[i] + Math.Min(t - Starts[i], Ends[i] - Starts[i]);
        }

        /// <summary>The earliest open instant whose cumulative open time is <paramref name="target"/>; null past the table.</summary>
        public long? FirstReaching(long target)
        {
            // The first interval that ends after the target is reached: Before[i + 1] > target.
            int lo = 0, hi = Starts.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Before[mid + 1] > target) hi = mid; else lo = mid + 1;
            }
            return lo == Starts.Length ? null : Starts[lo] + Math.Max(0, target - Before[lo]);
        }
    }
}
