using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Sla;
using NodaTime;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Cli.Features;

/// <summary><c>fts report review-pack</c>, and the review-pack step of <c>fts run</c>.</summary>
public static class ReviewPackCommands
{
    /// <summary>The folder under <c>fts run</c>'s output where the packs go.</summary>
    public const string RunFolder = "review-packs";

    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }

    /// <summary>The sub-commands this feature adds under <c>fts report</c>.</summary>
    public static IEnumerable<Command> ReportCommands(CliContext context) => [ReviewPack(context)];

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IMainJobStep> Steps => [new ReviewPacksStep()];

    /// <summary>The pack of every account for the latest complete quarter at the run's as-of, into <c>out/review-packs/</c>.</summary>
    private sealed class ReviewPacksStep : IMainJobStep
    {
        public string Name => "review-packs";

        public void Run(MainJobRun run)
        {
            SlaRefresh.Run(run.Warehouse, run.Cli.Reference);
            var quarter = Quarter.DefaultAt(run.AsOf);
            var folder = Path.Combine(run.OutFolder, RunFolder);
            // fts run makes the forecast, so its packs may train the model for the quarter's end (a read never does).
            var options = run.Cli.Settings.ReviewPacks(ModelTraining.WhenStale);
            var written = ReviewPacks.WriteAll(run.Warehouse, run.Cli.Reference, quarter, run.AsOf, folder, options);
            run.Done("review-packs", $"Review packs {quarter} ({written.Count} accounts)", folder);
            run.Files(written);
        }
    }

    /// <summary><c>review-pack (--account ID --out FILE.pdf | --all --out DIR) [--quarter Q] [--as-of I]</c>.</summary>
    public static Command ReviewPack(CliContext context)
    {
        var account = new Option<string?>("--account") { Description = "The account whose pack to write" };
        var all = new Option<bool>("--all") { Description = "Write the pack of every account (then --out is a folder)" };
        var quarter = CommonOptions.Quarter("Quarter of the pack, e.g. 2026Q3 (default: the latest complete quarter at the as-of)");
        var output = new Option<string>("--out") { Description = "FILE.pdf with --account; a folder with --all", Required = true };
        var asOf = CommonOptions.AsOf();
        var command = new Command("review-pack", "The service manager's quarterly review-meeting pack (PDF)") { account, all, quarter, output, asOf };
        command.SetAction(pr =>
        {
            var accountId = pr.GetValue(account);
            var everyAccount = pr.GetValue(all);
            if (everyAccount == (accountId is not null))
                throw new UserError("review-pack: give either --account ID (with --out FILE.pdf) or --all (with --out DIR)");
            var at = pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant();
            var q = pr.GetValue(quarter) ?? Quarter.DefaultAt(at);
            var target = pr.GetValue(output)!;

            // A pack is a read: it uses the saved forecast and never trains one.
            var options = context.Settings.ReviewPacks(ModelTraining.Never);
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            SlaRefresh.Run(warehouse, context.Reference);
            if (everyAccount)
            {
                var written = ReviewPacks.WriteAll(warehouse, context.Reference, q, at, target, options);
                foreach (var path in written) context.Out.WriteLine(path);
                context.Error.WriteLine($"{written.Count} review packs for {q} written to {target}");
            }
            else
            {
                var path = WriteOne(warehouse, context.Reference, options, accountId!, q, at, target);
                context.Out.WriteLine(path);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Writes one pack; an existing folder as <paramref name="target"/> gets the pack's default file name inside it.</summary>
    private static string WriteOne(Warehouse warehouse, ReferenceData reference, ReviewPackOptions options, string accountId, Quarter quarter, Instant asOf, string target)
    {
        // Build first: an unknown account fails before any file is touched.
        var model = ReviewPacks.Build(warehouse, reference, accountId, quarter, asOf, options);
        var path = Directory.Exists(target) ? Path.Combine(target, ReviewPacks.FileName(accountId, quarter)) : target;
        ReportFile.Write(path, file => ReviewPacks.Render(model, file), "out");
        return path;
    }
}
