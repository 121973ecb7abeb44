using System.Diagnostics;
using JuniperFts.Host.Cli;
using JuniperFts.Ingest.Tests.Ingest;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Ingest;

/// <summary>Runs <c>fts</c> in-process (with string writers) or as the real executable beside the tests.</summary>
public static class Fts
{
    public static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 12, 0));

    public sealed record Outcome(int Exit, string Out, string Error);

    /// <summary>In-process, non-interactive, with optional configuration settings.</summary>
    public static Outcome Run(IDictionary<string, string?>? settings, params string[] args) => Run(Clock, settings, args);

    /// <summary>In-process at the time of <paramref name="clock"/>.</summary>
    public static Outcome Run(IClock clock, IDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = FtsCli.RunAsync(args, TestCli.Context(output, error, clock, settings)).GetAwaiter().GetResult();
        return new Outcome(exit, output.ToString(), error.ToString());
    }

    public static Outcome Run(params string[] args) => Run(null, args);

    /// <summary>The real <c>fts</c> executable copied next to the tests.</summary>
    public static ProcessStartInfo Process(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "fts"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("FTS_DB");
        return info;
    }
}
