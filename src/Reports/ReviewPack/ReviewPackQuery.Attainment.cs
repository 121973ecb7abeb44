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

        // The trend reaches back up to eight quarters, but never to quarters before the account's first case: one read
        // of those eight quarters by priority, the quarters' totals summed from it.
        var byQuarter = sla.Trend(asOf, quarter, TrendMax, "priority", new SlaFilter(null, only));
        var firstWithData = Array.FindIndex(byQuarter.All.PerQuarter.ToArray(), g => g is not null);
        var skip = firstWithData < 0 ? TrendMax - TrendMin : Math.Min(firstWithData, TrendMax - TrendMin);
        var quarters = byQuarter.Quarters.Skip(skip).ToList();

        TrendLine Line(string label, IReadOnlyList<SlaGroup?> perQuarter)
        {
            var groups = perQuarter.Skip(skip).ToList();
            return new TrendLine(label, groups.Select(g => g?.AttainmentPct).ToList(), groups.Select(g => g?.Eligible ?? 0).ToList());
        }
        var trend = new List<TrendLine> { Line("All priorities", byQuarter.All.PerQuarter) };
        foreach (var p in Priorities.All)
        {
            var line = byQuarter.Lines.FirstOrDefault(l => l.Label == p.Code());
            if (line is null || line.PerQuarter.Skip(skip).All(g => g is null)) continue;
            trend.Add(Line(p.Code(), line.PerQuarter));
        }

        return new AttainmentSection(options.Goals.Green, rows, Row("All priorities", null, total), quarters, trend);
    }

    private AttainmentLine Row(string label, long? target, SlaGroup? g) =>
        new(label, target, g?.Eligible ?? 0, g?.Met ?? 0, g?.Breached ?? 0, g?.Pending ?? 0, g?.AttainmentPct, options.Goals.Meets(g?.AttainmentPct));
}
