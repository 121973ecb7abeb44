using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace JuniperFts.Domain.Calendars;

/// <summary>An ISO 8601 week ("2026-W27"): Monday 00:00 UTC to the next Monday 00:00 UTC.</summary>
/// <remarks>The start is inclusive and the end exclusive; weeks belong to their ISO week-year (52 or 53 weeks).</remarks>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998) throw new ArgumentOutOfRangeException(nameof(year), year, "ISO week-year out of range");
        if (week < 1 || week > WeeksIn(year))
            throw new ArgumentOutOfRangeException(nameof(week), week, $"ISO year {year} has {WeeksIn(year)} weeks");
        Year = year;
        Week = week;
    }

    /// <summary>The ISO week-year (may differ from the calendar year around New Year).</summary>
    public int Year { get; }

    /// <summary>The week of the ISO week-year, 1 to 52 or 53.</summary>
    public int Week { get; }

    public static int WeeksIn(int year) => WeekYearRules.Iso.GetWeeksInWeekYear(year, CalendarSystem.Iso);

    /// <summary>The week that contains <paramref name="date"/>.</summary>
    public static IsoWeek Containing(LocalDate date) =>
        new(WeekYearRules.Iso.GetWeekYear(date), WeekYearRules.Iso.GetWeekOfWeekYear(date));

    /// <summary>The week that contains <paramref name="instant"/> in UTC.</summary>
    public static IsoWeek Containing(Instant instant) => Containing(instant.InUtc().Date);

    /// <summary>The latest week that ended at or before <paramref name="asOf"/>.</summary>
    /// <remarks>The week containing the as-of has not ended (it ends after it), so it is always the one before.</remarks>
    public static IsoWeek LastEndedBy(Instant asOf) => Containing(asOf).Plus(-1);

    public LocalDate Monday => WeekYearRules.Iso.GetLocalDate(Year, Week, IsoDayOfWeek.Monday, CalendarSystem.Iso);

    /// <summary>Monday 00:00 UTC (inclusive).</summary>
    public Instant Start => Monday.AtMidnight().InUtc().ToInstant();

    /// <summary>The next Monday 00:00 UTC (exclusive).</summary>
    public Instant End => Monday.PlusWeeks(1).AtMidnight().InUtc().ToInstant();

    public IsoWeek Plus(int weeks) => Containing(Monday.PlusWeeks(weeks));

    /// <summary>Whole weeks from this week to <paramref name="later"/> (negative when it is earlier).</summary>
    public int WeeksUntil(IsoWeek later) => Period.Between(Monday, later.Monday, PeriodUnits.Weeks).Weeks;

    /// <summary>Consecutive weeks from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IReadOnlyList<IsoWeek> Range(IsoWeek first, IsoWeek last)
    {
        var n = first.WeeksUntil(last) + 1;
        var weeks = new IsoWeek[Math.Max(n, 0)];
        for (var i = 0; i < weeks.Length; i++) weeks[i] = first.Plus(i);
        return weeks;
    }

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public static bool operator <(IsoWeek a, IsoWeek b) => a.CompareTo(b) < 0;
    public static bool operator >(IsoWeek a, IsoWeek b) => a.CompareTo(b) > 0;
    public static bool operator <=(IsoWeek a, IsoWeek b) => a.CompareTo(b) <= 0;
    public static bool operator >=(IsoWeek a, IsoWeek b) => a.CompareTo(b) >= 0;

    /// <summary>"2026-W07".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    /// <summary>Parses "2026-W07".</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var t = text?.Trim();
        if (t is not { Length: 8 } || t[4] != '-' || (t[5] != 'W' && t[5] != 'w')) return false;
        if (!int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(t.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var w))
            return false;
        if (y < 1 || y > 9998 || w < 1 || w > WeeksIn(y)) return false;
        week = new IsoWeek(y, w);
        return true;
    }
}
