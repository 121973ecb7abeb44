using System.CommandLine;
using JuniperFts.Host.Cli.Features;

namespace JuniperFts.Host.Cli;

/// <summary>Every sub-command of <c>fts</c>; each feature lists its commands in its own file under Features/.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context) => MergeByName(
    [
        .. IngestCommands.Create(context),
        .. SlaCommands.Create(context),
        .. ExcelCommands.Create(context),
        .. ReviewPackCommands.Create(context),
        .. TrueUpCommands.Create(context),
        .. ForecastCommands.Create(context),
        .. ServeCommands.Create(context),
    ]);

    /// <summary>
    /// Features may each contribute sub-commands under one shared parent (the Excel workbook and the
    /// review pack both live under <c>fts report</c>): equally named commands become one.
    /// </summary>
    private static IEnumerable<Command> MergeByName(IEnumerable<Command> commands)
    {
        var byName = new Dictionary<string, Command>(StringComparer.Ordinal);
        var merged = new List<Command>();
        foreach (var command in commands)
        {
            if (!byName.TryGetValue(command.Name, out var first))
            {
                byName[command.Name] = command;
                merged.Add(command);
                continue;
            }
            foreach (var sub in command.Subcommands.ToList()) first.Subcommands.Add(sub);
            foreach (var option in command.Options.ToList()) first.Options.Add(option);
        }
        return merged;
    }
}
