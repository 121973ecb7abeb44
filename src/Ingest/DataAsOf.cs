using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Ingest;

/// <summary>The as-of the stored data gives when none is asked for.</summary>
public static class DataAsOf
{
    /// <summary>
    /// The latest instant in the data (case creation, first response, resolution or event), or null when
    /// there is none: <c>fts run</c>'s as-of, so the same data gives the same outputs on every run.
    /// </summary>
    public static Instant? Latest(Warehouse w)
    {
        using var c = w.Connect();
        return c.Scalar<Instant?>("""
            SELECT max(t) FROM (
                SELECT max(greatest(created_at, coalesce(first_response_at, created_at), coalesce(resolved_at, created_at))) AS t FROM cases
                UNION ALL SELECT max("at") FROM case_events)
            """);
    }
}
