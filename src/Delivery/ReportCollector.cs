using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store;
using JuniperFts.Reports;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.Files;
using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Sla;
using JuniperFts.Reports.TrueUp;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Delivery;

/// <summary>One file to deliver and the line that tells a reader what it is.</summary>
/// <param name="AccountId">The account a review pack is for; null for files that cover every account.</param>
/// <param name="PortalPath">Where the portal serves the same document (<c>/api/…</c>), for messages that cannot attach it.</param>
public sealed record DeliveryFile(string Path, string? AccountId, string Description, string? PortalPath)
{
    /// <summary>The file's name as the reader sees it.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>The documents of one report for one period, ready to deliver.</summary>
/// <param name="PeriodKey">The quarter ("2026Q3") or the true-up due date ("2026-12-31").</param>
/// <param name="PeriodLabel">The period in words ("2026Q3 (1 July to 30 September 2026)").</param>
/// <param name="Headline">One sentence with the period's figure (the attainment, the statements issued); null when none.</param>
/// <param name="Details">Further lines for the message (the statements inside a ZIP).</param>
public sealed record ReportDocuments(
    string Report, string PeriodKey, string PeriodLabel, IReadOnlyList<DeliveryFile> Files, string? Headline, IReadOnlyList<string> Details);

/// <summary>
/// Finds the documents of a report and period where the service's jobs write them (<c>Service:OutFolder</c>), and
/// builds what is not there yet, so <c>fts deliver</c> works before, after and without the scheduler.
/// </summary>
/// <remarks>
/// Review packs: <c>review-packs/2026Q3/</c> (the review-packs job's folder); the workbook: <c>sla-workbook/2026Q3/</c>;
/// true-up statements: <c>true-up/&lt;due + 1 day&gt;/</c>, the true-up job's folder for the run that issued them.
/// </remarks>
public sealed class ReportCollector(Warehouse warehouse, ReferenceData reference, ReviewPackOptions packs, SlaWorkbookOptions workbook,
    IClock clock, string outFolder)
{
    /// <summary>Statements attached one by one up to this many; more go into one ZIP, so a reader gets a handful of attachments, not dozens.</summary>
    public const int ZipAbove = 3;

    /// <summary>The period key of <paramref name="report"/> written as <paramref name="text"/> (a quarter, or a due date for the true-up).</summary>
    /// <exception cref="UserError">Not a period of that report.</exception>
    public static string PeriodKey(string report, string text)
    {
        text = text.Trim();
        // The form gets this report's own hint; the range is the one every command and endpoint keeps (UserInput).
        string problem;
        if (report == DeliveryReport.TrueUp)
        {
            if (!LocalDatePattern.Iso.Parse(text).Success)
                throw new UserError($"--period: '{text}' is not a date (a true-up subscription's period is the due date, e.g. 2026-12-31)");
            return UserInput.TryDate(text, out _, out problem) ? text : throw new UserError($"--period: {problem}");
        }
        if (!Quarter.TryParse(text, out _))
            throw new UserError($"--period: '{text}' is not a quarter (a {report} subscription's period is a quarter, e.g. 2026Q3)");
        return UserInput.TryQuarter(text, out var quarter, out problem) ? quarter.ToString() : throw new UserError($"--period: {problem}");
    }

    /// <summary>The documents of <paramref name="report"/> for <paramref name="periodKey"/>, built at <paramref name="asOf"/> when missing.</summary>
    public ReportDocuments Collect(string report, string periodKey, Instant asOf) => report switch
    {
        DeliveryReport.ReviewPacks => ReviewsOf(DeliveryReport.ReviewPacks, Quarter.Parse(periodKey), asOf, ReviewPacks.WriteAll, ReviewPacks.FileName, "review-pack.pdf"),
        DeliveryReport.ReviewDecks => ReviewsOf(DeliveryReport.ReviewDecks, Quarter.Parse(periodKey), asOf, ReviewDecks.WriteAll, ReviewDecks.FileName, "review-deck.pptx"),
        DeliveryReport.SlaWorkbook => WorkbookOf(Quarter.Parse(periodKey), asOf),
        DeliveryReport.TrueUp => TrueUpOf(LocalDatePattern.Iso.Parse(periodKey).Value),
        _ => throw new ArgumentOutOfRangeException(nameof(report), report, "not a report"),
    };

    /// <summary>The true-up job's folder for the run whose due date is <paramref name="due"/> (the run's date is the day after).</summary>
    public string TrueUpFolder(LocalDate due) => Path.Combine(outFolder, JobNames.TrueUp, PeriodKeys.TrueUpRunOf(due));

    private delegate IReadOnlyList<string> WriteReviews(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ReviewPackOptions? options, CancellationToken cancellation, IReadOnlyList<string>? accountIds);

    /// <summary>
    /// The packs (the review-packs job's folder) or decks (<c>review-decks/2026Q3/</c>) of every account, the missing ones built now;
    /// an account without a file (a deck needs cases or contracts in the quarter) is left out.
    /// </summary>
    private ReportDocuments ReviewsOf(string report, Quarter quarter, Instant asOf, WriteReviews writeAll, Func<string, Quarter, string> fileName, string endpoint)
    {
        var folder = Path.Combine(outFolder, report == DeliveryReport.ReviewPacks ? JobNames.ReviewPacks : report, quarter.ToString());
        var accounts = new DeliveryLedger(warehouse).Accounts();
        var missing = accounts.Where(a => !File.Exists(Path.Combine(folder, fileName(a.AccountId, quarter)))).ToList();
        SlaRefresh.Run(warehouse, reference);
        // Every file missing: every account the reviews know; else only the missing ones, built the same way.
        writeAll(warehouse, reference, quarter, asOf, folder, packs, default, missing.Count == accounts.Count ? null : missing.Select(a => a.AccountId).ToList());

        var figures = new SlaQueries(warehouse, reference).Summary(asOf, ["account"], new SlaFilter(quarter))
            .ToDictionary(g => g.Keys[0], StringComparer.Ordinal);
        var files = accounts
            .Where(a => File.Exists(Path.Combine(folder, fileName(a.AccountId, quarter))))
            .Select(a => new DeliveryFile(
                Path.Combine(folder, fileName(a.AccountId, quarter)), a.AccountId,
                $"{a.Name} ({a.AccountId}): {Attainment(figures.GetValueOrDefault(a.AccountId))}",
                $"/api/accounts/{Uri.EscapeDataString(a.AccountId)}/{endpoint}?quarter={quarter}")).ToList();
        return new ReportDocuments(report, quarter.ToString(), QuarterLabel(quarter), files, null, []);
    }

    private ReportDocuments WorkbookOf(Quarter quarter, Instant asOf)
    {
        var path = Path.Combine(outFolder, DeliveryReport.SlaWorkbook, quarter.ToString(), SlaWorkbook.FileName(quarter));
        SlaRefresh.Run(warehouse, reference);
        if (!File.Exists(path))
            ReportFile.Write(path, file => SlaWorkbook.Write(warehouse, reference, quarter, asOf, null, file, workbook, clock.GetCurrentInstant()));
        var total = new SlaQueries(warehouse, reference).Summary(asOf, [], new SlaFilter(quarter)).FirstOrDefault();
        var file = new DeliveryFile(path, null,
            $"the SLA workbook of {quarter}: attainment by priority, region and window against target, the 8-quarter trend, every breach",
            $"/api/reports/sla.xlsx?quarter={quarter}");
        return new ReportDocuments(DeliveryReport.SlaWorkbook, quarter.ToString(), QuarterLabel(quarter), [file],
            $"Across all accounts in {quarter}: {Attainment(total)}.", []);
    }

    private ReportDocuments TrueUpOf(LocalDate due)
    {
        var folder = TrueUpFolder(due);
        var dueText = LocalDatePattern.Iso.Format(due);
        var summary = Path.Combine(folder, TrueUpService.SummaryFileName(due));
        if (!File.Exists(summary) || StatementJsons(folder).Count == 0)
            new TrueUpService(warehouse, clock).IssueDue(due, folder, reissue: false);

        var statements = StatementJsons(folder).Select(ReadStatement).ToList();
        var label = $"contract years ending on or before {dueText}";
        if (statements.Count == 0)
            return new ReportDocuments(DeliveryReport.TrueUp, dueText, label, [], null, []);

        var files = new List<DeliveryFile>
        {
            new(summary, null, $"the summary workbook of the true-up run for {label}", $"/api/trueup?due={dueText}"),
        };
        var lines = statements.Select(s => s.Line).ToList();
        if (statements.Count > ZipAbove)
        {
            var zip = Path.Combine(folder, $"trueup-statements-{dueText}.zip");
            if (!File.Exists(zip))
                ReportFile.Write(zip, stream =>
                {
                    using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
                    foreach (var s in statements)
                        foreach (var part in s.Files)
                            archive.CreateEntryFromFile(part, Path.GetFileName(part), CompressionLevel.Optimal);
                });
            files.Add(new DeliveryFile(zip, null, $"the PDF, CSV and JSON of the {statements.Count} statements listed below", $"/api/trueup?due={dueText}"));
            return new ReportDocuments(DeliveryReport.TrueUp, dueText, label, files,
                $"{statements.Count} true-up statements were issued for {label}.", lines);
        }
        foreach (var s in statements)
            foreach (var part in s.Files)
                files.Add(new DeliveryFile(part, null, $"{s.Line} ({Path.GetExtension(part).TrimStart('.').ToUpperInvariant()})", s.PortalPath));
        return new ReportDocuments(DeliveryReport.TrueUp, dueText, label, files,
            $"{statements.Count} true-up statement{(statements.Count == 1 ? " was" : "s were")} issued for {label}.", []);
    }

    private static IReadOnlyList<string> StatementJsons(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "TU-*.json").OrderBy(p => p, StringComparer.Ordinal).ToList()
            : [];

    private sealed record StatementFiles(string Line, string PortalPath, IReadOnlyList<string> Files);

    /// <summary>The statement's line (number, contract, year, additions) from its JSON, and its PDF, CSV and JSON beside it.</summary>
    private static StatementFiles ReadStatement(string json)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        var number = Path.GetFileNameWithoutExtension(json);
        var contract = root.GetProperty("contract_id").GetString()!;
        var year = root.GetProperty("contract_year").GetInt32();
        var line = $"{number}: contract {contract}, year {year} ({root.GetProperty("year_start").GetString()} to {root.GetProperty("year_end").GetString()}), " +
                   $"additions {root.GetProperty("currency").GetString()} {root.GetProperty("additions_total").GetString()}";
        var names = IssuedFiles.For(number);
        var parts = new[] { names.Pdf, names.Csv, names.Json }.Select(n => Path.Combine(Path.GetDirectoryName(json)!, n)).Where(File.Exists).ToList();
        return new StatementFiles(line, $"/api/trueup/{Uri.EscapeDataString(contract)}/{year.ToString(CultureInfo.InvariantCulture)}.pdf", parts);
    }

    /// <summary>"first-response attainment 80.00 % (4 met, 1 breached)", or why there is no figure.</summary>
    private static string Attainment(SlaGroup? group) => group?.AttainmentPct is { } pct
        ? $"first-response attainment {Figures.Percent(pct)} ({group.Met} met, {group.Breached} breached)"
        : "no answered cases with an SLA target, so no attainment figure";

    private static string QuarterLabel(Quarter q)
    {
        var pattern = LocalDatePattern.CreateWithInvariantCulture("d MMMM uuuu");
        return $"{q} ({pattern.Format(q.Start)} to {pattern.Format(q.End.PlusDays(-1))})";
    }
}
