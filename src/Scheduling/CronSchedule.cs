using System.Globalization;
using NodaTime;

namespace JuniperFts.Scheduling;

/// <summary>A 5-field cron expression (minute hour day-of-month month day-of-week) in the syntax Coravel accepts.</summary>
/// <remarks>
/// Each field is <c>*</c>, a number, a list of numbers (<c>1,15</c>), a range (<c>1-5</c>) or a step (<c>*/10</c>, <c>0-30/10</c>);
/// day-of-week runs 0 (Sunday) to 6. As in Coravel, every field must match (day-of-month and day-of-week are
/// combined with AND, not the OR of classic cron). Coravel only parses an expression when it first evaluates it,
/// so a typo would crash the running service hours later: <see cref="Parse"/> is called on every configured
/// expression at start-up instead.
/// </remarks>
public sealed class CronSchedule
{
    private static readonly (string Name, int Min, int Max)[] Fields =
        [("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6)];

    private readonly bool[][] _allowed;

    private CronSchedule(string expression, bool[][] allowed)
    {
        Expression = expression;
        _allowed = allowed;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/> or explains in one sentence why it is not a valid 5-field cron.</summary>
    public static bool TryParse(string? expression, out CronSchedule schedule, out string problem)
    {
        schedule = null!;
        var parts = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            problem = $"'{expression}' has {parts.Length} fields; a cron string has 5 (minute hour day-of-month month day-of-week)";
            return false;
        }
        var allowed = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            var (name, min, max) = Fields[i];
            allowed[i] = new bool[max + 1];
            var items = parts[i].Split(',');
            foreach (var item in items)
            {
                // Coravel reads a list as plain numbers only ("1,15"), not a list of ranges.
                if ((items.Length > 1 && !TryNumber(item, min, max, out _)) || !TryItem(item, min, max, allowed[i]))
                {
                    problem = $"'{expression}': the {name} field '{parts[i]}' is not *, a number, a list, a range or a step within {min}-{max}";
                    return false;
                }
            }
        }
        schedule = new CronSchedule(string.Join(' ', parts), allowed);
        problem = "";
        return true;
    }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> with the reason otherwise.</summary>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var s, out var problem) ? s : throw new FormatException(problem);

    private static bool TryItem(string item, int min, int max, bool[] allowed)
    {
        var step = 1;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            if (!TryNumber(item[(slash + 1)..], 1, max, out step)) return false;
            item = item[..slash];
        }
        int from, to;
        if (item == "*") (from, to) = (min, max);
        else if (item.IndexOf('-') is var dash and > 0)
        {
            if (!TryNumber(item[..dash], min, max, out from) || !TryNumber(item[(dash + 1)..], min, max, out to) || to < from) return false;
        }
        else if (TryNumber(item, min, max, out from))
        {
            // "5/10" is not Coravel syntax: a step needs * or a range before it.
            if (slash >= 0) return false;
            to = from;
        }
        else return false;
        for (var v = from; v <= to; v += step) allowed[v] = true;
        return true;
    }

    private static bool TryNumber(string text, int min, int max, out int value)
    {
        value = -1;
        return text.Length is > 0 and <= 2 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>True when the schedule fires on <paramref name="date"/> at some time of day.</summary>
    public bool MatchesDate(LocalDate date) =>
        _allowed[2][date.Day] && _allowed[3][date.Month] && _allowed[4][(int)date.DayOfWeek % 7];

    /// <summary>True when the schedule fires at the local minute <paramref name="time"/>.</summary>
    public bool Matches(LocalDateTime time) => MatchesDate(time.Date) && _allowed[1][time.Hour] && _allowed[0][time.Minute];

    /// <summary>The latest firing minute at or before <paramref name="time"/>, looking back at most <paramref name="days"/> days.</summary>
    public LocalDateTime? LatestAtOrBefore(LocalDateTime time, int days = 400)
    {
        for (var d = 0; d <= days; d++)
        {
            var date = time.Date.PlusDays(-d);
            if (!MatchesDate(date)) continue;
            var last = d == 0 ? new LocalTime(time.Hour, time.Minute) : new LocalTime(23, 59);
            for (var h = last.Hour; h >= 0; h--)
            {
                if (!_allowed[1][h]) continue;
                for (var m = h == last.Hour ? last.Minute : 59; m >= 0; m--)
                    if (_allowed[0][m]) return date.At(new LocalTime(h, m));
            }
        }
        return null;
    }

    /// <summary>The earliest firing minute on <paramref name="date"/>, or null when it does not fire that day.</summary>
    public LocalDateTime? FirstOn(LocalDate date)
    {
        if (!MatchesDate(date)) return null;
        for (var h = 0; h < 24; h++)
        {
            if (!_allowed[1][h]) continue;
            for (var m = 0; m < 60; m++)
                if (_allowed[0][m]) return date.At(new LocalTime(h, m));
        }
        return null;
    }

    public override string ToString() => Expression;
}
