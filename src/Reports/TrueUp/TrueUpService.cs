using System.Security.Cryptography;
using System.Text;
using JuniperFts.Domain;
using JuniperFts.Domain.TrueUp;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.TrueUp;

/// <summary>A statement as finance sends it: the figures, who it is for, and which issue it is.</summary>
/// <param name="Revision">1 for the first issue, 2+ for reissues; null for a draft that was never issued.</param>
/// <param name="IssuedAt">When this revision was issued (for a draft: when it was drawn up).</param>
public sealed record IssuedStatement(TrueUpStatement Statement, string AccountName, int? Revision, Instant IssuedAt)
{
    public bool IsDraft => Revision is null;
}

/// <summary>The file names (inside the output folder) of an issued statement.</summary>
public sealed record IssuedFiles(string Pdf, string Csv, string Json)
{
    public static IssuedFiles For(string number) => new(number + ".pdf", number + ".csv", number + ".json");
}

/// <summary>What a <c>--due</c> run did with one statement.</summary>
public enum IssueOutcome
{
    /// <summary>Issued for the first time (revision 1).</summary>
    Issued,
    /// <summary>Issued before and not issued again: its files are written as issued; <see cref="StatementIssue.Changes"/> lists data corrections since, if any.</summary>
    AlreadyIssued,
    /// <summary>Re-created under the same number with corrected figures (a new revision).</summary>
    Reissued,
    /// <summary><c>--reissue</c> was asked for but the figures are the same: files re-written, no new revision.</summary>
    ReissuedUnchanged,
    /// <summary>Due but not issued yet (the portal's summary of what stands, not a run).</summary>
    NotIssued,
}

/// <summary>One statement of a <c>--due</c> run and what happened to it.</summary>
/// <param name="Changes">Old vs new figures when the data changed since the last issue (empty otherwise).</param>
/// <param name="Files">Paths written in this run (empty when nothing was written).</param>
public sealed record StatementIssue(IssuedStatement Issued, IssueOutcome Outcome, IReadOnlyList<string> Changes, IReadOnlyList<string> Files)
{
    public string Number => Issued.Statement.Number;
}

/// <summary>A statement due by a date and where it stands: its latest issue, or none yet.</summary>
/// <param name="Revision">The revision in force (2+: reissued after a correction); null when never issued.</param>
/// <param name="IssuedAt">When that revision was issued.</param>
/// <param name="ChangedSinceIssue">The data changed since that revision: a reissue would change its figures.</param>
public sealed record DueStatement(TrueUpStatement Statement, string AccountName, int? Revision, Instant? IssuedAt, bool ChangedSinceIssue)
{
    public bool IsReissue => Revision > 1;
}

/// <summary>The result of issuing the statements due by a date.</summary>
public sealed record TrueUpIssueRun(LocalDate Due, IReadOnlyList<StatementIssue> Statements, string SummaryPath);

/// <summary>
/// The true-up as the CLI, the main job, the portal and the review pack use it: one statement, the
/// statements due by a date (issued once, recorded in the warehouse), their PDF, and a preview of the current year.
/// </summary>
public sealed class TrueUpService(Warehouse warehouse, IClock clock)
{
    /// <summary>The summary workbook of the run for <paramref name="due"/>: <c>trueup-summary-2026-09-30.xlsx</c>.</summary>
    public static string SummaryFileName(LocalDate due) => $"trueup-summary-{TrueUpJson.Date(due)}.xlsx";

    /// <summary>The statement of year <paramref name="year"/> of contract <paramref name="contractId"/>, from the data as it is now.</summary>
    /// <exception cref="UserError">No such contract, or the contract has no such year.</exception>
    public TrueUpStatement Statement(string contractId, int year)
    {
        using var connection = warehouse.Connect();
        var row = TrueUpQueries.Contract(connection, contractId)
            ?? throw new UserError($"no contract '{contractId}' in {warehouse.Path}") { Subject = "contract" };
        var years = row.Contract.Years.Count;
        if (year < 1 || year > years)
            throw new UserError($"contract {contractId} has contract year{(years == 1 ? " 1" : $"s 1 to {years}")} ({TrueUpJson.Date(row.Contract.StartDate)} to {TrueUpJson.Date(row.Contract.EndDate)}); {year} is out of range") { Subject = "year" };
        return TrueUpRules.Statement(row.Contract, year, TrueUpQueries.Units(connection, contractId));
    }

