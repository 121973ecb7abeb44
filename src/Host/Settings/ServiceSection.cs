using JuniperFts.Domain;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Settings;

/// <summary>Binds the <c>Service</c> section into <see cref="ServiceSettings"/>.</summary>
public static class ServiceSection
{
    /// <summary>Reads and validates the <c>Service</c> section; creates the drop folder when missing.</summary>
    /// <exception cref="UserError">One line naming the setting and what is wrong with it.</exception>
    public static ServiceSettings Bind(IConfiguration configuration)
    {
        var section = SettingReader.Of(configuration, "Service");

        var zoneId = section.Text("TimeZone") ?? "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw section.Problem("TimeZone", $"'{zoneId}' is not an IANA time zone (e.g. Europe/Amsterdam)");
        // Coravel's .Zoned() takes a TimeZoneInfo; on Linux it resolves the same IANA name.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zoneInfo))
            throw section.Problem("TimeZone", $"'{zoneId}' is not known to this machine's time zone database");

        var plans = new List<JobPlan>();
        foreach (var (job, cron, period) in ServiceSettings.Defaults)
        {
            var text = section.Text($"Schedules:{job}") ?? cron;
            if (!CronSchedule.TryParse(text, out var schedule, out var problem))
                throw section.Problem($"Schedules:{job}", problem);
            plans.Add(new JobPlan(job, schedule, period));
        }
        foreach (var child in section.Children("Schedules"))
            if (!JobNames.All.Contains(child.Key))
                throw section.Problem($"Schedules:{child.Key}", $"no such job (jobs: {string.Join(", ", JobNames.All)})");

        var retries = section.Whole("Retries", 2, 0, 10);
        var delay = section.Whole("RetryDelaySeconds", 60, 0, 3600);
        var holidays = section.Children("Holidays").Select(SettingReader.Date).ToList();
        // Which days are business days is the support centres' rule (BusinessCalendar): a calendar in their JSON shape,
        // by default every weekday in the service's zone, less Service:Holidays.
        var calendar = section.Has("Calendar")
            ? ReferenceDataConfiguration.ReadCalendar(configuration.GetSection(section.Key("Calendar")))
            : CalendarDefinition.Weekdays(zoneId, "00:00-24:00");
        var businessDays = section.Build("Calendar", () => BusinessCalendar.From(calendar, holidays));

        var drop = ReadableFolder(section.FullPath("DropFolder", "data/drop")!, section.Key("DropFolder"));
        return new ServiceSettings(drop, OutFolderOf(configuration), zone, zoneInfo, plans, retries, Duration.FromSeconds(delay), businessDays);
    }

    /// <summary>Full path of <c>Service:OutFolder</c> (default <c>out/service</c>), where jobs write and <c>fts deliver</c> looks.</summary>
    public static string OutFolderOf(IConfiguration configuration) =>
        SettingReader.Of(configuration, "Service").FullPath("OutFolder", "out/service")!;

    /// <summary>Creates <paramref name="full"/> when missing and proves it can be listed.</summary>
    private static string ReadableFolder(string full, string setting) =>
        UserError.OnIo($"{setting}: cannot create or read the folder '{full}'", () =>
        {
            Directory.CreateDirectory(full);
            _ = Directory.EnumerateFileSystemEntries(full).Any();
            return full;
        });
}
