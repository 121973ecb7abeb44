using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Sla;

/// <summary>What the SLA rules read of one case: the case row and its events.</summary>
/// <param name="Exclusion">The case's <c>exclusion</c> column (null or empty: none).</param>
/// <param name="Events">The case's events in any order.</param>
public sealed record CaseFacts(
    string CaseNumber,
    string AccountId,
    string? SerialNumber,
    Priority CreatedPriority,
    Instant CreatedAt,
    Instant? FirstResponseAt,
    Instant? ResolvedAt,
    string? Exclusion,
    IReadOnlyList<CaseEvent> Events);

/// <summary>One <c>case_events</c> row.</summary>
/// <param name="Kind"><c>priority_changed</c>, <c>awaiting_customer</c>, <c>customer_responded</c> or <c>reopened</c>.</param>
/// <param name="Value">The new priority for <c>priority_changed</c>.</param>
public sealed record CaseEvent(Instant At, string Kind, string? Value);

/// <summary>
/// An installed-base row of the case's serial under one of the case's account's contracts,
/// with what the rules need of that contract.
/// </summary>
/// <param name="CoveredTo">Inclusive; null: to the contract's end.</param>
public sealed record CoveredUnit(
    string ContractId,
    string Sku,
    string SupportCenter,
    LocalDate ContractStart,
    LocalDate ContractEnd,
    LocalDate CoveredFrom,
    LocalDate? CoveredTo,
    LocalDate? EndOfSupport,
    bool GrayMarket,
    string? Platform);

/// <summary>One installed-base row of the case's serial as rules 2 and 3 see it.</summary>
/// <param name="CreatedOn">The local date of creation in the contract's support-centre zone.</param>
/// <param name="Covers">The contract and the unit both cover <paramref name="CreatedOn"/>.</param>
/// <param name="Entitles">The SKU entitles the priority in effect when the clock stops.</param>
public sealed record CoverageCandidate(CoveredUnit Unit, Sku Sku, LocalDate CreatedOn, bool Covers, bool Entitles);

/// <summary>The exclusion reasons the rules give, beyond the case's own <c>exclusion</c> value.</summary>
public static class ExclusionReasons
{
    public const string UnregisteredProduct = "unregistered_product";
    public const string NoActiveContract = "no_active_contract";
    public const string EndOfSupport = "end_of_support";
    public const string GrayMarket = "gray_market";
    public const string PriorityNotEntitled = "priority_not_entitled";

    /// <summary>The values of the <c>exclusion</c> column of cases.</summary>
    public static IReadOnlyList<string> CaseExclusions { get; } = ["maintenance_window", "third_party", "modified_code"];
}

/// <summary>The case event kinds the rules read.</summary>
public static class CaseEventKinds
{
    public const string PriorityChanged = "priority_changed";
    public const string AwaitingCustomer = "awaiting_customer";
    public const string CustomerResponded = "customer_responded";
    public const string Reopened = "reopened";
}
