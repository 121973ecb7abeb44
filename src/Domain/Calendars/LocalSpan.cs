using System.Globalization;
using System.Text.RegularExpressions;

namespace JuniperFts.Domain.Calendars;

/// <summary>A local time-of-day interval "HH:mm-HH:mm" as ticks since midnight; "24:00" is the end of the day.</summary>
/// <remarks>Start inclusive, end exclusive; the start is before the end.</remarks>
internal readonly partial record struct LocalSpan
{
    public const long TicksPerDay = TimeSpan.TicksPerDay;

    public LocalSpan(long start, long end)
    {
        if (start < 0 || end > TicksPerDay || end <= start)
            throw new ArgumentOutOfRangeException(nameof(end), $"[{start}, {end}) is not an interval within a day.");
        Start = start;
        End = end;
    }

    public long Start { get; }
    public long End { get; }

    /// <summary>Parses a day's intervals, sorted and with overlaps joined.</summary>
    /// <param name="where">Where the list is, for the error message (e.g. "hours.tue").</param>
    public static LocalSpan[] ParseDay(IReadOnlyList<string>? intervals, string where)
    {
        var spans = new List<LocalSpan>();
        foreach (var text in intervals ?? [])
        {
            var m = Pattern().Match(text ?? "");
            if (!m.Success)
                throw new UserError($"calendar {where}: '{text}' is not an interval HH:mm-HH:mm");
            var start = TimeOfDay(m.Groups["sh"].Value, m.Groups["sm"].Value);
            var end = TimeOfDay(m.Groups["eh"].Value, m.Groups["em"].Value);
            if (start is null || start >= TicksPerDay || end is null)
                throw new UserError($"calendar {where}: '{text}' has a time outside 00:00-24:00 (24:00 only as an end)");
            if (end <= start)
                throw new UserError($"calendar {where}: '{text}' does not end after it starts");
            spans.Add(new LocalSpan(start.Value, end.Value));
        }
        return Union(spans);
    }

    /// <summary>The parts of <paramref name="hours"/> outside every span of <paramref name="cut"/>.</summary>
    public static LocalSpan[] Subtract(LocalSpan[] hours, LocalSpan[] cut)
    {
        var result = new List<LocalSpan>();
        foreach (var h in hours)
        {
            var s = h.Start;
            foreach (var c in cut) // both sorted and disjoint
            {
                if (c.End <= s || c.Start >= h.End) continue;
                if (c.Start > s) result.Add(new LocalSpan(s, c.Start));
                s = Math.Max(s, c.End);
            }
            if (s < h.End) result.Add(new LocalSpan(s, h.End));
        }
        return result.ToArray();
    }

    private static LocalSpan[] Union(List<LocalSpan> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<LocalSpan>(spans.Count);
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
                merged[^1] = new LocalSpan(merged[^1].Start, Math.Max(merged[^1].End, s.End));
            else
                merged.Add(s);
        }
        return merged.ToArray();
    }

    private static long? TimeOfDay(string hours, string minutes)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        if (m > 59 || h > 24 || (h == 24 && m != 0)) return null;
        return (h * 60L + m) * TimeSpan.TicksPerMinute;
    }

    [GeneratedRegex(@"^\s*(?<sh>\d{2}):(?<sm>\d{2})\s*-\s*(?<eh>\d{2}):(?<em>\d{2})\s*$")]
    private static partial Regex Pattern();
}
