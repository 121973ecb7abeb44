using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Reports.TrueUp;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts trueup</c> command (one statement, or every statement due by a date) and the main job's true-up step.</summary>
public static class TrueUpCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var contract = new Option<string?>("--contract") { Description = "Contract id of one statement" };
        var year = new Option<int?>("--year")
        {
            Description = "Contract year of that statement (1 = the first year)",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 0 ? "" : r.Tokens[0].Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)) return k;
                r.AddError($"--year: '{text}' is not a contract year (a whole number, 1 for the first year)");
                return null;
            },
        };
        var format = CommonOptions.Format("json", "csv");
        var due = new Option<string?>("--due") { Description = "Issue every contract year whose last day is on or before this date (yyyy-MM-dd)" };
        var outDir = new Option<string?>("--out") { Description = "Folder for the PDF, CSV and JSON of each statement and the Excel summary" };
        var reissue = new Option<bool>("--reissue") { Description = "Re-create statements issued before, under the same number, and show what changed" };

        var command = new Command("trueup", "Annual true-up statements: one contract year, or every statement due by a date")
        {
            contract, year, format, due, outDir, reissue,
        };
        command.SetAction(pr =>
        {
            // Every argument is checked before the database is opened, so a mistake touches nothing.
            if (pr.GetValue(due) is { } dueText)
            {
                if (pr.GetValue(contract) is not null || pr.GetValue(year) is not null)
                    throw new UserError("--due issues every statement due; leave out --contract and --year (or drop --due to see one statement)");
                var dueDate = ParseDate(dueText, "--due");
                var folder = pr.GetValue(outDir) ?? throw new UserError("--due needs --out DIR: the folder for the statements");
                var run = OpenService(context, pr).IssueDue(dueDate, folder, pr.GetValue(reissue));
                Report(run, context.Out);
                return 0;
            }

            if (pr.GetValue(outDir) is not null || pr.GetValue(reissue))
                throw new UserError("--out and --reissue go with --due DATE");
            var id = pr.GetValue(contract);
            var k = pr.GetValue(year);
            if (id is null || k is null)
                throw new UserError("give --contract ID --year K for one statement, or --due DATE --out DIR to issue the statements due");
            var statement = OpenService(context, pr).Statement(id, k.Value);
            context.Out.Write(pr.GetValue(format) == "csv" ? TrueUpCsv.Write(statement) : TrueUpJson.Write(statement));
            context.Out.Flush();
            return 0;
        });
        return [command];
    }

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [new IssueDueStatements()];

    /// <summary>Issues the statements of every contract year that ended before the run's as-of day into <c>out/trueup/</c>; those issued before are written again as issued.</summary>
    private sealed class IssueDueStatements : IFtsRunStep
    {
        public string Name => "true-up statements";

        public void Run(FtsRun run)
        {
            // A year is over once its last day is over: the as-of day itself is still running.
            var due = run.AsOf.InUtc().Date.PlusDays(-1);
            var folder = Path.Combine(run.OutFolder, "trueup");
            var result = new TrueUpService(run.Warehouse, run.Cli.Clock).IssueDue(due, folder, reissue: false);
            // A re-run issues nothing twice but writes every statement due again as issued; flag those whose data changed since.
            var issued = result.Statements.Count(s => s.Outcome == IssueOutcome.Issued);
            var already = result.Statements.Where(s => s.Outcome == IssueOutcome.AlreadyIssued).ToList();
            var changed = already.Count(s => s.Changes.Count > 0);
            var unwritten = already.Count(s => s.Files.Count == 0);
            run.Done("true-up", $"due by {TrueUpJson.Date(due)}: {issued} issued, {already.Count} already issued" + (already.Count > unwritten ? " (written as issued)" : "") +
                (changed > 0 ? $", {changed} of them changed since (fts trueup --due {TrueUpJson.Date(due)} --out DIR --reissue)" : "") +
                (unwritten > 0 ? $", {unwritten} not written (issued before copies were kept, and changed since)" : "") +
                $"; summary {Path.GetFileName(result.SummaryPath)}", folder);
            run.Files(result.Statements.SelectMany(s => s.Files).Append(result.SummaryPath));
        }
    }

    private static LocalDate ParseDate(string text, string option) =>
        UserInput.TryDate(text, out var date, out var problem) ? date : throw new UserError($"{option}: {problem}");

    private static TrueUpService OpenService(CliContext context, ParseResult pr) =>
        new(context.OpenWarehouse(pr.GetValue(CommonOptions.Db)), context.Clock);

    /// <summary>One line per statement (what happened, where it went), the changes of reissues, and the summary's path.</summary>
    private static void Report(TrueUpIssueRun run, TextWriter output)
    {
        if (run.Statements.Count == 0)
            output.WriteLine($"no contract year ended on or before {TrueUpJson.Date(run.Due)}");
        foreach (var item in run.Statements)
        {
            var revision = item.Issued.Revision;
            var files = item.Files.Count > 0 ? ": " + string.Join(", ", item.Files.Select(FtsRun.Shown)) : "";
            output.WriteLine(item.Outcome switch
            {
                IssueOutcome.Issued => $"{item.Number}: issued (revision 1){files}",
                IssueOutcome.Reissued => $"{item.Number}: reissued as revision {revision}{files}",
                IssueOutcome.ReissuedUnchanged => $"{item.Number}: reissued unchanged (revision {revision} stays in force){files}",
                _ when item.Changes.Count > 0 => $"{item.Number}: already issued (revision {revision}); the data changed since, run with --reissue to correct it:",
                _ => $"{item.Number}: already issued (revision {revision}, {TrueUpJson.Date(item.Issued.IssuedAt.InUtc().Date)}), written as issued{files}",
            });
            foreach (var change in item.Changes)
                output.WriteLine($"  {change}");
        }
        var counts = run.Statements.GroupBy(s => s.Outcome).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{counts.GetValueOrDefault(IssueOutcome.Issued)} issued, {counts.GetValueOrDefault(IssueOutcome.Reissued)} reissued, " +
                         $"{counts.GetValueOrDefault(IssueOutcome.ReissuedUnchanged)} reissued unchanged, {counts.GetValueOrDefault(IssueOutcome.AlreadyIssued)} already issued");
        output.WriteLine($"summary: {FtsRun.Shown(run.SummaryPath)}");
        output.Flush();
    }
}
