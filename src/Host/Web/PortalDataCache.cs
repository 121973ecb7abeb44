using System.Collections.Concurrent;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Host.Web;

/// <summary>
/// The figures behind the portal's pages and JSON answers, computed once per (question, scope, data version, minute)
/// and shared by every reader asking the same: a new ingest batch or SLA refresh changes the version, so it shows at
/// once; the minute bounds how long "pending" can lag the clock (a pending case turns breached as time passes).
/// </summary>
/// <remarks>Concurrent askers of a key wait for the one computation. Entries are small (tables of a page), so only their number is bounded.</remarks>
public sealed class PortalDataCache(Warehouse warehouse)
{
    /// <summary>Entries kept; past that the cache starts again empty (every entry is cheap to recompute).</summary>
    public const int MaxEntries = 2048;

    private readonly ConcurrentDictionary<string, Lazy<object>> _entries = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="question"/> for <paramref name="scope"/> at <paramref name="now"/>, computed by <paramref name="compute"/> on a miss.</summary>
    public T Get<T>(string question, string scope, Instant now, Func<T> compute) where T : class
    {
        var key = $"{question}|{scope}|{ReportCache.DataVersion(warehouse)}|{now.ToUnixTimeSeconds() / 60}";
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

    /// <summary>The scope part of a key: "all", or the sorted account ids.</summary>
    public static string Scope(IReadOnlySet<string>? accounts) => accounts is null ? "all" : string.Join(',', accounts.Order(StringComparer.Ordinal));
}
