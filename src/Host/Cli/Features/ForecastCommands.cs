using System.CommandLine;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the Forecast feature.</summary>
public static class ForecastCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }
}
