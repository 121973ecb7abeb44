using System.CommandLine;
using JuniperFts.Forecast;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.Sla;
using NodaTime;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Cli.Features;

/// <summary><c>fts report excel</c>: the leadership SLA workbook, and its step of <c>fts run</c>.</summary>
public static class ExcelCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }

    /// <summary>The sub-commands this feature adds under <c>fts report</c>.</summary>
    public static IEnumerable<Command> ReportCommands(CliContext context) => [Excel(context)];

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [new WorkbookStep()];

    /// <summary>Writes <c>sla-&lt;quarter&gt;.xlsx</c> for the latest complete quarter into the output folder.</summary>
    private sealed class WorkbookStep : IFtsRunStep
    {
        public string Name => "excel";

        public void Run(FtsRun run)
        {
            // The SLA step has refreshed the evaluations; the quarter is the one before the as-of's own, as for the SLA csv files.
            var quarter = Quarter.DefaultAt(run.AsOf);
            var path = Path.Combine(run.OutFolder, SlaWorkbook.FileName(quarter));
            Write(run.Warehouse, run.Cli, quarter, run.AsOf, accounts: null, path, ModelTraining.WhenStale);
            run.Done("excel", $"SLA workbook {quarter}", path);
        }
    }

    private static Command Excel(CliContext context)
    {
        var quarter = CommonOptions.Quarter("The quarter, e.g. 2026Q3", required: true);
        var output = new Option<string>("--out") { Description = "The workbook file to write (.xlsx)", Required = true };
        output.Validators.Add(r =>
        {
            var value = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
            if (!value.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                r.AddError($"--out: '{value}' must be an .xlsx file name");
        });
        var asOf = CommonOptions.AsOf();
        var account = new Option<string[]>("--account")
        {
            Description = "Only these accounts (repeat the option for more); default: every account",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("excel", "The leadership SLA workbook of a quarter: summary, trend with charts, breakdowns, breaches, exclusions")
        {
            quarter, output, asOf, account,
        };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            SlaRefresh.Run(warehouse, context.Reference);
            var accounts = pr.GetValue(account) is { Length: > 0 } ids ? ids.ToHashSet(StringComparer.Ordinal) : null;
            var q = pr.GetValue(quarter)!.Value; // required: the parser has refused anything else
            var path = pr.GetValue(output)!;
            Write(warehouse, context, q, pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant(), accounts, path, ModelTraining.Never);
            context.Out.WriteLine($"SLA workbook {q}: {path}");
            return 0;
        });
        return command;
    }

    /// <summary>Writes the workbook through a temporary file beside <paramref name="path"/>, so a failure never leaves half a file.</summary>
    /// <param name="training">Whether the Staffing sheet's forecast may train the model: as for the packs, only <c>fts run</c>'s may.</param>
    private static void Write(Warehouse warehouse, CliContext context, Quarter quarter, Instant asOf, IReadOnlySet<string>? accounts, string path,
        ModelTraining training)
    {
        var options = context.Settings.Workbook;
        ReportFile.Write(path, file =>
            SlaWorkbook.Write(warehouse, context.Reference, quarter, asOf, accounts, file, options, context.Clock.GetCurrentInstant(),
                context.Settings.Forecast with { Training = training }), "out");
    }
}
