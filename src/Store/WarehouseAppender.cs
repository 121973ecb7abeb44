using DuckDB.NET.Data;
using NodaTime;

namespace JuniperFts.Store;

/// <summary>DuckDB's appender for bulk loads into one table; values go in the table's column order. Dispose to flush.</summary>
public sealed class WarehouseAppender : IDisposable
{
    private readonly DuckDBAppender _appender;
    private readonly Warehouse _warehouse;

    internal WarehouseAppender(DuckDBAppender appender, Warehouse warehouse)
    {
        _appender = appender;
        _warehouse = warehouse;
    }

    /// <summary>Starts a row; add every column's value, then <see cref="AppendedRow.End"/>.</summary>
    public AppendedRow Row() => new(_appender.CreateRow(), _warehouse);

    /// <summary>Flushes the rows still buffered; a full disk is a <see cref="JuniperFts.Domain.UserError"/>.</summary>
    public void Dispose() => _warehouse.Writing(_appender, static a => { a.Dispose(); return true; });
}

/// <summary>A row being appended; each <c>Add</c> fills the next column.</summary>
public readonly struct AppendedRow
{
    private readonly IDuckDBAppenderRow _row;
    private readonly Warehouse _warehouse;

    internal AppendedRow(IDuckDBAppenderRow row, Warehouse warehouse)
    {
        _row = row;
        _warehouse = warehouse;
    }

    public AppendedRow Add(string? value) => new(_row.AppendValue(value), _warehouse);

    public AppendedRow Add(long? value) => new(_row.AppendValue(value), _warehouse);

    public AppendedRow Add(bool? value) => new(_row.AppendValue(value), _warehouse);

    public AppendedRow Add(decimal? value) => new(_row.AppendValue(value), _warehouse);

    public AppendedRow Add(Instant? value) => value is { } i ? new(_row.AppendValue((DateTime?)StoredTime.ToTimestamp(i)), _warehouse) : AddNull();

    public AppendedRow Add(LocalDate? value) => value is { } d ? new(_row.AppendValue((DateOnly?)StoredTime.ToDate(d)), _warehouse) : AddNull();

    public AppendedRow Add(IReadOnlyList<string> values) => new(_row.AppendValue(values), _warehouse);

    /// <summary>A value of a column whose type is known only at run time: string, long, bool, decimal, DateOnly, DateTime (a stored TIMESTAMP) or null.</summary>
    public AppendedRow AddValue(object? value) => value switch
    {
        null => AddNull(),
        string s => Add(s),
        DateOnly d => new(_row.AppendValue((DateOnly?)d), _warehouse),
        DateTime t => new(_row.AppendValue((DateTime?)t), _warehouse),
        decimal m => Add(m),
        bool b => Add(b),
        long l => Add(l),
        _ => throw new InvalidOperationException($"cannot append a {value.GetType().Name}"),
    };

    /// <summary>NULL, whatever the column's type.</summary>
    public AppendedRow AddNull() => new(_row.AppendNullValue(), _warehouse);

    /// <summary>Ends the row; a full chunk goes to the table (and past the memory limit to temporary files on disk).</summary>
    public void End() => _warehouse.Writing(_row, static r => { r.EndRow(); return true; });
}
