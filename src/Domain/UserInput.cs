using System.Globalization;
using System.Numerics;
using JuniperFts.Domain.Reference;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Domain;

/// <summary>
/// Values a user types (command-line options, query parameters, settings) checked once for the CLI, the API and the settings:
/// each says in one line why it is refused, so no value reaches the rules or the database outside a
/// range they handle (quarters 1900Q1 to 2999Q4 and the dates and instants within them).
/// </summary>
public static class UserInput
{
    private static readonly LocalDate FirstDate = Quarter.FirstAskable.Start;
    private static readonly LocalDate LastDate = Quarter.LastAskable.End.PlusDays(-1);
    private static readonly Instant FirstInstant = FirstDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
    private static readonly Instant EndInstant = Quarter.LastAskable.End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>A quarter such as 2026Q3.</summary>
    public static bool TryQuarter(string? text, out Quarter quarter, out string problem) => Quarter.TryParseAsked(text, out quarter, out problem);

    /// <summary>A date <c>yyyy-MM-dd</c>.</summary>
    public static bool TryDate(string? text, out LocalDate date, out string problem)
    {
        var parsed = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        date = parsed.Success ? parsed.Value : default;
        problem = !parsed.Success ? $"'{text}' is not a date (expected yyyy-MM-dd, e.g. 2026-03-31)"
            : date < FirstDate || date > LastDate ? $"'{text}' is outside {Show(FirstDate)} to {Show(LastDate)}"
            : "";
        return problem.Length == 0;
    }

    /// <summary>An ISO 8601 instant with an offset or Z.</summary>
    public static bool TryInstant(string? text, out Instant instant, out string problem)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text?.Trim() ?? "");
        instant = parsed.Success ? parsed.Value.ToInstant() : default;
        problem = !parsed.Success ? $"'{text}' is not an ISO 8601 instant with an offset or Z (e.g. 2026-03-02T16:59:00-08:00)"
            : instant < FirstInstant || instant >= EndInstant ? $"'{text}' is outside {Show(FirstDate)} to {Show(LastDate)}"
            : "";
        return problem.Length == 0;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static bool TryWhole<T>(string? text, T min, T max, out T value, out string problem) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var ok = T.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
        problem = ok ? ""
            : min == T.MinValue && max == T.MaxValue ? $"'{text}' is not a whole number"
            : max == T.MaxValue ? $"'{text}' is not a whole number of at least {min}"
            : $"'{text}' is not a whole number from {min} to {max}";
        return ok;
    }

    /// <summary>A number in invariant notation (<c>.</c> for decimals, an exponent allowed).</summary>
    public static bool TryNumber<T>(string? text, out T value, out string problem) where T : struct, INumber<T>
    {
        var ok = T.TryParse(text?.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
        problem = ok ? "" : $"'{text}' is not a number";
        return ok;
    }

    private static string Show(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
