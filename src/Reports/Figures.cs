using System.Globalization;
using NodaTime;

namespace JuniperFts.Reports;

/// <summary>
/// The one formatter for the percentages, money and durations users read in the workbook, the review pack, the
/// true-up statements and the delivery message. Always invariant culture, so a figure is the same bytes on any machine.
/// </summary>
/// <remarks>
/// The named variants keep each document's established look (the golden files pin them); pick one by where the
/// figure is read, not by taste. The portal formats in the browser: <c>pct()</c> in portal.js mirrors <see cref="Percent"/>.
/// </remarks>
public static class Figures
{
    /// <summary>"93.33 %": fixed decimals (two, or one for a rounded share), a space before the sign.</summary>
    public static string Percent(decimal value, int decimals = 2) =>
        value.ToString(decimals == 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>"95%" or "92.5%": a goal quoted in a sentence, trailing zeros dropped, no space.</summary>
    public static string PercentInProse(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>"51,000.00": money printed for people, thousands grouped, two decimals.</summary>
    public static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>"51,000.00 EUR": printed money followed by its currency.</summary>
    public static string Money(decimal amount, string currency) => Money(amount) + " " + currency;

    /// <summary>"51000.00": money in files programs read (statement CSV and JSON), no grouping.</summary>
    public static string MoneyInFiles(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"15 minutes", "1 hour", "4 hours": a target in a sentence.</summary>
    public static string DurationInWords(Duration d) =>
        d.TotalMinutes < 60 || d.Minutes != 0 ? $"{(long)d.TotalMinutes} minutes" : d.TotalHours == 1 ? "1 hour" : $"{(long)d.TotalHours} hours";

    /// <summary>"15 min", "2 h", else h:mm:ss: a target in a table cell.</summary>
    public static string DurationShort(long seconds) =>
        seconds % 3600 == 0 ? $"{seconds / 3600} h" : seconds % 60 == 0 ? $"{seconds / 60} min" : DurationClock(seconds);

    /// <summary>"27:05:09": whole seconds as h:mm:ss, so a breach by one second is visible.</summary>
    public static string DurationClock(long seconds) =>
        $"{seconds / 3600}:{(seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture)}:{(seconds % 60).ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>"27 h 05 m": a duration statistic, minutes rounded half away from zero.</summary>
    public static string DurationHoursMinutes(double seconds)
    {
        var minutes = (long)Math.Round(seconds / 60, MidpointRounding.AwayFromZero);
        return $"{minutes / 60} h {(minutes % 60).ToString("00", CultureInfo.InvariantCulture)} m";
    }

    /// <summary>"12,345": a count of cases or units, thousands grouped.</summary>
    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"42 s": whole seconds.</summary>
    public static string DurationSeconds(long seconds) => seconds.ToString(CultureInfo.InvariantCulture) + " s";
}
