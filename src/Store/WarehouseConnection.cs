using System.Globalization;
using DuckDB.NET.Data;
using NodaTime;

namespace JuniperFts.Store;

/// <summary>
/// One open connection to the warehouse, and the one way the product talks to DuckDB: SQL with named
/// <c>$name</c> parameters, rows read through <see cref="StoredRow"/>, column-listed inserts, appenders for bulk loads.
/// </summary>
/// <remarks>
/// Parameters are <c>(name, value)</c> pairs; an <see cref="Instant"/> is stored as its UTC TIMESTAMP and a
/// <see cref="LocalDate"/> as a DATE (see <see cref="StoredTime"/>), null as SQL NULL. Dispose it at the end of the
/// unit of work: DuckDB lets one process hold the file, and temp tables live as long as the connection.
/// A failure to write the database's files (a full disk) comes out of every call as the <see cref="JuniperFts.Domain.UserError"/> of
/// <see cref="Warehouse.CannotWrite(Exception)"/>, naming the database.
/// </remarks>
public sealed class WarehouseConnection : IDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly Warehouse _warehouse;

    internal WarehouseConnection(DuckDBConnection connection, Warehouse warehouse)
    {
        _connection = connection;
        _warehouse = warehouse;
    }

    /// <summary>Runs one or more statements; returns the rows changed (of the last statement).</summary>
    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(sql, parameters);
        return _warehouse.Writing(cmd, static c => c.ExecuteNonQuery());
    }

    /// <summary>The first column of the first row; <c>default</c> when there is no row or it is NULL.</summary>
    /// <remarks>TIMESTAMP reads as <see cref="Instant"/>, DATE as <see cref="LocalDate"/>, numbers convert to <typeparamref name="T"/>.</remarks>
    public T? Scalar<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(sql, parameters);
        var value = _warehouse.Writing(cmd, static c => c.ExecuteScalar());
        if (value is null or DBNull) return default;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)(value switch
        {
            DateTime t when type == typeof(Instant) => StoredTime.ToInstant(t),
            DateOnly d when type == typeof(LocalDate) => StoredTime.ToLocalDate(d),
            _ when type.IsInstanceOfType(value) => value,
            _ => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Every row of <paramref name="sql"/>, each mapped by <paramref name="map"/>, in the order DuckDB returns them.</summary>
    public List<T> Query<T>(string sql, Func<StoredRow, T> map, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(sql, parameters);
        // A query may spill to temporary files, and INSERT … RETURNING writes.
        return _warehouse.Writing((cmd, map), static s =>
        {
            using var reader = s.cmd.ExecuteReader();
            var row = new StoredRow(reader);
            var list = new List<T>();
            while (reader.Read()) list.Add(s.map(row));
            return list;
        });
    }

    /// <summary>Inserts one row naming its columns: <c>INSERT INTO table ("a", "b") VALUES ($a, $b)</c>.</summary>
    /// <remarks>Column names double as parameter names, so they must be plain identifiers (keywords such as <c>at</c> are fine: they are quoted).</remarks>
    public int Insert(string table, params ReadOnlySpan<(string Column, object? Value)> values)
    {
        var columns = new string[values.Length];
        for (var i = 0; i < values.Length; i++) columns[i] = values[i].Column;
        return Execute($"INSERT INTO {table} ({string.Join(", ", columns.Select(c => "\"" + c + "\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})", values);
    }

    /// <summary>A bulk appender into <paramref name="table"/> (values in the table's column order); dispose it to flush.</summary>
    public WarehouseAppender Appender(string table) => new(_connection.CreateAppender(table), _warehouse);

    /// <summary>Starts a transaction; disposing it without <see cref="WarehouseTransaction.Commit"/> rolls back.</summary>
    public WarehouseTransaction BeginTransaction() => new(_connection.BeginTransaction(), _warehouse);

    /// <summary>DuckDB's memory limit while a batch job runs (see <see cref="BatchSettings"/>).</summary>
    private const string BatchMemoryLimit = "600MB";

    /// <summary>
    /// Settings for a batch job (an ingest, an SLA refresh) until disposed: past <see cref="BatchMemoryLimit"/>
    /// DuckDB spills to disk, so the process stays well under 1 GiB whatever the data size, and inserts need not
    /// keep row order. Both settings are the instance's, so disposing restores them.
    /// </summary>
    public IDisposable BatchSettings()
    {
        Execute($"SET preserve_insertion_order = false; SET memory_limit = '{BatchMemoryLimit}'");
        return new Restore(this);
    }

    private sealed class Restore(WarehouseConnection connection) : IDisposable
    {
        public void Dispose() => connection.Execute("RESET preserve_insertion_order; RESET memory_limit");
    }

    /// <summary>True when <paramref name="e"/> is DuckDB refusing a second row with the same primary key.</summary>
    public static bool IsDuplicateKey(Exception e) =>
        e is DuckDBException && (e.Message.Contains("PRIMARY KEY", StringComparison.OrdinalIgnoreCase)
                                 || e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase));

    private DuckDBCommand Command(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.Add(new DuckDBParameter(name, ToStored(value)));
        return cmd;
    }

    private static object ToStored(object? value) => value switch
    {
        null => DBNull.Value,
        Instant i => StoredTime.ToTimestamp(i),
        LocalDate d => StoredTime.ToDate(d),
        _ => value,
    };

    public void Dispose() => _connection.Dispose();
}

/// <summary>A transaction on a <see cref="WarehouseConnection"/>; disposing it uncommitted rolls it back.</summary>
public sealed class WarehouseTransaction : IDisposable
{
    private readonly System.Data.Common.DbTransaction _transaction;
    private readonly Warehouse _warehouse;
    private bool _failed;

    internal WarehouseTransaction(System.Data.Common.DbTransaction transaction, Warehouse warehouse)
    {
        _transaction = transaction;
        _warehouse = warehouse;
    }

    /// <summary>Makes the transaction's writes durable; a full disk is a <see cref="JuniperFts.Domain.UserError"/> and nothing of the transaction stays.</summary>
    public void Commit()
    {
        try
        {
            if (_warehouse.SimulatedWriteFailure() is { } simulated)
            {
                _transaction.Rollback();
                throw _warehouse.CannotWrite(simulated, null)!;
            }
            _transaction.Commit();
        }
        catch (DuckDBException e) when (_warehouse.CannotWrite(e) is { } full)
        {
            _failed = true;
            throw full;
        }
    }

    /// <summary>Undoes the transaction's writes.</summary>
    public void Rollback() => _transaction.Rollback();

    public void Dispose()
    {
        try
        {
            _transaction.Dispose();
        }
        catch (DuckDBException) when (_failed)
        {
            // DuckDB already ended the transaction whose commit failed: there is nothing left to roll back,
            // and the commit's error is the one to report.
        }
    }
}
