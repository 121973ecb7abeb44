using JuniperFts.Domain.Reference;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's attainment section: the quarter by priority and the trend.
internal sealed partial class ReviewPackQuery
{
    private AttainmentSection Attainment(SlaQueries sla, IReadOnlySet<string> only, Quarter quarter, Instant asOf,
        IReadOnlyDictionary<string, SlaGroup> byPriority, SlaGroup? total)
    {
        var rows = Priorities.All.Select(p =>
        {
            byPriority.TryGetValue(p.Code(), out var g);
            return Row(p.Code(), reference.TargetFor(p), g);
        }).ToList();

        // The trend reaches back up to eight quarters, but never to quarters before the account's first case.
        var accountOnly = new SlaFilter(null, only);
        var perQuarter = sla.Summary(asOf, ["quarter"], accountOnly).ToDictionary(g => g.Keys[0], StringComparer.Ordinal);
        var perQuarterPriority = sla.Summary(asOf, ["quarter", "priority"], accountOnly).ToDictionary(g => (g.Keys[0], g.Keys[1]));
        var quarters = quarter.Trailing(TrendMax).ToList();
        var firstWithData = quarters.FindIndex(q => perQuarter.ContainsKey(q.ToString()));
        var skip = firstWithData < 0 ? TrendMax - TrendMin : Math.Min(firstWithData, TrendMax - TrendMin);
        quarters = quarters.Skip(skip).ToList();

        var trend = new List<TrendLine>
        {
            new("All priorities",
                quarters.Select(q => perQuarter.GetValueOrDefault(q.ToString())?.AttainmentPct).ToList(),
                quarters.Select(q => perQuarter.GetValueOrDefault(q.ToString())?.Eligible ?? 0).ToList()),
        };
        foreach (var p in Priorities.All)
        {
            var groups = quarters.Select(q => perQuarterPriority.GetValueOrDefault((q.ToString(), p.Code()))).ToList();
            if (groups.All(g => g is null)) continue;
            trend.Add(new TrendLine(p.Code(), groups.Select(g => g?.AttainmentPct).ToList(), groups.Select(g => g?.Eligible ?? 0).ToList()));
        }

        return new AttainmentSection(options.Goals.Green, rows, Row("All priorities", null, total), quarters, trend);
    }

    private AttainmentLine Row(string label, long? target, SlaGroup? g) =>
        new(label, target, g?.Eligible ?? 0, g?.Met ?? 0, g?.Breached ?? 0, g?.Pending ?? 0, g?.AttainmentPct, options.Goals.Meets(g?.AttainmentPct));
}
