using JuniperFts.Store;
using NodaTime;
using Spectre.Console;

namespace JuniperFts.Host.Cli;

/// <summary>What the steps of <c>fts run</c> share: the warehouse, the as-of instant and the output folder.</summary>
/// <param name="AsOf">The latest instant in the data unless <c>--as-of</c> was given, so the same data gives the same outputs.</param>
/// <param name="Verbose">Also list every file a step wrote (<c>--verbose</c>), not only its folder.</param>
public sealed record FtsRun(CliContext Cli, Warehouse Warehouse, string OutFolder, Instant AsOf, bool Verbose = false)
{
    /// <summary>Where the step lines go: the console, or a buffer while a progress spinner holds the console.</summary>
    public TextWriter Lines { get; init; } = Cli.Out;

    /// <summary>The step's one line: what it did, then where it wrote (files or a folder).</summary>
    public void Done(string step, string facts, params string[] wrote)
    {
        Lines.WriteLine($"{step}: {facts}" + (wrote.Length > 0 ? " -> " + string.Join(", ", wrote.Select(Shown)) : ""));
        Lines.Flush();
    }

    /// <summary>With <c>--verbose</c>, one indented line per file written; nothing otherwise.</summary>
    public void Files(IEnumerable<string> paths)
    {
        if (!Verbose) return;
        foreach (var path in paths) Lines.WriteLine("  " + Shown(path));
        Lines.Flush();
    }

    /// <summary>A path as people type it: relative when under the working folder, else absolute; folders end with a slash.</summary>
    public static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
        return Directory.Exists(path) ? shown.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar : shown;
    }
}

/// <summary>One step of <c>fts run</c> after ingest; each feature contributes one.</summary>
public interface IFtsRunStep
{
    /// <summary>Short name printed while the step runs.</summary>
    string Name { get; }
    void Run(FtsRun run);
}

/// <summary>The steps of <c>fts run</c> after ingest, in the order they run.</summary>
public static class FtsRunSteps
{
    public static IEnumerable<IFtsRunStep> All =>
    [
        .. Features.SlaCommands.Steps,
        .. Features.ExcelCommands.Steps,
        .. Features.TrueUpCommands.Steps,
        .. Features.ForecastCommands.Steps,
        .. Features.ReviewPackCommands.Steps,
    ];

    /// <summary>Runs every step; a person at the console sees a spinner on the running step, logs and pipes get only the step lines.</summary>
    public static void RunAll(FtsRun run)
    {
        foreach (var step in All)
        {
            if (!run.Cli.Interactive)
            {
                step.Run(run);
                continue;
            }
            // The spinner owns the console while it spins: the step's line is printed once it stops.
            var lines = new StringWriter();
            AnsiConsole.Status().Start(Markup.Escape(step.Name + " ..."), _ => step.Run(run with { Lines = lines }));
            run.Cli.Out.Write(lines.ToString());
            run.Cli.Out.Flush();
        }
    }
}
