using JuniperFts.Domain.Reference;
using JuniperFts.Host.Settings;
using JuniperFts.Store;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Cli;

/// <summary>What every command needs from its surroundings: writers, clock and the settings bound once.</summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required IClock Clock { get; init; }
    /// <summary>The option records the CLI, the jobs and the portal share.</summary>
    public required FtsSettings Settings { get; init; }
    /// <summary>True when a person watches the console: progress bars and rich tables are drawn.</summary>
    public bool Interactive { get; init; }

    /// <summary>Built-in reference data with the configuration's overrides applied.</summary>
    public ReferenceData Reference => Settings.Reference;

    /// <summary>Opens and migrates the existing warehouse named by <c>--db</c> / <c>FTS_DB</c>; a missing one is a user error and nothing is created.</summary>
    public Warehouse OpenWarehouse(string? dbOption) => Warehouse.OpenExisting(Settings.DatabasePath(dbOption));

    /// <summary>Opens the warehouse named by <c>--db</c> / <c>FTS_DB</c>, creating it when missing: only for the commands that write (ingest, run, serve).</summary>
    public Warehouse OpenOrCreateWarehouse(string? dbOption) => Warehouse.Open(Settings.DatabasePath(dbOption));

    /// <summary>The context of the real process: console, system clock, appsettings.json and environment.</summary>
    public static CliContext ForProcess()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            Clock = SystemClock.Instance,
            Settings = new FtsSettings(configuration),
            Interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        };
    }
}
