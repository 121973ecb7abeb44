using System.CommandLine;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the TrueUp feature.</summary>
public static class TrueUpCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }
}
