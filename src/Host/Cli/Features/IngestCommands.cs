using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Ingest;
using JuniperFts.Ingest.Sample;
using JuniperFts.Store;
using JuniperFts.Reports.Files;
using JuniperFts.Reports.Sla;
using NodaTime;
using Spectre.Console;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the Ingest feature: ingest, quarantine, compliance, run and sample.</summary>
public static class IngestCommands
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        IngestCommand(context),
        QuarantineCommand(context),
        ComplianceCommand(context),
        RunCommand(context),
        SampleCommand(context),
    ];

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    /// <remarks>Ingest itself runs before every step, in <c>fts run</c>; it adds no report of its own.</remarks>
    public static IEnumerable<IFtsRunStep> Steps => [];

    private static Command IngestCommand(CliContext context)
    {
        var folder = new Argument<string>("DIR") { Description = "Drop folder holding the input files (.csv or .xlsx)" };
        var noRefresh = new Option<bool>("--no-sla-refresh")
        {
            Description = "Bulk loads: skip the SLA evaluation of the changed cases (the next SLA read or the sla-refresh job does it)",
        };
        var command = new Command("ingest", "Ingest a drop folder as one atomic batch; rejected rows go to quarantine") { folder, noRefresh };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenOrCreateWarehouse(pr.GetValue(CommonOptions.Db));
            Ingest(context, warehouse, pr.GetValue(folder)!, refreshSla: !pr.GetValue(noRefresh));
            return 0;
        });
        return command;
    }

    /// <summary>Ingests <paramref name="folder"/> showing progress, prints the per-file counts, then refreshes the SLA evaluations of the changed cases.</summary>
    /// <param name="logLines">Without a console, log each file read and written on stderr (<c>fts ingest</c>; <c>fts run</c> prints only its results).</param>
    public static IngestResult Ingest(CliContext context, Warehouse warehouse, string folder, bool refreshSla = true, bool logLines = true)
    {
        var ingest = new DropFolderIngest(warehouse, context.Reference, context.Clock);
        var result = context.Interactive
            ? WithProgressBars(context, p => ingest.Run(folder, p))
            : ingest.Run(folder, logLines ? new LogLines(context.Error) : null);
        PrintCounts(context, result);
        // Stored SLA evaluations follow every ingest, so reports and the portal never recompute per request.
        if (refreshSla)
        {
            var evaluated = SlaRefresh.Run(warehouse, context.Reference);
            context.Error.WriteLine($"sla: {evaluated} case(s) evaluated");
        }
        return result;
    }

    private static IngestResult WithProgressBars(CliContext context, Func<IProgress<IngestProgress>, IngestResult> run) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                return run(new Progress(p =>
                {
                    var key = p.Stage == "reading" ? p.File! : "write batch";
                    if (!tasks.TryGetValue(key, out var task))
                        tasks[key] = task = ctx.AddTask(Markup.Escape(p.Stage == "reading" ? "read " + key : key), maxValue: Math.Max(1, p.Total));
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    if (p.Stage == "committing") task.Value = task.MaxValue;
                }));
            });

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>), so bars and lines keep up with the work.</summary>
    private sealed class Progress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    /// <summary>Plain log lines for logs and pipes: one when a file starts being read, one per file merged, one at commit.</summary>
    private sealed class LogLines(TextWriter log) : IProgress<IngestProgress>
    {
        private string? _last;

        public void Report(IngestProgress p)
        {
            var line = p.Stage switch
            {
                "reading" when p.Done == 0 => $"ingest: reading {p.File}",
                "writing" when p.File is null => "ingest: writing the batch",
                "writing" => $"ingest: writing {p.File}",
                "committing" => "ingest: committing",
                _ => null,
            };
            if (line is null || line == _last) return;
            _last = line;
            log.WriteLine(line);
            log.Flush();
        }
    }

    private static void PrintCounts(CliContext context, IngestResult result)
    {
        var rows = result.Files.Select(f => (IReadOnlyList<object?>)[f.File, f.Read, f.Accepted, f.Rejected, f.Inserted, f.Updated, f.Unchanged]).ToList();
        context.Out.WriteLine($"batch {result.BatchId} from {result.Folder}");
        TabularOutput.Write(new Tabular(["file", "read", "accepted", "rejected", "inserted", "updated", "unchanged"], rows), "table", context);
        var rejected = result.Files.Sum(f => f.Rejected);
        if (result.ChangedNothing)
            context.Out.WriteLine("nothing changed: every accepted row was already stored with the same values");
        if (rejected > 0)
            context.Out.WriteLine($"{rejected} row{(rejected == 1 ? "" : "s")} rejected: see fts quarantine --batch {result.BatchId}");
        context.Out.Flush();
    }

    private static Command QuarantineCommand(CliContext context)
    {
        var batch = CommonOptions.WholeNumber("--batch", "Only the rows of this batch", 1L, long.MaxValue);
        var format = CommonOptions.Format("table", "csv", "json");
        var command = new Command("quarantine", "Rejected rows with their file, line, reason and raw text") { batch, format };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            var rows = IngestQueries.Quarantine(warehouse, pr.GetValue(batch))
                .Select(q => (IReadOnlyList<object?>)[q.BatchId, q.File, q.Line, q.Reason, q.Detail, q.Raw]).ToList();
            TabularOutput.Write(new Tabular(["batch_id", "file", "line", "reason", "detail", "raw"], rows), pr.GetValue(format)!, context);
            return 0;
        });
        return command;
    }

    private static Command ComplianceCommand(CliContext context)
    {
        var format = CommonOptions.Format("table", "csv", "json");
        var command = new Command("compliance", "Findings that reject nothing: short contracts, representative counts, missing contacts, unregistered serials") { format };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            var rows = IngestQueries.Compliance(warehouse)
                .Select(f => (IReadOnlyList<object?>)[f.Kind, f.Subject, f.AccountId, f.Detail, f.BatchId]).ToList();
            TabularOutput.Write(new Tabular(["kind", "subject", "account_id", "detail", "batch_id"], rows), pr.GetValue(format)!, context);
            return 0;
        });
        return command;
    }

    private static Command RunCommand(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Drop folder to ingest", DefaultValueFactory = _ => "sample-data" };
        var output = new Option<string>("--out") { Description = "Folder for every report", DefaultValueFactory = _ => "out" };
        var asOf = CommonOptions.AsOf();
        var verbose = new Option<bool>("--verbose") { Description = "List every file written, not only each step's folder" };
        var command = new Command("run", "The main job: ingest the drop folder, then write every report into the output folder") { data, output, asOf, verbose };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenOrCreateWarehouse(pr.GetValue(CommonOptions.Db));
            // The SLA step refreshes the evaluations and counts them in its line.
            Ingest(context, warehouse, pr.GetValue(data)!, refreshSla: false, logLines: false);
            var outFolder = Path.GetFullPath(pr.GetValue(output)!);
            UserError.OnIo($"cannot create the output folder {pr.GetValue(output)}", () => Directory.CreateDirectory(outFolder));
            var instant = pr.GetValue(asOf) ?? DataAsOf.Latest(warehouse) ?? context.Clock.GetCurrentInstant();
            context.Out.WriteLine($"as of {instant}");
            FtsRunSteps.RunAll(new FtsRun(context, warehouse, outFolder, instant, pr.GetValue(verbose)));
            context.Out.Flush();
            return 0;
        });
        return command;
    }

    private static Command SampleCommand(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the drop folder into", Required = true };
        var cases = CommonOptions.WholeNumber("--cases", "Number of cases [default: 5000]", 0, 100_000_000);
        var seed = CommonOptions.WholeNumber("--seed", "Random seed: the same seed writes the same files [default: 1]", int.MinValue, int.MaxValue);
        var clean = new Option<bool>("--clean") { Description = "Leave out the bad rows (for loading with an unvalidated COPY in benchmarks)" };
        var command = new Command("sample", "Write a realistic drop folder (deterministic by seed), with a few bad rows of each reason") { output, cases, seed, clean };
        command.SetAction(pr =>
        {
            var written = SampleDropFolder.Write(pr.GetValue(output)!, new SampleOptions(pr.GetValue(cases) ?? 5000, pr.GetValue(seed) ?? 1) { BadRows = !pr.GetValue(clean) });
            foreach (var (file, rows) in written)
                context.Out.WriteLine($"{file}: {rows} rows");
            context.Out.Flush();
            return 0;
        });
        return command;
    }
}
