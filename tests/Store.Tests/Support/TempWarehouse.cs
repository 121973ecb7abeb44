namespace JuniperFts.Store.Tests.Support;

/// <summary>A real DuckDB file in a fresh temp folder, deleted with the folder on dispose.</summary>
public sealed class TempWarehouse : IDisposable
{
    public TempWarehouse() : this(Path.Combine(Path.GetTempPath(), "fts-test-" + Guid.NewGuid().ToString("N")))
    {
    }

    /// <summary>The database in <paramref name="folder"/> (created; deleted on dispose), e.g. on a <see cref="SmallDisk"/>.</summary>
    public TempWarehouse(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "fts.duckdb");
        Warehouse = Warehouse.Open(DatabasePath);
    }

    public string Folder { get; }
    public string DatabasePath { get; }
    public Warehouse Warehouse { get; }

    /// <summary>A path inside the temp folder (not created).</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Rows that insert straight into the tables, for tests that do not exercise ingest.</summary>
    public Seed Seed() => new(Warehouse);

    /// <summary>Runs statements straight against the file, for seeding and corrections a test makes by hand.</summary>
    public void Execute(string sql)
    {
        using var c = Warehouse.Connect();
        c.Execute(sql);
    }

    /// <summary>Runs a scalar query, for assertions.</summary>
    public T? Scalar<T>(string sql)
    {
        using var c = Warehouse.Connect();
        return c.Scalar<T>(sql);
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
