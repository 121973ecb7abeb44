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

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IMainJobStep> Steps => [];
}