    /// <summary>Every statement whose contract year ended (last day) on or before <paramref name="due"/>, by contract id then year; read-only, issues nothing.</summary>
    public IReadOnlyList<TrueUpStatement> StatementsDue(LocalDate due)
    {
        using var connection = warehouse.Connect();
        return Due(connection, due).Select(d => d.Statement).ToList();
    }

    /// <summary>
    /// <see cref="StatementsDue"/> with each statement's standing in the ledger (issued, reissued, not yet); read-only.
    /// </summary>
    public IReadOnlyList<DueStatement> Standing(LocalDate due)
    {
        using var connection = warehouse.Connect();
        var ledger = TrueUpLedger.AllLatest(connection);
        return Due(connection, due).Select(d => ledger.GetValueOrDefault(d.Statement.Number) is { } last
                ? new DueStatement(d.Statement, d.AccountName, last.Revision, last.IssuedAt, last.ContentSha256 != Sha256(TrueUpJson.Write(d.Statement)))
                : new DueStatement(d.Statement, d.AccountName, null, null, false))
            .ToList();
    }

    /// <summary>The Excel summary of the statements due by <paramref name="due"/> as they stand, without issuing anything.</summary>
    public void WriteStandingSummary(LocalDate due, Stream output)
    {
        var statements = Standing(due).Select(d => new StatementIssue(
            new IssuedStatement(d.Statement, d.AccountName, d.Revision, d.IssuedAt ?? clock.GetCurrentInstant()),
            d.Revision is null ? IssueOutcome.NotIssued : IssueOutcome.AlreadyIssued, [], [])).ToList();
        TrueUpSummaryWorkbook.Write(new TrueUpIssueRun(due, statements, SummaryFileName(due)), output);
    }

    /// <summary>Every contract year ended on or before <paramref name="due"/>, by contract id then year, from one read of the units.</summary>
    private static IEnumerable<(TrueUpStatement Statement, string AccountName)> Due(WarehouseConnection connection, LocalDate due)
    {
        var units = TrueUpQueries.AllUnits(connection);
        return TrueUpQueries.AllContracts(connection)
            .SelectMany(row => TrueUpRules.YearsDueBy(row.Contract, due)
                .Select(year => (TrueUpRules.Statement(row.Contract, year.Number, units.GetValueOrDefault(row.Contract.ContractId, [])), row.AccountName)))
            .ToList();
    }

    /// <summary>
    /// Issues every contract year that ended (last day) on or before <paramref name="due"/> and has no statement yet:
    /// PDF, CSV and JSON into <paramref name="outDir"/>, recorded in the warehouse; plus one Excel summary of the run.
    /// Statements issued before are written again exactly as issued, so the folder holds every statement due
    /// (not with <paramref name="onlyNew"/>: the daily job's folder per day holds what that day issued);
    /// with <paramref name="reissue"/> they are re-created under the same number.
    /// </summary>
    /// <param name="cancellation">Checked between statements: a stop leaves every statement issued so far whole and recorded.</param>
    public TrueUpIssueRun IssueDue(LocalDate due, string outDir, bool reissue, bool onlyNew = false, CancellationToken cancellation = default)
    {
        UserError.OnIo($"cannot create the folder {outDir}", () => Directory.CreateDirectory(outDir), "out");

        var now = clock.GetCurrentInstant();
        var results = new List<StatementIssue>();
        using var connection = warehouse.Connect();
        // Read everything once: a query per contract costs more than the rules themselves.
        var units = TrueUpQueries.AllUnits(connection);
        var ledger = TrueUpLedger.AllLatest(connection);
        foreach (var row in TrueUpQueries.AllContracts(connection))
            foreach (var year in TrueUpRules.YearsDueBy(row.Contract, due))
            {
                cancellation.ThrowIfCancellationRequested();
                var statement = TrueUpRules.Statement(row.Contract, year.Number, units.GetValueOrDefault(row.Contract.ContractId, []));
                results.Add(Issue(connection, statement, row.AccountName, ledger.GetValueOrDefault(statement.Number), due, outDir, reissue, onlyNew, now));
            }

        var summary = Path.Combine(outDir, SummaryFileName(due));
        var run = new TrueUpIssueRun(due, results, summary);
        // The statements are issued and recorded already; only the summary is missing.
        UserError.OnIo($"the statements were issued, but the summary {summary} cannot be written", () => TrueUpSummaryWorkbook.Write(run, summary));
        return run;
    }

