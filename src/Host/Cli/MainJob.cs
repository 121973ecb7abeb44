using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Host.Cli;

/// <summary>What the steps of <c>fts run</c> share: the warehouse, the as-of instant and the output folder.</summary>
/// <param name="AsOf">The latest instant in the data unless <c>--as-of</c> was given, so the same data gives the same outputs.</param>
public sealed record MainJobRun(CliContext Cli, Warehouse Warehouse, string OutFolder, Instant AsOf)
{
    /// <summary>Records an output file and prints where it is.</summary>
    public void Wrote(string what, string path) => Cli.Out.WriteLine($"{what}: {Path.GetRelativePath(Directory.GetCurrentDirectory(), path)}");
}

/// <summary>One step of <c>fts run</c> after ingest; each feature contributes one.</summary>
public interface IMainJobStep
{
    /// <summary>Short name printed while the step runs.</summary>
    string Name { get; }
    void Run(MainJobRun run);
}

/// <summary>The steps of <c>fts run</c> after ingest, in the order they run.</summary>
public static class MainJobSteps
{
    public static IEnumerable<IMainJobStep> All =>
    [
        .. Features.SlaCommands.Steps,
        .. Features.ExcelCommands.Steps,
        .. Features.TrueUpCommands.Steps,
        .. Features.ForecastCommands.Steps,
        .. Features.ReviewPackCommands.Steps,
    ];
}
