using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Sla;

/// <summary>First-response status of a case at an as-of instant.</summary>
public enum SlaStatus
{
    Met,
    Breached,
    Pending,
    Excluded,
}

/// <summary>The users' spelling of <see cref="SlaStatus"/>: "met", "breached", "pending", "excluded".</summary>
public static class SlaStatuses
{
    public static string Code(this SlaStatus s) => s switch
    {
        SlaStatus.Met => "met",
        SlaStatus.Breached => "breached",
        SlaStatus.Pending => "pending",
        _ => "excluded",
    };
}

/// <summary>
/// What the SLA rules decided about one case, independent of the as-of instant: the exclusion reason
/// or the covering contract, the priority, the target and the due instant. <see cref="StatusAt"/>
/// turns it into met, breached or pending without the calendar.
/// </summary>
/// <remarks>
/// The clock stops at <see cref="FirstResponseAt"/>; for a case without a response the priority is
/// the one after every known <c>priority_changed</c> event.
/// </remarks>
public sealed record SlaVerdict
{
    public required string CaseNumber { get; init; }
    /// <summary>Null when the case is eligible.</summary>
    public string? ExcludedReason { get; init; }
    /// <summary>The priority in effect when the clock stopped.</summary>
    public required Priority Priority { get; init; }
    /// <summary>The covering contract's installed-base row; null when excluded before one was found.</summary>
    public CoveredUnit? Unit { get; init; }
    public Sku? Sku { get; init; }
    public SupportCentre? Centre { get; init; }
    /// <summary>Created outside business hours of an 8x5 contract (the clock starts at the next opening).</summary>
    public bool AfterHours { get; init; }
    /// <summary>The first-response target; null when excluded.</summary>
    public Duration? Target { get; init; }
    /// <summary>When the elapsed time passes the target: breached strictly after it. Null when excluded or never.</summary>
    public Instant? DueAt { get; init; }
    public required Instant CreatedAt { get; init; }
    public Instant? FirstResponseAt { get; init; }
    /// <summary>Elapsed time from creation to the first response (business time for 8x5); null without a response or when excluded.</summary>
    public Duration? ResponseElapsed { get; init; }
    /// <summary>Quarter of <see cref="CreatedAt"/> in the covering contract's centre zone (UTC without a contract).</summary>
    public required Quarter Quarter { get; init; }
    /// <summary>Creation to resolution minus customer waits; null while unresolved.</summary>
    public Duration? Resolution { get; init; }

    public bool IsEligible => ExcludedReason is null;

    /// <summary>Met, breached or pending at <paramref name="asOf"/> (excluded stays excluded).</summary>
    /// <remarks>A response after <paramref name="asOf"/> does not count yet: the case is unanswered at that instant.</remarks>
    public SlaStatus StatusAt(Instant asOf)
    {
        if (!IsEligible) return SlaStatus.Excluded;
        if (FirstResponseAt is { } r && r <= asOf)
            return ResponseElapsed <= Target ? SlaStatus.Met : SlaStatus.Breached;
        return DueAt is { } due && asOf > due ? SlaStatus.Breached : SlaStatus.Pending;
    }
}
