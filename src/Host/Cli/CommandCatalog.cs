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
        Report(context),
        .. ExcelCommands.Create(context),
        .. ReviewPackCommands.Create(context),
        .. TrueUpCommands.Create(context),
        .. ForecastCommands.Create(context),
        .. StaffingCommands.Create(context),
        .. ServeCommands.Create(context),
        .. Delivery.DeliverCommand.Create(context),
    ];

    /// <summary>
    /// <c>fts report</c>: one parent for the documents of several features (the workbook, the packs).
    /// A sub-command must have a single parent, or recursive options such as --db are not found.
    /// </summary>
    private static Command Report(CliContext context)
    {
        var report = new Command("report", "Reports for people: the leadership SLA workbook and the review-meeting packs");
        foreach (var sub in (IEnumerable<Command>)[.. ExcelCommands.ReportCommands(context), .. ReviewPackCommands.ReportCommands(context)])
            report.Subcommands.Add(sub);
        return report;
    }
}
