using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Ingest;

/// <summary>Facts about the stored data as a whole.</summary>
public static class DataFacts
{
    /// <summary>
    /// The latest instant in the data (case creation, first response, resolution or event), or null when
    /// there is none: <c>fts run</c>'s as-of, so the same data gives the same outputs on every run.
    /// </summary>
    public static Instant? LatestInstant(Warehouse w)
    {
        using var c = w.Connect();
        return c.Scalar<Instant?>("""
            SELECT max(t) FROM (
                SELECT max(greatest(created_at, coalesce(first_response_at, created_at), coalesce(resolved_at, created_at))) AS t FROM cases
                UNION ALL SELECT max("at") FROM case_events)
            """);
    }
}
