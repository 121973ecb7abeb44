namespace JuniperFts.Reports.Sla;

/// <summary>How durations and instants become the whole seconds and microseconds of the warehouse and the reports.</summary>
public static class SlaSeconds
{
    /// <summary>Elapsed response time rounds up, so a printed elapsed ≤ target exactly when the case met its target.</summary>
    public static long RoundedUp(NodaTime.Duration d) => (d.BclCompatibleTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

    /// <summary>A DuckDB <c>TIMESTAMP</c>'s value: microseconds since 1970, floored (as DuckDB stores a DateTime).</summary>
    public static long UnixMicroseconds(NodaTime.Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks >= 0 || ticks % 10 == 0 ? ticks / 10 : ticks / 10 - 1;
    }
}
