using NodaTime;

namespace JuniperFts.Domain.Sla;

/// <summary>Resolution time: creation to <c>resolved_at</c> in wall-clock time, minus the customer waits.</summary>
/// <remarks>
/// A wait runs from an <c>awaiting_customer</c> event to the next <c>customer_responded</c> (a second
/// <c>awaiting_customer</c> in between changes nothing); a wait still open at resolution ends there.
/// Waits are clipped to [created, resolved). Events at the same instant go awaiting before responded (ordinal kind).
/// </remarks>
public static class ResolutionTime
{
    /// <summary>Null while the case has no <c>resolved_at</c>.</summary>
    public static Duration? Of(CaseFacts facts)
    {
        if (facts.ResolvedAt is not { } resolved) return null;
        var created = facts.CreatedAt;
        var total = resolved > created ? resolved - created : Duration.Zero;
        if (facts.Events.Count == 0) return total;
        Instant? waitingSince = null;
        foreach (var e in facts.Events.OrderBy(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal))
        {
            if (e.Kind == CaseEventKinds.AwaitingCustomer)
                waitingSince ??= e.At;
            else if (e.Kind == CaseEventKinds.CustomerResponded && waitingSince is { } since)
            {
                total -= Overlap(since, e.At, created, resolved);
                waitingSince = null;
            }
        }
        if (waitingSince is { } open) total -= Overlap(open, resolved, created, resolved);
        return total;
    }

    private static Duration Overlap(Instant a, Instant b, Instant from, Instant to)
    {
        var s = a > from ? a : from;
        var e = b < to ? b : to;
        return e > s ? e - s : Duration.Zero;
    }
}
