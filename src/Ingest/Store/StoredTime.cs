using NodaTime;

namespace JuniperFts.Ingest.Store;

/// <summary>Instants as the warehouse stores them: TIMESTAMP columns hold UTC wall time, without a DateTime kind.</summary>
public static class StoredTime
{
    /// <summary>The TIMESTAMP value of <paramref name="instant"/>.</summary>
    public static DateTime ToTimestamp(Instant instant) => DateTime.SpecifyKind(instant.ToDateTimeUtc(), DateTimeKind.Unspecified);

    /// <summary>The instant a TIMESTAMP value read back from DuckDB stands for.</summary>
    public static Instant ToInstant(DateTime timestamp) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));
}
