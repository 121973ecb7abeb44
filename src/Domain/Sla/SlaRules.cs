using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Sla;

/// <summary>
/// The first-response SLA rules of the domain spec, in their order: the case's exclusion,
/// unregistered product, no active contract (with the tie-break), end of support, gray market,
/// priority not entitled; otherwise the case is eligible and gets its target and due instant.
/// </summary>
/// <param name="calendarOf">The business calendar of a support centre code (holidays included).</param>
public sealed class SlaRules(ReferenceData reference, Func<string, BusinessCalendar> calendarOf)
{
    /// <summary>Evaluates <paramref name="facts"/> against the installed-base rows of its serial under its account's contracts.</summary>
    public SlaVerdict Evaluate(CaseFacts facts, IReadOnlyList<CoveredUnit> units)
    {
        var priority = PriorityAtStop(facts);
        var verdict = new SlaVerdict
        {
            CaseNumber = facts.CaseNumber,
            Priority = priority,
            CreatedAt = facts.CreatedAt,
            FirstResponseAt = facts.FirstResponseAt,
            Quarter = Quarter.Of(facts.CreatedAt.InUtc().Date),
            Resolution = ResolutionTime.Of(facts),
        };

        if (!string.IsNullOrWhiteSpace(facts.Exclusion))
            return verdict with { ExcludedReason = facts.Exclusion.Trim() };
        if (units.Count == 0)
            return verdict with { ExcludedReason = ExclusionReasons.UnregisteredProduct };

        var covering = Covering(facts, units, priority);
        if (covering is null)
            return verdict with { ExcludedReason = ExclusionReasons.NoActiveContract };

        var (unit, sku, calendar, createdOn) = covering.Value;
        verdict = verdict with
        {
            Unit = unit,
            Sku = sku,
            Centre = CentreOf(unit),
            Quarter = Quarter.Of(createdOn),
        };
        if (unit.EndOfSupport is { } eos && eos <= createdOn)
            return verdict with { ExcludedReason = ExclusionReasons.EndOfSupport };
        if (unit.GrayMarket)
            return verdict with { ExcludedReason = ExclusionReasons.GrayMarket };
        if (!sku.Entitles(priority))
            return verdict with { ExcludedReason = ExclusionReasons.PriorityNotEntitled };

        var target = Duration.FromSeconds(reference.TargetFor(priority));
        if (sku.Window == ServiceWindow.AroundTheClock)
        {
            return verdict with
            {
                Target = target,
                DueAt = facts.CreatedAt + target,
                ResponseElapsed = facts.FirstResponseAt is { } r ? Max(Duration.Zero, r - facts.CreatedAt) : null,
            };
        }

        return verdict with
        {
            Target = target,
            AfterHours = !calendar.IsOpen(facts.CreatedAt),
            DueAt = calendar.Due(facts.CreatedAt, target),
            ResponseElapsed = facts.FirstResponseAt is { } response ? calendar.BusinessTime(facts.CreatedAt, response) : null,
        };
    }

    /// <summary>Elapsed first-response time at <paramref name="asOf"/>: to the response when it came by then, else to <paramref name="asOf"/>.</summary>
    /// <returns>Null when the case is excluded.</returns>
    public Duration? ElapsedAt(SlaVerdict verdict, Instant asOf)
    {
        if (!verdict.IsEligible) return null;
        if (verdict.FirstResponseAt is { } r && r <= asOf) return verdict.ResponseElapsed;
        if (verdict.Sku!.Window == ServiceWindow.AroundTheClock) return Max(Duration.Zero, asOf - verdict.CreatedAt);
        return calendarOf(verdict.Unit!.SupportCenter).BusinessTime(verdict.CreatedAt, asOf);
    }

    /// <summary>The creation priority changed by every <c>priority_changed</c> event at or before the response (all of them without one).</summary>
    public static Priority PriorityAtStop(CaseFacts facts)
    {
        var priority = facts.CreatedPriority;
        var latest = Instant.MinValue;
        foreach (var e in facts.Events)
        {
            if (e.Kind != CaseEventKinds.PriorityChanged) continue;
            if (facts.FirstResponseAt is { } stop && e.At > stop) continue;
            if (e.At < latest || !Priorities.TryParse(e.Value, out var p)) continue;
            latest = e.At;
            priority = p;
        }
        return priority;
    }

    /// <summary>
    /// Rules 2 and 3 for each installed-base row of the case's serial, in the order given: the local date of
    /// creation in the contract's centre, whether the contract and the unit cover that date, and whether the
    /// SKU entitles <paramref name="priority"/>.
    /// </summary>
    /// <exception cref="UserError">A contract names a SKU or centre the reference data lacks.</exception>
    public IReadOnlyList<CoverageCandidate> Candidates(CaseFacts facts, IReadOnlyList<CoveredUnit> units, Priority priority)
    {
        var list = new List<CoverageCandidate>(units.Count);
        foreach (var unit in units)
        {
            var calendar = calendarOf(unit.SupportCenter);
            // Coverage runs from the first day 00:00 to the day after the last 00:00, local to the centre.
            var createdOn = facts.CreatedAt.InZone(calendar.Zone).Date;
            var unitEnd = unit.CoveredTo ?? unit.ContractEnd;
            var covers = createdOn >= unit.ContractStart && createdOn <= unit.ContractEnd && createdOn >= unit.CoveredFrom && createdOn <= unitEnd;
            var sku = reference.FindSku(unit.Sku)
                ?? throw new UserError($"contract {unit.ContractId}: SKU '{unit.Sku}' is not in the reference data");
            list.Add(new CoverageCandidate(unit, sku, createdOn, covers, sku.Entitles(priority)));
        }
        return list;
    }

    /// <summary>The covering candidate that wins the written tie-break; null when none covers.</summary>
    public static CoverageCandidate? Winner(IReadOnlyList<CoverageCandidate> candidates)
    {
        CoverageCandidate? best = null;
        foreach (var c in candidates)
            if (c.Covers && (best is null || Wins(c, best)))
                best = c;
        return best;
    }

    private (CoveredUnit Unit, Sku Sku, BusinessCalendar Calendar, LocalDate CreatedOn)? Covering(
        CaseFacts facts, IReadOnlyList<CoveredUnit> units, Priority priority) =>
        Winner(Candidates(facts, units, priority)) is { } w ? (w.Unit, w.Sku, calendarOf(w.Unit.SupportCenter), w.CreatedOn) : null;

    /// <summary>The tie-break: the SKU entitling the priority, then the later start, then the smaller contract id.</summary>
    private static bool Wins(CoverageCandidate a, CoverageCandidate b)
    {
        if (a.Entitles != b.Entitles) return a.Entitles;
        if (a.Unit.ContractStart != b.Unit.ContractStart) return a.Unit.ContractStart > b.Unit.ContractStart;
        return string.CompareOrdinal(a.Unit.ContractId, b.Unit.ContractId) < 0;
    }

    private SupportCentre CentreOf(CoveredUnit unit) =>
        reference.FindCentre(unit.SupportCenter)
        ?? throw new UserError($"contract {unit.ContractId}: support centre '{unit.SupportCenter}' is not in the reference data");

    private static Duration Max(Duration a, Duration b) => a > b ? a : b;
}
