using DuckDB.NET.Data;
using NodaTime;

namespace JuniperFts.Store;

/// <summary>The current row of a <see cref="WarehouseConnection.Query{T}"/>, read by column ordinal with the warehouse's mapping.</summary>
/// <remarks>TIMESTAMP columns read as <see cref="Instant"/> and DATE columns as <see cref="LocalDate"/> (see <see cref="StoredTime"/>).</remarks>
public readonly struct StoredRow
{
    private readonly DuckDBDataReader _reader;

    internal StoredRow(DuckDBDataReader reader) => _reader = reader;

    /// <summary>True when the column is NULL.</summary>
    public bool IsNull(int ordinal) => _reader.IsDBNull(ordinal);

    public string Text(int ordinal) => _reader.GetString(ordinal);

    public string? TextOrNull(int ordinal) => IsNull(ordinal) ? null : _reader.GetString(ordinal);

    public long Long(int ordinal) => _reader.GetInt64(ordinal);

    public long? LongOrNull(int ordinal) => IsNull(ordinal) ? null : _reader.GetInt64(ordinal);

    public int Int(int ordinal) => _reader.GetInt32(ordinal);

    public bool Bool(int ordinal) => _reader.GetBoolean(ordinal);

    public double? DoubleOrNull(int ordinal) => IsNull(ordinal) ? null : _reader.GetDouble(ordinal);

    public decimal Decimal(int ordinal) => _reader.GetDecimal(ordinal);

    public Instant Instant(int ordinal) => StoredTime.ToInstant(_reader.GetDateTime(ordinal));

    public Instant? InstantOrNull(int ordinal) => IsNull(ordinal) ? null : Instant(ordinal);

    public LocalDate Date(int ordinal) => StoredTime.ToLocalDate(_reader.GetFieldValue<DateOnly>(ordinal));

    public LocalDate? DateOrNull(int ordinal) => IsNull(ordinal) ? null : Date(ordinal);

    /// <summary>A BLOB column's bytes.</summary>
    public byte[] Bytes(int ordinal)
    {
        using var blob = _reader.GetStream(ordinal);
        using var copy = new MemoryStream();
        blob.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The value as stored, for code that reads columns it does not know the type of: null, an Instant, a LocalDate, or DuckDB's value.</summary>
    public object? Value(int ordinal) => _reader.GetValue(ordinal) switch
    {
        DBNull => null,
        DateTime t => StoredTime.ToInstant(t),
        DateOnly d => StoredTime.ToLocalDate(d),
        var v => v,
    };
}
