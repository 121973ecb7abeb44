using NodaTime;

namespace JuniperFts.Store;

/// <summary>
/// Instants and dates as the warehouse stores them: TIMESTAMP columns hold UTC wall time without a
/// <see cref="DateTime"/> kind, DATE columns travel as <see cref="DateOnly"/>.
/// </summary>
/// <remarks>The one mapping: <see cref="WarehouseConnection"/> applies it to every parameter and <see cref="StoredRow"/> to every read.</remarks>
public static class StoredTime
{
    /// <summary>The TIMESTAMP value of <paramref name="instant"/>.</summary>
    public static DateTime ToTimestamp(Instant instant) => DateTime.SpecifyKind(instant.ToDateTimeUtc(), DateTimeKind.Unspecified);

    /// <summary>The instant a TIMESTAMP value read back from DuckDB stands for.</summary>
    public static Instant ToInstant(DateTime timestamp) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    /// <summary>The DATE value of <paramref name="date"/>.</summary>
    public static DateOnly ToDate(LocalDate date) => date.ToDateOnly();

    /// <summary>The calendar date a DATE value read back from DuckDB stands for.</summary>
    public static LocalDate ToLocalDate(DateOnly date) => LocalDate.FromDateOnly(date);
}
