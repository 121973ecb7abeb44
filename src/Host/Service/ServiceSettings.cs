using System.Globalization;
using JuniperFts.Domain;
using JuniperFts.Host.Service.Scheduling;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Service;

/// <summary>The names of the scheduled jobs, as they appear in configuration, the ledger and <c>/api/jobs</c>.</summary>
public static class JobNames
{
    public const string Ingest = "ingest";
    public const string SlaRefresh = "sla-refresh";
    public const string TrueUp = "true-up";
    public const string Forecast = "forecast";
    public const string ReviewPacks = "review-packs";

    /// <summary>Every job, in the order a start-up catch-up runs them (ingest first so later jobs see the new data).</summary>
    public static IReadOnlyList<string> All { get; } = [Ingest, SlaRefresh, TrueUp, Forecast, ReviewPacks];
}

/// <summary>The <c>Service</c> configuration section, read and checked once at start-up.</summary>
/// <param name="DropFolder">Full path of the folder whose sub-folders are file sets to ingest.</param>
/// <param name="OutFolder">Full path under which jobs write their files.</param>
/// <param name="Retries">How many times a failed run is tried again before it shows as failed.</param>
public sealed record ServiceSettings(
    string DropFolder, string OutFolder, DateTimeZone Zone, TimeZoneInfo ZoneInfo,
    IReadOnlyList<JobPlan> Plans, int Retries, Duration RetryDelay, IReadOnlySet<LocalDate> Holidays)
{
    /// <summary>Default cron strings and periods of web.md's job table.</summary>
    public static IReadOnlyList<(string Job, string Cron, PeriodKind Period)> Defaults { get; } =
    [
        (JobNames.Ingest, "0 1 * * *", PeriodKind.Day),
        (JobNames.SlaRefresh, "0 2 * * *", PeriodKind.Day),
        (JobNames.TrueUp, "0 3 * * *", PeriodKind.Day),
        (JobNames.Forecast, "0 4 * * 1", PeriodKind.IsoWeek),
        // Fires on weekdays at 06:00; the calendar makes only the first business day after a quarter's end due.
        (JobNames.ReviewPacks, "0 6 * * 1-5", PeriodKind.QuarterEnded),
    ];

    /// <summary>Total tries of one period key: the first plus <see cref="Retries"/>.</summary>
    public int MaxAttempts => Retries + 1;

    /// <summary>The pure due-time logic in the configured zone and holidays.</summary>
    public JobCalendar Calendar => new(Zone, Holidays);

    /// <summary>The plan of job <paramref name="job"/>.</summary>
    public JobPlan Plan(string job) => Plans.Single(p => p.Job == job);

    /// <summary>Reads and validates the <c>Service</c> section; creates the drop folder when missing.</summary>
    /// <exception cref="UserError">One line naming the setting and what is wrong with it.</exception>
    public static ServiceSettings Load(IConfiguration configuration)
    {
        var section = configuration.GetSection("Service");

        var zoneId = section["TimeZone"] is { Length: > 0 } z ? z : "UTC";
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new UserError($"Service:TimeZone: '{zoneId}' is not an IANA time zone (e.g. Europe/Amsterdam)");
        // Coravel's .Zoned() takes a TimeZoneInfo; on Linux it resolves the same IANA name.
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zoneInfo))
            throw new UserError($"Service:TimeZone: '{zoneId}' is not known to this machine's time zone database");

        var plans = new List<JobPlan>();
        foreach (var (job, cron, period) in Defaults)
        {
            var text = section[$"Schedules:{job}"] is { Length: > 0 } configured ? configured : cron;
            if (!CronSchedule.TryParse(text, out var schedule, out var problem))
                throw new UserError($"Service:Schedules:{job}: {problem}");
            plans.Add(new JobPlan(job, schedule, period));
        }
        foreach (var child in section.GetSection("Schedules").GetChildren())
            if (!JobNames.All.Contains(child.Key))
                throw new UserError($"Service:Schedules:{child.Key}: no such job (jobs: {string.Join(", ", JobNames.All)})");

        var retries = Integer(section, "Retries", 2, 0, 10);
        var delay = Integer(section, "RetryDelaySeconds", 60, 0, 3600);

        var holidays = new HashSet<LocalDate>();
        foreach (var child in section.GetSection("Holidays").GetChildren())
        {
            var parsed = LocalDatePattern.Iso.Parse(child.Value ?? "");
            if (!parsed.Success) throw new UserError($"Service:Holidays:{child.Key}: '{child.Value}' is not a date (yyyy-MM-dd)");
            holidays.Add(parsed.Value);
        }

        var drop = ReadableFolder(section["DropFolder"] is { Length: > 0 } d ? d : "data/drop", "Service:DropFolder");
        var output = OutFolderOf(configuration);

        return new ServiceSettings(drop, output, zone, zoneInfo, plans, retries, Duration.FromSeconds(delay), holidays);
    }

    /// <summary>Full path of <c>Service:OutFolder</c> (default <c>out/service</c>), where jobs write and <c>fts deliver</c> looks.</summary>
    public static string OutFolderOf(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Service:OutFolder"] is { Length: > 0 } o ? o : "out/service");

    private static int Integer(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UserError($"Service:{key}: '{text}' is not a whole number from {min} to {max}");
        return value;
    }

    /// <summary>Creates <paramref name="path"/> when missing and proves it can be listed.</summary>
    private static string ReadableFolder(string path, string setting)
    {
        var what = $"{setting}: cannot create or read the folder '{path}'";
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new UserError($"{what}: {e.Message}", e);
        }
        return UserError.OnIo(what, () =>
        {
            Directory.CreateDirectory(full);
            _ = Directory.EnumerateFileSystemEntries(full).Any();
            return full;
        });
    }
}
