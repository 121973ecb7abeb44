using System.Globalization;
using System.Text.RegularExpressions;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Settings;

/// <summary>Reads the <c>Reference</c> configuration section over <see cref="ReferenceData.BuiltIn"/>.</summary>
/// <remarks>
/// Shape (appsettings.json or environment variables such as <c>Reference__Embargo__0=CU</c>):
/// <code>
/// "Reference": {
///   "Skus":          { "SVC-NEW-BD": { "window": "8x5", "priorities": ["P1","P2"], "channel": "direct" } },
///   "TargetMinutes": { "P1": 15, "P2": 30 },
///   "Centres":       { "MANILA": { "region": "APAC", "calendar": { "time_zone": "Asia/Manila",
///                      "hours": { "mon": ["08:00-17:00"] }, "holidays": [], "overrides": {}, "breaks": {} } } },
///   "Embargo":       ["CU", "IR", "KP", "SD", "SY"]
/// }
/// </code>
/// SKUs and centres are added or replaced by code (a configured centre without a calendar keeps the
/// built-in one); targets are replaced per priority; a configured embargo list replaces the built-in one.
/// Any mistake is a <see cref="UserError"/> naming the configuration key.
/// </remarks>
public static partial class ReferenceDataConfiguration
{
    private const string Root = "Reference";
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The built-in reference data, with any configured overrides applied.</summary>
    public static ReferenceData Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Root);
        var builtIn = ReferenceData.BuiltIn;
        if (!section.Exists()) return builtIn;

        var skus = new Dictionary<string, Sku>(builtIn.Skus, StringComparer.Ordinal);
        foreach (var s in section.GetSection("Skus").GetChildren())
            skus[s.Key] = ReadSku(s);

        var targets = new Dictionary<Priority, int>(builtIn.TargetSeconds);
        foreach (var t in section.GetSection("TargetMinutes").GetChildren())
        {
            if (!Priorities.TryParse(t.Key, out var p)) throw Bad(t, $"'{t.Key}' is not a priority (P1..P4)");
            if (!UserInput.TryWhole(t.Value, 1, int.MaxValue / 60, out int minutes, out var problem))
                throw Bad(t, $"{problem} (minutes)");
            targets[p] = minutes * 60;
        }

        var centres = new Dictionary<string, SupportCentre>(builtIn.Centres, StringComparer.Ordinal);
        foreach (var c in section.GetSection("Centres").GetChildren())
            centres[c.Key] = ReadCentre(c, centres.GetValueOrDefault(c.Key));

        var embargo = builtIn.EmbargoedCountries;
        var configured = section.GetSection("Embargo");
        if (configured.Exists() || configured.Value is not null)
        {
            var list = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in configured.GetChildren())
            {
                var code = e.Value?.Trim().ToUpperInvariant() ?? "";
                if (!CountryCode().IsMatch(code)) throw Bad(e, $"'{e.Value}' is not an ISO 3166-1 alpha-2 country code");
                list.Add(code);
            }
            embargo = list;
        }

        return new ReferenceData(skus, targets, centres, embargo);
    }

    private static Sku ReadSku(IConfigurationSection s)
    {
        var windowText = s["window"];
        if (!ServiceWindows.TryParse(windowText, out var window))
            throw Bad(s.GetSection("window"), $"'{windowText}' is not a service window (8x5 or 24x7)");
        var priorities = new List<Priority>();
        foreach (var p in s.GetSection("priorities").GetChildren())
        {
            if (!Priorities.TryParse(p.Value, out var priority)) throw Bad(p, $"'{p.Value}' is not a priority (P1..P4)");
            priorities.Add(priority);
        }
        if (priorities.Count == 0) throw Bad(s.GetSection("priorities"), "a SKU must entitle at least one priority");
        var channel = s["channel"] ?? "direct";
        if (channel is not ("direct" or "partner")) throw Bad(s.GetSection("channel"), $"'{channel}' is not a channel (direct or partner)");
        return new Sku(s.Key, window, priorities, channel);
    }

    private static SupportCentre ReadCentre(IConfigurationSection c, SupportCentre? existing)
    {
        var region = c["region"] ?? existing?.Region;
        if (string.IsNullOrWhiteSpace(region)) throw Bad(c.GetSection("region"), "a new support centre needs a region");
        var calendarSection = c.GetSection("calendar");
        CalendarDefinition calendar;
        if (calendarSection.Exists()) calendar = ReadCalendar(calendarSection);
        else calendar = existing?.Calendar ?? throw Bad(calendarSection, "a new support centre needs a calendar with at least a time_zone and hours");
        return new SupportCentre(c.Key, region.Trim(), calendar);
    }

    /// <summary>A calendar in the JSON shape of a centre's (<c>time_zone</c>, <c>hours</c>, <c>holidays</c>, <c>overrides</c>, <c>breaks</c>).</summary>
    internal static CalendarDefinition ReadCalendar(IConfigurationSection s)
    {
        var zone = s["time_zone"];
        if (string.IsNullOrWhiteSpace(zone) || DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            throw Bad(s.GetSection("time_zone"), $"'{zone}' is not an IANA time zone");

        var hours = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var day in s.GetSection("hours").GetChildren())
        {
            var key = day.Key.ToLowerInvariant();
            if (!Days.Contains(key)) throw Bad(day, $"'{day.Key}' is not a day (mon..sun)");
            hours[key] = Intervals(day);
        }
        if (!s.GetSection("hours").Exists()) throw Bad(s.GetSection("hours"), "a calendar needs weekly hours");

        var holidays = s.GetSection("holidays").GetChildren().Select(h => Date(h, h.Value)).ToList();
        var overrides = s.GetSection("overrides").GetChildren().ToDictionary(o => Date(o, o.Key), Intervals, StringComparer.Ordinal);
        var breaks = s.GetSection("breaks").GetChildren().ToDictionary(b => Date(b, b.Key), Intervals, StringComparer.Ordinal);
        return new CalendarDefinition(zone, hours, holidays, overrides, breaks);
    }

    private static IReadOnlyList<string> Intervals(IConfigurationSection s)
    {
        var list = new List<string>();
        foreach (var i in s.GetChildren())
        {
            var m = Interval().Match(i.Value ?? "");
            if (!m.Success) throw Bad(i, $"'{i.Value}' is not an interval HH:mm-HH:mm");
            var start = Minutes(m.Groups["s"].Value);
            var end = Minutes(m.Groups["e"].Value);
            if (start is null || end is null || start >= 24 * 60 || end > 24 * 60 || end <= start)
                throw Bad(i, $"'{i.Value}' is not an interval with 00:00 <= start < end <= 24:00");
            list.Add(i.Value!.Trim());
        }
        return list;
    }

    private static int? Minutes(string hhmm)
    {
        var h = int.Parse(hhmm.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var m = int.Parse(hhmm.AsSpan(3, 2), CultureInfo.InvariantCulture);
        return m < 60 ? h * 60 + m : null;
    }

    private static string Date(IConfigurationSection s, string? text)
    {
        if (!UserInput.TryDate(text, out _, out var problem)) throw Bad(s, problem);
        return text!;
    }

    /// <summary>The one message style of every setting (<see cref="SettingReader"/>): the key, then what is wrong.</summary>
    private static UserError Bad(IConfigurationSection s, string what) => new($"{s.Path}: {what}");

    [GeneratedRegex(@"^\s*(?<s>\d{2}:\d{2})-(?<e>\d{2}:\d{2})\s*$")]
    private static partial Regex Interval();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
