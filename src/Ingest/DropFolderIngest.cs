using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Files;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Ingest;

/// <summary>What ingest did to one file: rows read = accepted + rejected; accepted keys split into inserted, updated, unchanged.</summary>
/// <remarks>Identical repeats of a key within the file are accepted but count once in inserted/updated/unchanged.</remarks>
public sealed record FileIngestResult(string File, long Read, long Accepted, long Rejected, long Inserted, long Updated, long Unchanged)
{
    /// <summary>True when the file wrote no row (every accepted key was already stored with the same values).</summary>
    public bool ChangedNothing => Inserted == 0 && Updated == 0;
}

/// <summary>The outcome of one ingest batch.</summary>
public sealed record IngestResult(long BatchId, string Folder, IReadOnlyList<FileIngestResult> Files)
{
    /// <summary>True when no input row was inserted or updated: the folder held what was already stored.</summary>
    public bool ChangedNothing => Files.All(f => f.ChangedNothing);
}

/// <summary>A step of a running ingest, for progress displays.</summary>
/// <param name="Done">Bytes read so far when reading a file; else files done.</param>
public sealed record IngestProgress(string Stage, string? File, long Done, long Total);

/// <summary>
/// Ingests a drop folder into the warehouse as one atomic batch: rows are read and checked on their
/// own in C#, staged with the DuckDB appender into temporary tables, then references, duplicates and the
/// merge into the stored tables run in SQL inside a single transaction.
/// </summary>
/// <remarks>
/// Nothing durable is written before the transaction starts, and it commits once at the end, so a
/// failure or a killed process leaves the database as it was. Rows are never deleted: a key missing
/// from a later export keeps its stored row.
/// </remarks>
public sealed class DropFolderIngest(Warehouse warehouse, ReferenceData reference, IClock clock)
{
    private const int ProgressEvery = 20_000;

