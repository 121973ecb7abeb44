using System.Collections.Concurrent;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>What a heavy report request got: the file, or no room to build it now.</summary>
/// <param name="Bytes">The built file; null when the build queue is full (answer 503 with Retry-After).</param>
/// <param name="FromCache">True when an earlier build of the same key served it.</param>
public readonly record struct CachedReport(byte[]? Bytes, bool FromCache);

/// <summary>
/// The portal's heavy reports (workbook, review packs) built once per (report, scope, quarter, data version)
/// and kept in memory, with a bound on the builds: at most <see cref="Builders"/> run at once and
/// <see cref="Queue"/> more wait; past that a request is refused at once instead of piling up memory.
/// Requests for a key already being built wait for that build instead of starting their own.
/// </summary>
public sealed class ReportCache
{
    /// <summary>Builds running at once: a 1M-case quarter's workbook takes about 0.5 GB while it is built.</summary>
    public const int Builders = 2;

    /// <summary>Distinct builds that may wait for a builder.</summary>
    public const int Queue = 6;

    /// <summary>Seconds a refused request is told to wait (Retry-After).</summary>
    public const int RetryAfterSeconds = 10;

    /// <summary>Most bytes of built files kept; the least recently used go first.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    private readonly SemaphoreSlim _builders = new(Builders, Builders);
    private readonly ConcurrentDictionary<string, Task<byte[]>> _building = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Bytes, long Used)> _built = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _bytes;
    private long _uses;
    private int _admitted;

    /// <summary>
    /// The key of a report: its kind, scope and quarter, and the data version: the latest ingest batch, SLA
    /// refresh and saved forecast (the forecast job's latest success), plus the hour while the quarter is still
    /// running (pending cases turn breached as time passes).
    /// </summary>
    public static string Key(Warehouse warehouse, string report, string scope, Quarter quarter, Instant now)
    {
        using var c = warehouse.Connect();
        var version = c.Scalar<string>("""
            SELECT (SELECT coalesce(max(batch_id), 0) FROM ingest_batches) || '.' || (SELECT coalesce(max(refreshed_through), -1) FROM sla_refresh_state)
                || '.' || (SELECT coalesce(max(run_id), 0) FROM job_successes WHERE job = 'forecast')
            """);
        var running = now < quarter.End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromDays(1))
            ? "@" + now.InUtc().ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture) : "";
        return $"{report}|{scope}|{quarter}|{version}{running}";
    }

    /// <summary>The file of <paramref name="key"/>: from the cache, from a build in progress, or built now by <paramref name="build"/>.</summary>
    public async Task<CachedReport> GetAsync(string key, Func<byte[]> build)
    {
        lock (_lock)
        {
            if (_built.TryGetValue(key, out var hit))
            {
                _built[key] = (hit.Bytes, ++_uses);
                return new CachedReport(hit.Bytes, FromCache: true);
            }
        }
        var started = false;
        var task = _building.GetOrAdd(key, k =>
        {
            started = true;
            return Interlocked.Increment(ref _admitted) > Builders + Queue ? Refused() : BuildAsync(k, build);
        });
        try
        {
            var bytes = await task;
            return new CachedReport(bytes, FromCache: !started);
        }
        catch (QueueFullException)
        {
            _building.TryRemove(new KeyValuePair<string, Task<byte[]>>(key, task));
            return new CachedReport(null, false);
        }
    }

    private async Task<byte[]> BuildAsync(string key, Func<byte[]> build)
    {
        try
        {
            await _builders.WaitAsync();
            try
            {
                var bytes = await Task.Run(build);
                Keep(key, bytes);
                return bytes;
            }
            finally
            {
                _builders.Release();
            }
        }
        finally
        {
            _building.TryRemove(key, out _);
            Interlocked.Decrement(ref _admitted);
        }
    }

    private Task<byte[]> Refused()
    {
        Interlocked.Decrement(ref _admitted);
        return Task.FromException<byte[]>(new QueueFullException());
    }

    private void Keep(string key, byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes) return;
        lock (_lock)
        {
            // A build that raced a finished one for the same key replaces it: count its bytes once.
            if (_built.TryGetValue(key, out var replaced)) _bytes -= replaced.Bytes.LongLength;
            _built[key] = (bytes, ++_uses);
            _bytes += bytes.LongLength;
            while (_bytes > MaxBytes)
            {
                var oldest = _built.MinBy(e => e.Value.Used);
                _built.Remove(oldest.Key);
                _bytes -= oldest.Value.Bytes.LongLength;
            }
        }
    }

    private sealed class QueueFullException : Exception;
}
