using NodaTime;

namespace JuniperFts.Domain.Calendars;

/// <summary>A local hour of the week, Monday 00:00–01:00 (index 0) to Sunday 23:00–24:00 (index 167).</summary>
public readonly record struct HourOfWeek : IComparable<HourOfWeek>
{
    /// <summary>Hours in a week of local wall-clock time.</summary>
    public const int Count = 168;

    public HourOfWeek(int index)
    {
        if (index is < 0 or >= Count) throw new ArgumentOutOfRangeException(nameof(index), index, "An hour of the week is 0 to 167.");
        Index = index;
    }

    public HourOfWeek(IsoDayOfWeek day, int hour) : this(((int)day - 1) * 24 + hour)
    {
        if (hour is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(hour), hour, "An hour of the day is 0 to 23.");
    }

    /// <summary>0 for Monday 00:00–01:00 … 167 for Sunday 23:00–24:00.</summary>
    public int Index { get; }

    public IsoDayOfWeek Day => (IsoDayOfWeek)(Index / 24 + 1);

    /// <summary>The hour of the day, 0–23.</summary>
    public int Hour => Index % 24;

    /// <summary>The hour of the week <paramref name="local"/> falls in.</summary>
    public static HourOfWeek Of(LocalDateTime local) => new(local.DayOfWeek, local.Hour);

    /// <summary><c>Mon</c> … <c>Sun</c>.</summary>
    public string DayName => Day.ToString()[..3];

    public int CompareTo(HourOfWeek other) => Index.CompareTo(other.Index);

    public override string ToString() => $"{DayName} {Hour:D2}:00";
}
