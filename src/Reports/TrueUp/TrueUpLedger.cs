using DuckDB.NET.Data;
using NodaTime;
using JuniperFts.Ingest.Store;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The latest issue of a statement, as recorded in the ledger.</summary>
/// <param name="HasCopies">The CSV and PDF as issued are kept (<see cref="TrueUpLedger.Copies"/>); false for revisions issued before the ledger kept them.</param>
public sealed record LedgerEntry(string Number, int Revision, Instant IssuedAt, Instant FirstIssuedAt, string ContentSha256, string StatementJson, bool HasCopies);

/// <summary>The files of a statement as they were issued: the JSON, the CSV text and the PDF bytes.</summary>
public sealed record IssuedCopies(string Json, string Csv, byte[] Pdf);

/// <summary>The record of issued statements (<c>trueup_statements</c> and their revisions), so none is issued twice.</summary>
internal static class TrueUpLedger
{
    public static LedgerEntry? Latest(DuckDBConnection connection, string number) =>
        LatestWhere(connection, "WHERE r.statement_number = $n", ("n", number)).GetValueOrDefault(number);

    /// <summary>The revision in force of every issued statement, keyed by statement number.</summary>
    public static IReadOnlyDictionary<string, LedgerEntry> AllLatest(DuckDBConnection connection) => LatestWhere(connection, "");

    private static Dictionary<string, LedgerEntry> LatestWhere(DuckDBConnection connection, string where, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText =
            "SELECT r.statement_number, r.revision, r.issued_at, s.first_issued_at, r.content_sha256, r.statement_json, r.statement_pdf IS NOT NULL " +
            "FROM trueup_statement_revisions r JOIN trueup_statements s USING (statement_number) " +
            $"{where} QUALIFY row_number() OVER (PARTITION BY r.statement_number ORDER BY r.revision DESC) = 1";
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        using var r = cmd.ExecuteReader();
        var entries = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        while (r.Read())
            entries[r.GetString(0)] = new LedgerEntry(r.GetString(0), r.GetInt32(1), StoredTime.ToInstant(r.GetDateTime(2)), StoredTime.ToInstant(r.GetDateTime(3)), r.GetString(4), r.GetString(5), r.GetBoolean(6));
        return entries;
    }

    /// <summary>The files of revision <paramref name="entry"/> as issued, read one statement at a time (PDFs are tens of kB each).</summary>
    public static IssuedCopies? Copies(DuckDBConnection connection, LedgerEntry entry)
    {
        if (!entry.HasCopies) return null;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT statement_csv, statement_pdf FROM trueup_statement_revisions WHERE statement_number = $n AND revision = $rev";
        cmd.Parameters.Add(new DuckDBParameter("n", entry.Number));
        cmd.Parameters.Add(new DuckDBParameter("rev", entry.Revision));
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        using var blob = r.GetStream(1);
        using var pdf = new MemoryStream();
        blob.CopyTo(pdf);
        return new IssuedCopies(entry.StatementJson, r.GetString(0), pdf.ToArray());
    }

    /// <summary>Records the revision of <paramref name="issued"/> with its files as issued (revision 1 also creates the statement), in one transaction.</summary>
    public static void Record(DuckDBConnection connection, IssuedFiles files, IssuedStatement issued, LocalDate due, string sha256, IssuedCopies copies)
    {
        var s = issued.Statement;
        using var tx = connection.BeginTransaction();
        if (issued.Revision == 1)
            Execute(connection, "INSERT INTO trueup_statements VALUES ($n, $c, $y, $at)",
                ("n", s.Number), ("c", s.Contract.ContractId), ("y", s.Year.Number), ("at", issued.IssuedAt.ToDateTimeUtc()));
        Execute(connection,
            "INSERT INTO trueup_statement_revisions (statement_number, revision, issued_at, due_date, content_sha256, statement_json, currency, " +
            "additions_total, pdf_file, csv_file, json_file, statement_csv, statement_pdf) " +
            "VALUES ($n, $rev, $at, CAST($due AS DATE), $sha, $json, $cur, $total, $pdf, $csv, $jsonfile, $csvtext, $pdfbytes)",
            ("n", s.Number), ("rev", issued.Revision ?? throw new ArgumentException("A draft cannot be recorded.", nameof(issued))), ("at", issued.IssuedAt.ToDateTimeUtc()), ("due", TrueUpJson.Date(due)),
            ("sha", sha256), ("json", copies.Json), ("cur", s.Contract.Currency), ("total", s.AdditionsTotal),
            ("pdf", files.Pdf), ("csv", files.Csv), ("jsonfile", files.Json), ("csvtext", copies.Csv), ("pdfbytes", copies.Pdf));
        tx.Commit();
    }

    private static void Execute(DuckDBConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, value));
        cmd.ExecuteNonQuery();
    }

    // TIMESTAMP columns hold UTC without a kind.
}
