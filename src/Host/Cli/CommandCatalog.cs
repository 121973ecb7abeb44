using System.CommandLine;

namespace JuniperFts.Host.Cli;

/// <summary>Every sub-command of <c>fts</c>; a feature adds its command here.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        yield break;
    }
}
