namespace JuniperFts.Domain.Reference;

/// <summary>
/// A business calendar as written in configuration and in <c>fts clock --calendar FILE.json</c>:
/// a time zone, weekly hours, whole-day holidays, date overrides and breaks.
/// </summary>
/// <remarks>
/// Intervals are local "HH:mm-HH:mm" strings with "24:00" allowed as an end; day keys of
/// <see cref="Hours"/> are "mon".."sun"; dates are "yyyy-MM-dd". Plain data: the domain's
/// calendar type validates and compiles it.
/// </remarks>
public sealed record CalendarDefinition(
    string TimeZone,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Hours,
    IReadOnlyList<string> Holidays,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Overrides,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Breaks)
{
    /// <summary>Monday–Friday 09:00–17:00 local time in <paramref name="timeZone"/>.</summary>
    public static CalendarDefinition WeekdaysNineToFive(string timeZone) => Weekdays(timeZone, "09:00-17:00");

    /// <summary>Monday–Friday, <paramref name="hours"/> (<c>HH:mm-HH:mm</c>) local time in <paramref name="timeZone"/>.</summary>
    public static CalendarDefinition Weekdays(string timeZone, string hours)
    {
        IReadOnlyList<string> day = [hours];
        return new CalendarDefinition(
            timeZone,
            new Dictionary<string, IReadOnlyList<string>> { ["mon"] = day, ["tue"] = day, ["wed"] = day, ["thu"] = day, ["fri"] = day },
            [],
            new Dictionary<string, IReadOnlyList<string>>(),
            new Dictionary<string, IReadOnlyList<string>>());
    }
}
