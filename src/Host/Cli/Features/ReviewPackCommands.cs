using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Sla;
using NodaTime;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Cli.Features;

/// <summary><c>fts report review-pack</c> and <c>review-deck</c>, and their steps of <c>fts run</c>.</summary>
public static class ReviewPackCommands
{
    /// <summary>The folder under <c>fts run</c>'s output where the packs go.</summary>
    public const string RunFolder = "review-packs";

    /// <summary>The folder under <c>fts run</c>'s output where the decks go, beside the packs.</summary>
    public const string DeckFolder = "review-decks";

    public static IEnumerable<Command> Create(CliContext context)
    {
        _ = context;
        return [];
    }

    /// <summary>The sub-commands this feature adds under <c>fts report</c>.</summary>
    public static IEnumerable<Command> ReportCommands(CliContext context) => [ReviewPack(context), ReviewDeck(context)];

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [new ReviewPacksStep(), new ReviewDecksStep()];

    /// <summary>The pack of every account for the latest complete quarter at the run's as-of, into <c>out/review-packs/</c>.</summary>
    private sealed class ReviewPacksStep : IFtsRunStep
    {
        public string Name => "review-packs";

        public void Run(FtsRun run)
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

    /// <summary>The decks of the accounts with cases or contracts in the run's quarter, into <c>out/review-decks/</c> (the packs' forecast is reused).</summary>
    private sealed class ReviewDecksStep : IFtsRunStep
    {
        public string Name => "review-decks";

        public void Run(FtsRun run)
        {
            var quarter = Quarter.DefaultAt(run.AsOf);
            var folder = Path.Combine(run.OutFolder, DeckFolder);
            var written = ReviewDecks.WriteAll(run.Warehouse, run.Cli.Reference, quarter, run.AsOf, folder, run.Cli.Settings.ReviewPacks(ModelTraining.WhenStale));
            run.Done("review-decks", $"Review decks {quarter} ({written.Count} accounts)", folder);
            run.Files(written);
        }
    }

    /// <summary><c>review-pack (--account ID --out FILE.pdf | --all --out DIR) [--quarter Q] [--as-of I]</c>.</summary>
    public static Command ReviewPack(CliContext context) =>
        Review(context, "review-pack", "pack", "pdf", "The service manager's quarterly review-meeting pack (PDF)",
            ReviewPacks.WriteAll, ReviewPacks.FileName, (model, file, _) => ReviewPacks.Render(model, file));

    /// <summary><c>review-deck (--account ID --out FILE.pptx | --all --out DIR) [--quarter Q] [--as-of I]</c>: the same review as an editable deck.</summary>
    public static Command ReviewDeck(CliContext context) =>
        Review(context, "review-deck", "deck", "pptx", "The same review as an editable PowerPoint deck (on Reports:DeckTemplate when set)",
            ReviewDecks.WriteAll, ReviewDecks.FileName, (model, file, options) => ReviewDecks.Render(model, file, options));

    private delegate IReadOnlyList<string> WriteAllReviews(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ReviewPackOptions? options, CancellationToken cancellation, IReadOnlyList<string>? accountIds);

    private static Command Review(CliContext context, string name, string noun, string extension, string description,
        WriteAllReviews writeAll, Func<string, Quarter, string> fileName, Action<ReviewPackModel, Stream, ReviewPackOptions> render)
    {
        var account = new Option<string?>("--account") { Description = $"The account whose {noun} to write" };
        var all = new Option<bool>("--all") { Description = $"Write the {noun} of every account (then --out is a folder)" };
        var quarter = CommonOptions.Quarter($"Quarter of the {noun}, e.g. 2026Q3 (default: the latest complete quarter at the as-of)");
        var output = new Option<string>("--out") { Description = $"FILE.{extension} with --account; a folder with --all", Required = true };
        var asOf = CommonOptions.AsOf();
        var command = new Command(name, description) { account, all, quarter, output, asOf };
        command.SetAction(pr =>
        {
            var accountId = pr.GetValue(account);
            var everyAccount = pr.GetValue(all);
            if (everyAccount == (accountId is not null))
                throw new UserError($"{name}: give either --account ID (with --out FILE.{extension}) or --all (with --out DIR)");
            var at = pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant();
            var q = pr.GetValue(quarter) ?? Quarter.DefaultAt(at);
            var target = pr.GetValue(output)!;

            // A pack is a read: it uses the saved forecast and never trains one.
            var options = context.Settings.ReviewPacks(ModelTraining.Never);
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            SlaRefresh.Run(warehouse, context.Reference);
            if (everyAccount)
            {
                var written = writeAll(warehouse, context.Reference, q, at, target, options, default, null);
                foreach (var path in written) context.Out.WriteLine(path);
                context.Error.WriteLine($"{written.Count} review {noun}s for {q} written to {target}");
            }
            else
            {
                // Build first: an unknown account fails before any file is touched.
                var model = ReviewPacks.Build(warehouse, context.Reference, accountId!, q, at, options);
                var path = Directory.Exists(target) ? Path.Combine(target, fileName(accountId!, q)) : target;
                ReportFile.Write(path, file => render(model, file, options), "out");
                context.Out.WriteLine(path);
            }
            return 0;
        });
        return command;
    }
}
