using DuckDB.NET.Data;
using NodaTime;

namespace JuniperFts.Store;

/// <summary>DuckDB's appender for bulk loads into one table; values go in the table's column order. Dispose to flush.</summary>
public sealed class WarehouseAppender : IDisposable
{
    private readonly DuckDBAppender _appender;

    internal WarehouseAppender(DuckDBAppender appender) => _appender = appender;

    /// <summary>Starts a row; add every column's value, then <see cref="AppendedRow.End"/>.</summary>
    public AppendedRow Row() => new(_appender.CreateRow());

    public void Dispose() => _appender.Dispose();
}

/// <summary>A row being appended; each <c>Add</c> fills the next column.</summary>
public readonly struct AppendedRow
{
    private readonly IDuckDBAppenderRow _row;

    internal AppendedRow(IDuckDBAppenderRow row) => _row = row;

    public AppendedRow Add(string? value) => new(_row.AppendValue(value));

    public AppendedRow Add(long? value) => new(_row.AppendValue(value));

    public AppendedRow Add(bool? value) => new(_row.AppendValue(value));

    public AppendedRow Add(decimal? value) => new(_row.AppendValue(value));

    public AppendedRow Add(Instant? value) => value is { } i ? new(_row.AppendValue((DateTime?)StoredTime.ToTimestamp(i))) : AddNull();

    public AppendedRow Add(LocalDate? value) => value is { } d ? new(_row.AppendValue((DateOnly?)StoredTime.ToDate(d))) : AddNull();

    public AppendedRow Add(IReadOnlyList<string> values) => new(_row.AppendValue(values));

    /// <summary>A value of a column whose type is known only at run time: string, long, bool, decimal, DateOnly, DateTime (a stored TIMESTAMP) or null.</summary>
    public AppendedRow AddValue(object? value) => value switch
    {
        null => AddNull(),
        string s => Add(s),
        DateOnly d => new(_row.AppendValue((DateOnly?)d)),
        DateTime t => new(_row.AppendValue((DateTime?)t)),
        decimal m => Add(m),
        bool b => Add(b),
        long l => Add(l),
        _ => throw new InvalidOperationException($"cannot append a {value.GetType().Name}"),
    };

    /// <summary>NULL, whatever the column's type.</summary>
    public AppendedRow AddNull() => new(_row.AppendNullValue());

    /// <summary>Ends the row.</summary>
    public void End() => _row.EndRow();
}
