using System.Collections.Concurrent;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// The figures behind the portal's pages and JSON answers, computed once per (question, scope, data version) and shared
/// by every reader asking the same, with the key rule of the heavy downloads (<see cref="ReportCache.Key"/>): a new
/// ingest batch, SLA refresh or issued statement changes the version, so it shows at once; while the quarter asked
/// about is still running (or for no quarter), the UTC hour too, since pending cases turn breached as time passes.
/// </summary>
/// <remarks>Concurrent askers of a key wait for the one computation. Entries are small (tables of a page), so only their number is bounded.</remarks>
public sealed class PortalDataCache(Warehouse warehouse)
{
    /// <summary>Entries kept; past that the cache starts again empty (every entry is cheap to recompute).</summary>
    public const int MaxEntries = 2048;

    private readonly ConcurrentDictionary<string, Lazy<object>> _entries = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="question"/> for <paramref name="scope"/> at <paramref name="now"/>, computed by <paramref name="compute"/> on a miss.</summary>
    /// <param name="quarter">The (latest) quarter the figures are of; null for figures of "now" (open cases, statements).</param>
    public T Get<T>(string question, string scope, Quarter? quarter, Instant now, Func<T> compute) where T : class
    {
        var key = $"{question}|{scope}|{DataVersion()}{ReportCache.Running(quarter, now)}";
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry)); // a failure is not kept
            throw;
        }
    }

    // The data version read for a request must start after the request arrived (so what was committed before it is
    // seen), but concurrent requests need not each read it: reads are numbered, one runs at a time, and a request
    // takes the result of the first read that started after it came. Under load a handful of requests share one.
    private readonly object _versionGate = new();
    private long _readsStarted, _lastRead;
    private bool _reading;
    private string _version = "";

    /// <summary><see cref="ReportCache.DataVersion"/> as of a moment after the call began, shared with concurrent callers.</summary>
    public string DataVersion()
    {
        long mine;
        lock (_versionGate)
        {
            var needed = _readsStarted + 1;
            while (_reading && _lastRead < needed) Monitor.Wait(_versionGate);
            if (_lastRead >= needed) return _version;
            _reading = true;
            mine = ++_readsStarted;
        }
        string? version = null;
        try
        {
            version = ReportCache.DataVersion(warehouse);
            return version;
        }
        finally
        {
            lock (_versionGate)
            {
                if (version is not null)
                {
                    _version = version;
                    _lastRead = mine;
                }
                _reading = false;
                Monitor.PulseAll(_versionGate);
            }
        }
    }

    /// <summary>The scope part of a key: "all", or the sorted account ids.</summary>
    public static string Scope(IReadOnlySet<string>? accounts) => accounts is null ? "all" : string.Join(',', accounts.Order(StringComparer.Ordinal));
}