    private static StatementIssue Issue(WarehouseConnection connection, TrueUpStatement statement, string accountName,
        LedgerEntry? last, LocalDate due, string outDir, bool reissue, bool onlyNew, Instant now)
    {
        var json = TrueUpJson.Write(statement);
        var sha = Sha256(json);
        IReadOnlyList<string> changes = last is null || last.ContentSha256 == sha
            ? []
            : TrueUpJson.Read(json).ChangesSince(TrueUpJson.Read(last.StatementJson));

        if (last is not null && (!reissue || last.ContentSha256 == sha))
        {
            // Issued before and not corrected now: the files of the revision in force exactly as issued, so the
            // output folder always holds every statement due; nothing is recorded. Revisions issued before the
            // ledger kept copies are re-rendered only while their figures are unchanged.
            var inForce = new IssuedStatement(statement, accountName, last.Revision, last.IssuedAt);
            var copies = onlyNew && !reissue ? null : TrueUpLedger.Copies(connection, last) ?? (last.ContentSha256 == sha ? Render(inForce, json) : null);
            IReadOnlyList<string> written = copies is null ? [] : WriteFiles(statement.Number, copies, outDir);
            return reissue
                ? new StatementIssue(inForce, IssueOutcome.ReissuedUnchanged, [], written)
                : new StatementIssue(inForce, IssueOutcome.AlreadyIssued, changes, written);
        }

        var issued = new IssuedStatement(statement, accountName, (last?.Revision ?? 0) + 1, now);
        var rendered = Render(issued, json);
        var files = WriteFiles(statement.Number, rendered, outDir);
        // Files first, ledger second: a crash in between leaves a statement that the next run issues again, never a recorded one without files.
        TrueUpLedger.Record(connection, IssuedFiles.For(statement.Number), issued, due, sha, rendered);
        return new StatementIssue(issued, last is null ? IssueOutcome.Issued : IssueOutcome.Reissued, changes, files);
    }

    private static IssuedCopies Render(IssuedStatement issued, string json)
    {
        using var pdf = new MemoryStream();
        TrueUpStatementPdf.Render(issued, pdf);
        return new IssuedCopies(json, TrueUpCsv.Write(issued.Statement), pdf.ToArray());
    }

    private static IReadOnlyList<string> WriteFiles(string number, IssuedCopies copies, string outDir)
    {
        var names = IssuedFiles.For(number);
        var pdf = Path.Combine(outDir, names.Pdf);
        var csv = Path.Combine(outDir, names.Csv);
        var json = Path.Combine(outDir, names.Json);
        UserError.OnIo($"cannot write statement {number} into {outDir}", () =>
        {
            File.WriteAllBytes(pdf, copies.Pdf);
            File.WriteAllText(csv, copies.Csv, Utf8);
            File.WriteAllText(json, copies.Json, Utf8);
        });
        return [pdf, csv, json];
    }

    /// <summary>Writes the statement as a PDF: the issued revision when it was issued with these figures, else a draft.</summary>
    public void RenderPdf(TrueUpStatement statement, Stream output)
    {
        using var connection = warehouse.Connect();
        var accountName = TrueUpQueries.Contract(connection, statement.Contract.ContractId)?.AccountName ?? statement.Contract.AccountId;
        var last = TrueUpLedger.Latest(connection, statement.Number);
        var issued = last is not null && last.ContentSha256 == Sha256(TrueUpJson.Write(statement))
            ? new IssuedStatement(statement, accountName, last.Revision, last.IssuedAt)
            : new IssuedStatement(statement, accountName, null, clock.GetCurrentInstant());
        TrueUpStatementPdf.Render(issued, output);
    }

    /// <summary>For each contract of the account in a contract year on <paramref name="asOfDate"/>: the additions so far and their prorated charge.</summary>
    public IReadOnlyList<TrueUpPreview> PreviewForAccount(string accountId, LocalDate asOfDate)
    {
        using var connection = warehouse.Connect();
        return TrueUpQueries.Previews(connection, accountId, asOfDate);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
