using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Reports.ReviewPack;

// The cover's designated engineers.
internal sealed partial class ReviewPackQuery
{
    /// <summary>Engineers of the account's cases created in the four quarters ending with this one, most cases first.</summary>
    private List<DesignatedEngineer> DesignatedEngineers(WarehouseConnection connection, IReadOnlyList<SlaCase> allCases, Quarter quarter)
    {
        var window = quarter.Trailing(4).ToHashSet();
        var counts = allCases.Where(c => c.EngineerId is not null && window.Contains(c.Quarter))
            .GroupBy(c => c.EngineerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var names = EngineerNames(connection);

        return counts
            .Select(kv => names.TryGetValue(kv.Key, out var e)
                ? new DesignatedEngineer(kv.Key, e.Name, e.Centre, kv.Value)
                : new DesignatedEngineer(kv.Key, kv.Key, null, kv.Value))
            .OrderByDescending(e => e.Cases).ThenBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.EngineerId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every engineer's name and centre, read once for all the packs of a run.</summary>
    private Dictionary<string, (string Name, string Centre)> EngineerNames(WarehouseConnection connection)
    {
        lock (_engineersLock)
        {
            if (_engineers is not null) return _engineers;
            var names = new Dictionary<string, (string Name, string Centre)>(StringComparer.Ordinal);
            foreach (var (id, name, centre) in connection.Query("SELECT engineer_id, name, support_center FROM engineers", r => (r.Text(0), r.Text(1), r.Text(2))))
                names[id] = (name, centre);
            return _engineers = names;
        }
    }

    private readonly Lock _engineersLock = new();
    private Dictionary<string, (string Name, string Centre)>? _engineers;
}
