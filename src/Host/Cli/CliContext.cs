using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Cli;

/// <summary>What every command needs from its surroundings: writers, clock, configuration.</summary>
/// <remarks>Tests build one with string writers and a fake clock and call <see cref="FtsCli.RunAsync"/> in-process.</remarks>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required IClock Clock { get; init; }
    public required IConfiguration Configuration { get; init; }
    /// <summary>True when a person watches the console: progress bars and rich tables are drawn.</summary>
    public bool Interactive { get; init; }

    /// <summary>The default database path when neither <c>--db</c> nor <c>FTS_DB</c> is given.</summary>
    public const string DefaultDatabase = "data/fts.duckdb";

    private ReferenceData? _reference;

    /// <summary>Built-in reference data with the configuration's overrides applied.</summary>
    public ReferenceData Reference => _reference ??= ReferenceDataConfiguration.Load(Configuration);

    /// <summary>The database path from <c>--db</c>, else <c>FTS_DB</c>, else <see cref="DefaultDatabase"/>.</summary>
    public string DatabasePath(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Configuration["FTS_DB"] is { Length: > 0 } env ? env
        : DefaultDatabase;

    /// <summary>Opens and migrates the warehouse named by <c>--db</c> / <c>FTS_DB</c>.</summary>
    public Warehouse OpenWarehouse(string? dbOption) => Warehouse.Open(DatabasePath(dbOption));

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
            Configuration = configuration,
            Interactive = !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        };
    }

    /// <summary>A context for tests and embedding: no console, the given clock and settings.</summary>
    public static CliContext ForTest(TextWriter output, TextWriter error, IClock clock, IDictionary<string, string?>? settings = null) =>
        new()
        {
            Out = output,
            Error = error,
            Clock = clock,
            Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build(),
        };
}
