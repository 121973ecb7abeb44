using System.CommandLine;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the ReviewPack feature.</summary>
public static class ReviewPackCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IMainJobStep> Steps => [];
}
