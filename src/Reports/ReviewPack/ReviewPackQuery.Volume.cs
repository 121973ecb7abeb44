using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.ReviewPack;

// The pack's volume and resolution sections.
internal sealed partial class ReviewPackQuery
{
    /// <summary>Every case of the quarter (excluded ones too: they are work) by platform and priority.</summary>
    private static VolumeSection Volume(IReadOnlyList<SlaCase> cases)
    {
        var platforms = cases.Select(PlatformOf).Distinct(StringComparer.Ordinal)
            .OrderBy(p => p == "Unknown" ? 1 : 0).ThenBy(p => p, StringComparer.Ordinal).ToList();
        var lines = platforms.Select(p => VolumeOf(p, cases.Where(c => PlatformOf(c) == p).ToList())).ToList();

        // After hours is an 8x5 notion: only eligible cases were placed on the centre's calendar.
        var afterHours = cases.Where(c => c.Window == ServiceWindow.BusinessHours && c.Status != SlaStatus.Excluded)
            .GroupBy(c => (Contract: c.ContractId ?? "", Centre: c.SupportCenter ?? ""))
            .OrderBy(g => g.Key.Contract, StringComparer.Ordinal)
            .Select(g =>
            {
                long n = g.Count(), after = g.Count(c => c.AfterHours);
                return new AfterHoursLine(g.Key.Contract, g.Key.Centre, n, after, Math.Round(100m * after / n, 1, MidpointRounding.AwayFromZero));
            })
            .ToList();
        return new VolumeSection(lines, VolumeOf("All platforms", cases), afterHours);
    }

    private static string PlatformOf(SlaCase c) => string.IsNullOrEmpty(c.Platform) ? "Unknown" : c.Platform;

    private static VolumeLine VolumeOf(string label, IReadOnlyList<SlaCase> cases) =>
        new(label, Priorities.All.Select(p => (long)cases.Count(c => c.Priority == p)).ToList(), cases.Count);

    private ResolutionSection Resolution(IReadOnlyList<SlaCase> cases, Instant asOf, IReadOnlyDictionary<string, SlaGroup> byPriority, SlaGroup? total)
    {
        var eligible = cases.Where(c => c.Status != SlaStatus.Excluded).ToList();
        ResolutionLine Line(string label, IReadOnlyList<SlaCase> group, SlaGroup? g)
        {
            var resolved = group.Count(c => c.ResolvedAt is { } at && at <= asOf);
            return new ResolutionLine(label, resolved, group.Count - resolved, g?.ResolutionMedianSeconds, g?.ResolutionP90Seconds);
        }
        var rows = Priorities.All.Select(p => Line(p.Code(), eligible.Where(c => c.Priority == p).ToList(), byPriority.GetValueOrDefault(p.Code()))).ToList();
        return new ResolutionSection(rows, Line("All priorities", eligible, total));
    }
}
