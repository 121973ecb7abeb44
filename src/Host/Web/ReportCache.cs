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
    // Both maps and the counters change only under _lock, so finding a key, joining or starting its build, and moving a
    // finished build into the cache are each one step: one build per key at a time.
    private readonly Dictionary<string, Task<byte[]>> _building = new(StringComparer.Ordinal);
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
        var version = DataVersion(warehouse);
        return $"{report}|{scope}|{quarter}|{version}{Running(quarter, now)}";
    }

    /// <summary>The UTC hour while <paramref name="quarter"/> is still running (its pending cases turn breached as time passes), else nothing.</summary>
    public static string Running(Quarter? quarter, Instant now) =>
        quarter is not { } q || now < q.End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromDays(1))
            ? "@" + now.InUtc().ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture) : "";

    /// <summary>The version of the data every report reads: the latest ingest batch, SLA refresh, saved forecast and issued true-up statement.</summary>
    public static string DataVersion(Warehouse warehouse)
    {
        using var c = warehouse.Connect();
        return c.Scalar<string>("""
            SELECT (SELECT coalesce(max(batch_id), 0) FROM ingest_batches) || '.' || (SELECT coalesce(max(refreshed_through), -1) FROM sla_refresh_state)
                || '.' || (SELECT coalesce(max(run_id), 0) FROM job_successes WHERE job = 'forecast')
                || '.' || (SELECT count(*) FROM trueup_statement_revisions)
            """) ?? "";
    }

    /// <summary>The file of <paramref name="key"/>: from the cache, from a build in progress, or built now by <paramref name="build"/>.</summary>
    public async Task<CachedReport> GetAsync(string key, Func<byte[]> build)
    {
        Task<byte[]> task;
        var started = false;
        lock (_lock)
        {
            if (_built.TryGetValue(key, out var hit))
            {
                _built[key] = (hit.Bytes, ++_uses);
                return new CachedReport(hit.Bytes, FromCache: true);
            }
            if (!_building.TryGetValue(key, out task!))
            {
                if (_admitted >= Builders + Queue) return new CachedReport(null, false);
                _admitted++;
                started = true;
                // Started on the thread pool, so none of it runs under the lock.
                task = Task.Run(() => BuildAsync(key, build));
                _building[key] = task;
            }
        }
        return new CachedReport(await task, FromCache: !started);
    }

    private async Task<byte[]> BuildAsync(string key, Func<byte[]> build)
    {
        byte[]? bytes = null;
        try
        {
            await _builders.WaitAsync();
            try
            {
                bytes = build();
                return bytes;
            }
            finally
            {
                _builders.Release();
            }
        }
        finally
        {
            lock (_lock)
            {
                _building.Remove(key);
                _admitted--;
                if (bytes is not null) Keep(key, bytes);
            }
        }
    }

    /// <summary>Caches a finished build (under the lock), dropping the least recently used past <see cref="MaxBytes"/>.</summary>
    private void Keep(string key, byte[] bytes)
    {
        if (bytes.LongLength > MaxBytes) return;
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
