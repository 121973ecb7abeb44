using JuniperFts.Domain.Reference;

namespace JuniperFts.Domain.Workload;

/// <summary>
/// How forecast cases become engineers: handling hours per case by priority, over the productive hours of an
/// engineer-week (contracted hours less shrinkage, at the target occupancy); and, for engineers on shift by
/// Erlang C, the share of cases to answer within their response target.
/// </summary>
public sealed record StaffingAssumptions
{
    /// <remarks>
    /// Each range rule says what the value is not ("is not a share from 0 to 1 (excluded)"), with the parameter's name
    /// (<c>handlingHours:P2</c> for one priority's hours), so the settings report it against their key.
    /// </remarks>
    public StaffingAssumptions(IReadOnlyDictionary<Priority, double> handlingHours, double hoursPerWeek, double shrinkage, double occupancy,
        double serviceLevelGoal = DefaultServiceLevelGoal)
    {
        foreach (var p in Priorities.All)
        {
            if (!handlingHours.TryGetValue(p, out var h)) throw new ArgumentException($"no handling hours for {p.Code()}", nameof(handlingHours));
            if (h < 0 || !double.IsFinite(h)) throw new ArgumentOutOfRangeException($"{nameof(handlingHours)}:{p.Code()}", h, "is not a number of hours ≥ 0");
        }
        // A week has 168 hours: more contracted hours than that is a typing mistake.
        if (hoursPerWeek is <= 0 or > 168 || double.IsNaN(hoursPerWeek))
            throw new ArgumentOutOfRangeException(nameof(hoursPerWeek), hoursPerWeek, "is not hours between 0 (excluded) and 168");
        if (shrinkage is < 0 or >= 1 || double.IsNaN(shrinkage))
            throw new ArgumentOutOfRangeException(nameof(shrinkage), shrinkage, "is not a share from 0 to 1 (excluded)");
        if (occupancy is <= 0 or > 1 || double.IsNaN(occupancy))
            throw new ArgumentOutOfRangeException(nameof(occupancy), occupancy, "is not a share from 0 (excluded) to 1");
        if (serviceLevelGoal is <= 0 or >= 1 || double.IsNaN(serviceLevelGoal))
            throw new ArgumentOutOfRangeException(nameof(serviceLevelGoal), serviceLevelGoal, "is not a share between 0 and 1 (both excluded)");
        HandlingHours = handlingHours;
        HoursPerWeek = hoursPerWeek;
        Shrinkage = shrinkage;
        Occupancy = occupancy;
        ServiceLevelGoal = serviceLevelGoal;
    }

    /// <summary>The attainment goal's 95 %, as a share.</summary>
    public const double DefaultServiceLevelGoal = 0.95;

    /// <summary>Hands-on hours an engineer spends on one case of each priority.</summary>
    public IReadOnlyDictionary<Priority, double> HandlingHours { get; }

    /// <summary>Contracted hours per engineer-week.</summary>
    public double HoursPerWeek { get; }

    /// <summary>Share of contracted hours lost to leave, training and meetings.</summary>
    public double Shrinkage { get; }

    /// <summary>Share of the remaining hours that can go to cases without queues building up; on shift, the most an engineer is kept busy.</summary>
    public double Occupancy { get; }

    /// <summary>Share of each priority's cases the engineers on shift should answer within its response target.</summary>
    public double ServiceLevelGoal { get; }

    /// <summary>Engineer minutes one case of <paramref name="priority"/> takes: the queue's handling time.</summary>
    // Through decimal so 0.1 h is 6 minutes, not 6.000000000000001: the CSV prints the minutes the figures used.
    public double HandlingMinutes(Priority priority) => (double)((decimal)HandlingHours[priority] * 60);

    /// <summary>Defaults: P1 6 h, P2 4 h, P3 2 h, P4 1 h; 40 h weeks, 30 % shrinkage, 85 % occupancy.</summary>
    public static StaffingAssumptions Default { get; } = new(
        new Dictionary<Priority, double> { [Priority.P1] = 6, [Priority.P2] = 4, [Priority.P3] = 2, [Priority.P4] = 1 },
        40, 0.30, 0.85);

    /// <summary>Hours an engineer can give to cases in a week.</summary>
    public double ProductiveHoursPerEngineerWeek => HoursPerWeek * (1 - Shrinkage) * Occupancy;

    /// <summary>Handling hours of an average case under <paramref name="mix"/>.</summary>
    public double HoursPerCase(PriorityMix mix) => Priorities.All.Sum(p => mix.Share(p) * HandlingHours[p]);

    /// <summary>Engineers (fractional) needed to handle <paramref name="cases"/> in one week.</summary>
    public double EngineersNeeded(double cases, PriorityMix mix) => cases * HoursPerCase(mix) / ProductiveHoursPerEngineerWeek;
}

/// <summary>The share of cases at each priority (shares sum to 1).</summary>
public sealed record PriorityMix
{
    private readonly double[] _shares;

    private PriorityMix(double[] shares) => _shares = shares;

    /// <summary>The mix of the given case counts; equal shares when there are none.</summary>
    public static PriorityMix FromCounts(IReadOnlyDictionary<Priority, long> counts)
    {
        var total = Priorities.All.Sum(p => counts.TryGetValue(p, out var c) ? c : 0);
        return new PriorityMix(Priorities.All
            .Select(p => total == 0 ? 1.0 / Priorities.All.Count : (counts.TryGetValue(p, out var c) ? c : 0) / (double)total)
            .ToArray());
    }

    public static PriorityMix Equal { get; } = FromCounts(new Dictionary<Priority, long>());

    public double Share(Priority p) => _shares[(int)p - 1];

    public bool Equals(PriorityMix? other) => other is not null && _shares.SequenceEqual(other._shares);

    public override int GetHashCode() => _shares.Aggregate(0, (h, s) => HashCode.Combine(h, s));
}
