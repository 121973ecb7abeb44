namespace JuniperFts.Domain.Workload;

/// <summary>
/// How strongly each group of model weights is shrunk, learnt from the data (empirical Bayes) rather than fixed by hand:
/// a group whose weights the data leave near zero is shrunk harder, so its noise stays out of the forecast; a group the
/// data insist on is let loose, up to <see cref="Max"/> times its starting scale.
/// </summary>
/// <remarks>
/// The model's L2 penalty λ is a Gaussian prior N(0, 1/λ) on every weight; a group's columns multiplied by a factor s give
/// its effects a prior of standard deviation s/√λ. MacKay's evidence update sets that prior's variance to the group's
/// squared weights over its well-determined count γ = Σ (1 − λ·posterior variance), which is the marginal likelihood's
/// fixed point: s ← s·√(λ·Σw² / γ). Pure: the weights and their posterior variances come from the fit.
/// </remarks>
public static class PriorScales
{
    /// <summary>Smallest factor: a group shrunk this hard is off in all but name.</summary>
    public const float Min = 0.01f;

    /// <summary>Largest factor over a group's starting scale.</summary>
    public const float Max = 4f;

    /// <summary>Evidence updates per fit (each one refit); most groups settle within four, the competing ones (two calendars, levels) take longer.</summary>
    public const int Rounds = 8;

    /// <summary>
    /// The groups' next factors from a fit at <paramref name="current"/>: <paramref name="weights"/> and their posterior
    /// <paramref name="variances"/> per column, <paramref name="groups"/> per column (<see cref="WeekFeatures.PriorGroups"/>).
    /// A group whose columns the data never touched (γ ≈ 0, e.g. the region trends with one year of history) keeps its
    /// factor, and so does one whose weights are not finite.
    /// </summary>
    public static IReadOnlyDictionary<string, float> Update(IReadOnlyList<double> weights, IReadOnlyList<double> variances,
        IReadOnlyList<string?> groups, double penalty, IReadOnlyDictionary<string, float> current)
    {
        var next = new Dictionary<string, float>(current);
        foreach (var group in Enumerable.Range(0, groups.Count).Where(j => groups[j] is not null).GroupBy(j => groups[j]!))
        {
            double squares = 0, determined = 0;
            foreach (var j in group)
            {
                squares += weights[j] * weights[j];
                determined += Math.Max(0, 1 - penalty * variances[j]);
            }
            var factor = FactorOf(current, group.Key) * Math.Sqrt(penalty * squares / determined);
            // Nothing to learn from (γ ≈ 0), or a fit that did not converge: keep what the weights were fitted at.
            if (determined < 1e-3 || !double.IsFinite(factor)) continue;
            next[group.Key] = (float)Math.Clamp(factor, Min, Max);
        }
        return next;
    }

    /// <summary>The factor of <paramref name="group"/> (1 when none was learnt).</summary>
    public static float FactorOf(IReadOnlyDictionary<string, float>? factors, string? group) =>
        group is not null && factors is not null && factors.TryGetValue(group, out var f) ? f : 1f;
}
