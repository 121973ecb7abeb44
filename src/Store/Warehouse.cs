using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using JuniperFts.Domain;

namespace JuniperFts.Store;

/// <summary>
/// The DuckDB file that holds every input row, batch, quarantine row and derived table.
/// Opening it applies the pending migrations (embedded <c>Migrations/NNN_name.sql</c>, in order).
/// </summary>
/// <remarks>
/// DuckDB lets one process hold a database file at a time. Open one <see cref="Connect"/> per unit
/// of work and dispose it; a second process gets a <see cref="UserError"/> naming the holder.
/// </remarks>
public sealed partial class Warehouse
{
    private Warehouse(string path) => Path = path;

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when missing) the database at <paramref name="path"/> and migrates it: for the commands that write (ingest, run, serve).</summary>
    public static Warehouse Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) UserError.OnIo($"cannot create the database folder {dir}", () => Directory.CreateDirectory(dir));
        return Migrated(full);
    }

    /// <summary>
    /// Opens the database at <paramref name="path"/> for a command that reads it; a missing file is a
    /// <see cref="UserError"/> and nothing is created (no file, no folder), so a mistyped path never reads as "no data".
    /// </summary>
    public static Warehouse OpenExisting(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new UserError($"there is no database at {full}: make one by ingesting a drop folder (`fts ingest DIR` or `fts run`), or name the right file");
        return Migrated(full);
    }

    private static Warehouse Migrated(string fullPath)
    {
        var warehouse = new Warehouse(fullPath);
        using var connection = warehouse.Connect();
        Migrate(connection);
        return warehouse;
    }

    /// <summary>A new open connection; dispose it at the end of the unit of work.</summary>
    public WarehouseConnection Connect() => new(OpenDuckDB(), this);

    private DuckDBConnection OpenDuckDB()
    {
        var connection = new DuckDBConnection($"Data Source={Path}");
        try
        {
            connection.Open();
        }
        catch (DuckDBException e)
        {
            connection.Dispose();
            throw Explain(e);
        }
        return connection;
    }

    private Exception Explain(DuckDBException e)
    {
        if (CannotWrite(e) is { } full) return full;
        var m = LockHolder().Match(e.Message);
        if (m.Success)
            return new UserError(
                $"the database {Path} is in use by another process: {m.Groups["holder"].Value.Trim()}; " +
                "stop that process (for example `fts serve`) or pass another --db", e);
        return new UserError($"cannot open the database {Path}: {FirstLine(e.Message)}", e);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    /// <summary>
    /// The one line for DuckDB failing to write this database's files (its own file, its write-ahead log <c>.wal</c>
    /// or its temporary files): a full disk, a quota, a read-only or failing file system; null for any other failure.
    /// </summary>
    /// <remarks>
    /// DuckDB names the file it could not write, often the <c>.wal</c> beside the database, so the line names the
    /// database first. The statement or transaction that failed is undone by DuckDB or by the caller's rollback.
    /// </remarks>
    internal UserError? CannotWrite(Exception e) => CannotWrite(e.Message, e);

    /// <summary>Makes one call into DuckDB; a failure to write the database's files comes out as the line of <see cref="CannotWrite(Exception)"/>.</summary>
    /// <remarks>The state is passed through, so a static lambda allocates nothing (appender rows call it per row).</remarks>
    internal TResult Writing<TState, TResult>(TState state, Func<TState, TResult> call)
    {
        try
        {
            return call(state);
        }
        catch (DuckDBException e) when (CannotWrite(e) is { } full)
        {
            throw full;
        }
    }

    internal UserError? CannotWrite(string message, Exception? inner)
    {
        string reason;
        if (message.Contains("max_temp_directory_size", StringComparison.Ordinal))
            reason = "no room left on the disk for its temporary files";
        else if (WriteFailure().Match(message) is { Success: true } m)
            reason = $"{Lower(m.Groups["reason"].Value.Trim())} (writing {m.Groups["file"].Value})";
        else if (DiskFull().Match(message) is { Success: true } d)
            reason = Lower(d.Value);
        else if (message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase))
            reason = "read-only file system";
        else
            return null;
        var remedy = DiskFull().IsMatch(message) || message.Contains("max_temp_directory_size", StringComparison.Ordinal)
            ? "free some space and run it again"
            : "run it again once the file system takes writes";
        return new UserError($"cannot write the database {Path}: {reason}; the unfinished change was undone: {remedy}", inner)
        {
            Transient = true,
        };
    }

    /// <summary>
    /// Test seam for machines where a test cannot mount a small file system: the full paths of databases whose every
    /// commit fails as DuckDB's does on a full disk (the transaction is rolled back, then the same error is raised).
    /// </summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> DisksFullForTests = new();

    internal string? SimulatedWriteFailure() =>
        !DisksFullForTests.IsEmpty && DisksFullForTests.ContainsKey(Path) ? $"Could not write file \"{Path}.wal\": No space left on device" : null;

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    // Could not write file "/data/fts.duckdb.wal": No space left on device (also fsync, truncate; any file DuckDB keeps)
    [GeneratedRegex(@"Could not (?:write|fsync|truncate|extend|allocate)[^""\r\n]*""(?<file>[^""]+)""[^:\r\n]*:\s*(?<reason>[^\r\n""]+)")]
    private static partial Regex WriteFailure();

    [GeneratedRegex("No space left on device|Disk quota exceeded", RegexOptions.IgnoreCase)]
    private static partial Regex DiskFull();

    // "Conflicting lock is held in /usr/share/dotnet/dotnet (PID 4242) by user root." (paths hold dots, so end at the PID)
    [GeneratedRegex(@"Conflicting lock is held in (?<holder>.+?\(PID \d+\)|[^\r\n]+?(?= by user|$))", RegexOptions.Multiline)]
    private static partial Regex LockHolder();

    /// <summary>Versions of the embedded migrations, in the order they apply.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    private static IReadOnlyList<(int, string, string)> LoadMigrations()
    {
        var asm = typeof(Warehouse).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in asm.GetManifestResourceNames())
        {
            var m = MigrationName().Match(resource);
            if (!m.Success) continue;
            using var stream = asm.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((int.Parse(m.Groups["v"].Value), m.Groups["name"].Value, reader.ReadToEnd()));
        }
        return list.OrderBy(x => x.Item1).ToList();
    }

    [GeneratedRegex(@"Migrations\.(?<v>\d{3})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();

    private static void Migrate(WarehouseConnection connection)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)");
        var applied = connection.Query("SELECT version FROM schema_migrations", r => r.Int(0)).ToHashSet();

        foreach (var (version, name, sql) in Migrations.Where(m => !applied.Contains(m.Version)))
        {
            // One transaction per migration: a failed migration leaves the file at the previous version.
            using var tx = connection.BeginTransaction();
            connection.Execute(sql);
            connection.Insert("schema_migrations", ("version", version), ("name", name));
            tx.Commit();
        }
    }
}
