using System.CommandLine;
using JuniperFts.Domain;

namespace JuniperFts.Host.Cli;

/// <summary>The <c>fts</c> command line: builds the command tree and turns user mistakes into one line.</summary>
public static class FtsCli
{
    /// <summary>Exit code of a user mistake (bad argument, unreadable input, database in use).</summary>
    public const int UserErrorExit = 2;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default)
    {
        var root = new RootCommand("JuniperFts: SLA attainment, review packs, true-up statements and workload forecasts for FTS contracts.");
        root.Options.Add(CommonOptions.Db);
        foreach (var command in CommandCatalog.Create(context))
            root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line: the first problem, and where to look for the syntax.
            context.Error.WriteLine($"fts: {parse.Errors[0].Message} (see fts --help)");
            return UserErrorExit;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            }, cancellation);
        }
        catch (UserError e)
        {
            context.Error.WriteLine($"fts: {Words(e)}");
            return UserErrorExit;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine("fts: cancelled");
            return 130;
        }
    }

    /// <summary>A user mistake in the command line's words: the option it came in through (<c>--contract: …</c>) before the message.</summary>
    public static string Words(UserError e) => e.Subject is { } option ? $"--{option}: {e.Message}" : e.Message;
}
