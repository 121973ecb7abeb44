namespace JuniperFts.Domain.Sla;

/// <summary>Where an attainment figure stands against the goals.</summary>
public enum AttainmentBand
{
    /// <summary>No figure (no eligible case).</summary>
    None,
    /// <summary>At or above the goal.</summary>
    Green,
    /// <summary>Below the goal, at or above the warning level.</summary>
    Amber,
    /// <summary>Below the warning level.</summary>
    Red,
}

/// <summary>
/// The attainment goal in percent (<see cref="Green"/>) and the warning level below it (<see cref="Amber"/>): the one
/// pair the workbook, the review packs and the portal colour and judge by.
/// </summary>
public sealed record AttainmentGoals
{
    public AttainmentGoals(decimal green, decimal amber)
    {
        if (green is < 0 or > 100 || amber is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(green), "Attainment goals are percentages from 0 to 100.");
        if (amber > green) throw new ArgumentException($"The amber goal ({amber}) must not be above the green goal ({green}).", nameof(amber));
        Green = green;
        Amber = amber;
    }

    /// <summary>95 % goal, 90 % warning level.</summary>
    public static AttainmentGoals Default { get; } = new(95m, 90m);

    /// <summary>The goal: attainment at or above it meets it.</summary>
    public decimal Green { get; }

    /// <summary>The warning level: below the goal but at or above this is amber; below it red.</summary>
    public decimal Amber { get; }

    /// <summary>True when <paramref name="attainmentPct"/> reaches the goal; null without a figure.</summary>
    public bool? Meets(decimal? attainmentPct) => attainmentPct is { } pct ? pct >= Green : null;

    /// <summary>The band of <paramref name="attainmentPct"/>.</summary>
    public AttainmentBand BandOf(decimal? attainmentPct) => attainmentPct switch
    {
        null => AttainmentBand.None,
        var p when p >= Green => AttainmentBand.Green,
        var p when p >= Amber => AttainmentBand.Amber,
        _ => AttainmentBand.Red,
    };
}
