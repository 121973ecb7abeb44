namespace JuniperFts.Reports.Charts;

/// <summary>
/// The attainment trend as the review pack draws it (one line per group over the quarters, the goal dashed),
/// so the pack's PNG and the portal's SVG are the same chart.
/// </summary>
public static class AttainmentTrendChart
{
    /// <param name="lines">Each group's attainment per quarter (null: no met or breached case that quarter).</param>
    /// <param name="goalLabel">The goal as the caller writes percentages, e.g. "Goal 95 %".</param>
    public static ChartSpec Spec(IReadOnlyList<string> quarters, IReadOnlyList<(string Label, IReadOnlyList<decimal?> Attainment)> lines,
        decimal goal, string goalLabel, int width, int height) =>
        new("Attainment by quarter (%)", quarters,
            lines.Select((l, i) => new ChartSeries(l.Label, l.Attainment.Select(v => (double?)v).ToList(), ChartPng.Palette[i % ChartPng.Palette.Count])).ToList())
        {
            YMin = 0, YMax = 105, Width = width, Height = height,
            References = [new ChartReference((double)goal, goalLabel)],
        };
}
