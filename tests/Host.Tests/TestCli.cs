using JuniperFts.Host.Cli;
using JuniperFts.Host.Settings;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Tests;

/// <summary>Builds the CLI's context for in-process tests: string writers, a fake clock, in-memory settings.</summary>
public static class TestCli
{
    /// <summary>A context without a console; <paramref name="settings"/> as configuration keys ("Forecast:Seed").</summary>
    public static CliContext Context(TextWriter output, TextWriter error, IClock clock, IDictionary<string, string?>? settings = null) =>
        new()
        {
            Out = output,
            Error = error,
            Clock = clock,
            Settings = Settings(settings),
        };

    /// <summary>The settings of the given configuration keys, bound as <c>fts</c> binds them.</summary>
    public static FtsSettings Settings(IDictionary<string, string?>? settings = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
}
