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

/// <summary>Why a case does not count for the SLA at all: three set on the case, five found by the rules.</summary>
public enum ExclusionReason
{
    MaintenanceWindow,
    ThirdParty,
    ModifiedCode,
    UnregisteredProduct,
    NoActiveContract,
    EndOfSupport,
    GrayMarket,
    PriorityNotEntitled,
}

/// <summary>One exclusion reason as users see it: its code (stored, printed, in CSVs) and its meaning in plain words.</summary>
/// <param name="SetOnCase">True for the values of a case's own <c>exclusion</c> column; false for those the rules give.</param>
public sealed record ExclusionReasonEntry(ExclusionReason Reason, string Code, string Meaning, bool SetOnCase);

/// <summary>
/// The one list of exclusion reasons, in the order the SLA rules test them, with their codes and meanings:
/// the rules, the SQL evaluation, ingest's check of the <c>exclusion</c> column, the workbook and the packs read it.
/// </summary>
public static class ExclusionReasons
{
    public const string MaintenanceWindow = "maintenance_window";
    public const string ThirdParty = "third_party";
    public const string ModifiedCode = "modified_code";
    public const string UnregisteredProduct = "unregistered_product";
    public const string NoActiveContract = "no_active_contract";
    public const string EndOfSupport = "end_of_support";
    public const string GrayMarket = "gray_market";
    public const string PriorityNotEntitled = "priority_not_entitled";

    /// <summary>Every reason, in rule order.</summary>
    public static IReadOnlyList<ExclusionReasonEntry> All { get; } =
    [
        new(ExclusionReason.MaintenanceWindow, MaintenanceWindow, "Raised during an agreed maintenance window (set on the case).", true),
        new(ExclusionReason.ThirdParty, ThirdParty, "Caused by third-party equipment or software (set on the case).", true),
        new(ExclusionReason.ModifiedCode, ModifiedCode, "The customer runs modified code (set on the case).", true),
        new(ExclusionReason.UnregisteredProduct, UnregisteredProduct, "The serial number is in no contract's installed base of the account.", false),
        new(ExclusionReason.NoActiveContract, NoActiveContract, "No contract of the account covered the serial number when the case was created.", false),
        new(ExclusionReason.EndOfSupport, EndOfSupport, "The product had reached its end of support when the case was created.", false),
        new(ExclusionReason.GrayMarket, GrayMarket, "The product was bought outside authorised channels.", false),
        new(ExclusionReason.PriorityNotEntitled, PriorityNotEntitled, "The contract's SKU does not cover the case's priority.", false),
    ];

    /// <summary>The values of the <c>exclusion</c> column of cases.</summary>
    public static IReadOnlyList<string> CaseExclusions { get; } = [.. All.Where(e => e.SetOnCase).Select(e => e.Code)];

    /// <summary>The code of <paramref name="reason"/>, e.g. <c>gray_market</c>.</summary>
    public static string Code(this ExclusionReason reason) => All[(int)reason].Code;

    /// <summary>What <paramref name="reason"/> means, in plain words.</summary>
    public static string Meaning(this ExclusionReason reason) => All[(int)reason].Meaning;

    /// <summary>The reason spelled <paramref name="code"/> exactly.</summary>
    public static bool TryParse(string? code, out ExclusionReason reason)
    {
        foreach (var e in All)
            if (e.Code == code)
            {
                reason = e.Reason;
                return true;
            }
        reason = default;
        return false;
    }
}

/// <summary>The case event kinds the rules read.</summary>
public static class CaseEventKinds
{
    public const string PriorityChanged = "priority_changed";
    public const string AwaitingCustomer = "awaiting_customer";
    public const string CustomerResponded = "customer_responded";
    public const string Reopened = "reopened";
}