    /// <summary>Ingests every input file found in <paramref name="folder"/>.</summary>
    /// <exception cref="UserError">The folder or a file cannot be read, or a header lacks a column.</exception>
    public IngestResult Run(string folder, IProgress<IngestProgress>? progress = null, CancellationToken cancellation = default)
    {
        var drop = DropFolder.Find(folder);
        var started = clock.GetCurrentInstant();

        // Every file is opened (and its header checked) before any row is read, so a wrong header fails fast;
        // each is then read once, for its rows and its hash together.
        using var readers = new InputReaders(drop);
        using var connection = warehouse.Connect();
        // Staging need not keep row order, and past the memory limit DuckDB spills staging to disk, so peak
        // memory stays flat as files grow.
        using (connection.BatchSettings())
        {
            connection.Execute("CREATE OR REPLACE TEMP TABLE stage_rejects (file VARCHAR, line BIGINT, reason VARCHAR, detail VARCHAR, raw VARCHAR)");

            var staged = new List<StagedFile>();
            foreach (var (file, path, reader) in readers.All)
            {
                cancellation.ThrowIfCancellationRequested();
                staged.Add(Stage(connection, file, path, reader, progress, cancellation));
            }

            progress?.Report(new IngestProgress("writing", null, 0, staged.Count));
            var results = new List<FileIngestResult>();
            long batchId;
            using (var tx = connection.BeginTransaction())
            {
                batchId = connection.Scalar<long>("SELECT coalesce(max(batch_id), 0) + 1 FROM ingest_batches");
                connection.Insert("ingest_batches", ("batch_id", batchId), ("started_at", started), ("finished_at", null), ("source_folder", drop.Path));
                connection.Execute("INSERT INTO quarantine (batch_id, file, line, reason, detail, raw) SELECT $batch, file, line, reason, detail, raw FROM stage_rejects", ("batch", batchId));

                var done = 0;
                foreach (var s in staged)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(new IngestProgress("writing", s.FileName, done, staged.Count));
                    var merged = new BatchMerge(connection, s.File, s.FileName, batchId).Apply();
                    var result = new FileIngestResult(s.FileName, s.Read, s.Read - s.Rejected - merged.Rejected, s.Rejected + merged.Rejected,
                        merged.Inserted, merged.Updated, merged.Unchanged);
                    connection.Insert("ingest_files", ("batch_id", batchId), ("file", s.FileName), ("sha256", s.Sha256),
                        ("rows_read", result.Read), ("rows_accepted", result.Accepted), ("rows_rejected", result.Rejected),
                        ("rows_inserted", result.Inserted), ("rows_updated", result.Updated), ("rows_unchanged", result.Unchanged));
                    results.Add(result);
                    done++;
                }

                // Findings describe the stored data; when nothing changed they still hold.
                if (results.Any(r => !r.ChangedNothing) || connection.Scalar<long>("SELECT count(*) FROM ingest_batches") == 1)
                    ComplianceFindings.Refresh(connection, batchId);

                connection.Execute("UPDATE ingest_batches SET finished_at = $at WHERE batch_id = $batch", ("batch", batchId), ("at", clock.GetCurrentInstant()));
                progress?.Report(new IngestProgress("committing", null, staged.Count, staged.Count));
                tx.Commit();
            }

            foreach (var s in staged) connection.Execute($"DROP TABLE IF EXISTS {StageTable(s.File)}");
            return new IngestResult(batchId, drop.Path, results);
        }
    }

    private sealed record StagedFile(InputFile File, string FileName, string Sha256, long Read, long Rejected);

    internal static string StageTable(InputFile file) => "stage_" + file.Name;

    private StagedFile Stage(WarehouseConnection connection, InputFile file, string path, IInputReader reader,
        IProgress<IngestProgress>? progress, CancellationToken cancellation)
    {
        var name = Path.GetFileName(path);
        var total = new FileInfo(path).Length;
        var columns = string.Join(", ", file.Columns.Select(c => $"{Sql.Name(c.Name)} {Sql.Type(c.Kind)}"));
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {StageTable(file)} (line BIGINT, raw VARCHAR, {columns})");

        var validator = new RowValidator(file, reference);
        long read = 0, rejected = 0;
        progress?.Report(new IngestProgress("reading", name, 0, total));
        var sha = UserError.OnIo($"cannot read {name}", () =>
        {
            using var accepted = connection.Appender(StageTable(file));
            using var rejects = connection.Appender("stage_rejects");
            foreach (var row in reader.Rows())
            {
                read++;
                var check = validator.Check(row.Cells, row.BadShape);
                if (check.Accepted)
                {
                    var appended = accepted.Row().Add((long?)row.Line).Add(row.Raw);
                    foreach (var v in check.Values!) appended = appended.AddValue(v);
                    appended.End();
                }
                else
                {
                    rejected++;
                    rejects.Row().Add(name).Add((long?)row.Line).Add(check.Reason.Code()).Add(check.Detail).Add(row.Raw).End();
                }
                if (read % ProgressEvery == 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(new IngestProgress("reading", name, reader.Position, total));
                }
            }
            return reader.Sha256();
        });
        progress?.Report(new IngestProgress("reading", name, total, total));
        return new StagedFile(file, name, sha, read, rejected);
    }
}

/// <summary>The readers of a drop folder's files, opened together (headers checked) and disposed together.</summary>
internal sealed class InputReaders : IDisposable
{
    private readonly List<(InputFile File, string Path, IInputReader Reader)> _all = [];

    public InputReaders(DropFolder drop)
    {
        try
        {
            foreach (var (file, path) in drop.Files) _all.Add((file, path, DropFolder.Open(path, file)));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<(InputFile File, string Path, IInputReader Reader)> All => _all;

    public void Dispose()
    {
        foreach (var (_, _, reader) in _all) reader.Dispose();
    }
}

/// <summary>SQL spelling of input columns.</summary>
internal static class Sql
{
    public static string Name(string column) => "\"" + column.Replace("\"", "\"\"") + "\"";

    public static string Type(ColumnKind kind) => kind switch
    {
        ColumnKind.Date => "DATE",
        ColumnKind.Instant => "TIMESTAMP",
        ColumnKind.Money => "DECIMAL(18,2)",
        ColumnKind.Flag => "BOOLEAN",
        _ => "VARCHAR",
    };

    public static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    public static string Join(IEnumerable<string> parts, string separator = ", ") => string.Join(separator, parts);

    public static string Match(IReadOnlyList<string> columns, string left, string right) =>
        string.Join(" AND ", columns.Select(c => $"{left}.{Name(c)} = {right}.{Name(c)}"));
}
