using System.CommandLine;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the Serve feature.</summary>
public static class ServeCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }
}
