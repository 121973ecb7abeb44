using System.CommandLine;
using JuniperFts.Host.Cli.Features;

namespace JuniperFts.Host.Cli;

/// <summary>Every sub-command of <c>fts</c>; each feature lists its commands in its own file under Features/.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        .. IngestCommands.Create(context),
        .. SlaCommands.Create(context),
        .. ExcelCommands.Create(context),
        .. ReviewPackCommands.Create(context),
        .. TrueUpCommands.Create(context),
        .. ForecastCommands.Create(context),
        .. ServeCommands.Create(context),
    ];
}
