using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The latest issue of a statement, as recorded in the ledger.</summary>
/// <param name="HasCopies">The CSV and PDF as issued are kept (<see cref="TrueUpLedger.Copies"/>); false for revisions issued before the ledger kept them.</param>
public sealed record LedgerEntry(string Number, int Revision, Instant IssuedAt, Instant FirstIssuedAt, string ContentSha256, string StatementJson, bool HasCopies);

/// <summary>The files of a statement as they were issued: the JSON, the CSV text and the PDF bytes.</summary>
public sealed record IssuedCopies(string Json, string Csv, byte[] Pdf);

/// <summary>The record of issued statements (<c>trueup_statements</c> and their revisions), so none is issued twice.</summary>
internal static class TrueUpLedger
{
    public static LedgerEntry? Latest(WarehouseConnection connection, string number) =>
        LatestWhere(connection, "WHERE r.statement_number = $n", ("n", number)).GetValueOrDefault(number);

    /// <summary>The revision in force of every issued statement, keyed by statement number.</summary>
    public static IReadOnlyDictionary<string, LedgerEntry> AllLatest(WarehouseConnection connection) => LatestWhere(connection, "");

    private static Dictionary<string, LedgerEntry> LatestWhere(WarehouseConnection connection, string where, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        connection.Query(
            "SELECT r.statement_number, r.revision, r.issued_at, s.first_issued_at, r.content_sha256, r.statement_json, r.statement_pdf IS NOT NULL " +
            "FROM trueup_statement_revisions r JOIN trueup_statements s USING (statement_number) " +
            $"{where} QUALIFY row_number() OVER (PARTITION BY r.statement_number ORDER BY r.revision DESC) = 1",
            r => new LedgerEntry(r.Text(0), r.Int(1), r.Instant(2), r.Instant(3), r.Text(4), r.Text(5), r.Bool(6)), parameters)
        .ToDictionary(e => e.Number, StringComparer.Ordinal);

    /// <summary>The files of revision <paramref name="entry"/> as issued, read one statement at a time (PDFs are tens of kB each).</summary>
    public static IssuedCopies? Copies(WarehouseConnection connection, LedgerEntry entry) =>
        !entry.HasCopies ? null : connection.Query(
            "SELECT statement_csv, statement_pdf FROM trueup_statement_revisions WHERE statement_number = $n AND revision = $rev",
            r => new IssuedCopies(entry.StatementJson, r.Text(0), r.Bytes(1)), ("n", entry.Number), ("rev", entry.Revision))
        .SingleOrDefault();

    /// <summary>Records the revision of <paramref name="issued"/> with its files as issued (revision 1 also creates the statement), in one transaction.</summary>
    public static void Record(WarehouseConnection connection, IssuedFiles files, IssuedStatement issued, LocalDate due, string sha256, IssuedCopies copies)
    {
        var s = issued.Statement;
        using var tx = connection.BeginTransaction();
        if (issued.Revision == 1)
            connection.Insert("trueup_statements",
                ("statement_number", s.Number), ("contract_id", s.Contract.ContractId), ("contract_year", s.Year.Number), ("first_issued_at", issued.IssuedAt));
        connection.Insert("trueup_statement_revisions",
            ("statement_number", s.Number), ("revision", issued.Revision ?? throw new ArgumentException("A draft cannot be recorded.", nameof(issued))),
            ("issued_at", issued.IssuedAt), ("due_date", due), ("content_sha256", sha256), ("statement_json", copies.Json),
            ("currency", s.Contract.Currency), ("additions_total", s.AdditionsTotal),
            ("pdf_file", files.Pdf), ("csv_file", files.Csv), ("json_file", files.Json),
            ("statement_csv", copies.Csv), ("statement_pdf", copies.Pdf));
        tx.Commit();
    }
}
