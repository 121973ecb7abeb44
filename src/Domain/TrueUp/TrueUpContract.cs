using NodaTime;

namespace JuniperFts.Domain.TrueUp;

/// <summary>The terms of a contract that the true-up needs: its dates, currency and who it belongs to.</summary>
/// <remarks><see cref="StartDate"/> and <see cref="EndDate"/> are both inclusive, as in contracts.csv.</remarks>
public sealed record TrueUpContract
{
    public TrueUpContract(string contractId, string accountId, string sku, LocalDate startDate, LocalDate endDate, string currency, bool coTerm)
    {
        if (string.IsNullOrWhiteSpace(contractId)) throw new ArgumentException("A contract needs an id.", nameof(contractId));
        if (endDate < startDate) throw new ArgumentException($"Contract {contractId} ends ({endDate:uuuu-MM-dd}) before it starts ({startDate:uuuu-MM-dd}).", nameof(endDate));
        ContractId = contractId;
        AccountId = accountId;
        Sku = sku;
        StartDate = startDate;
        EndDate = endDate;
        Currency = currency;
        CoTerm = coTerm;
    }

    public string ContractId { get; }
    public string AccountId { get; }
    public string Sku { get; }
    public LocalDate StartDate { get; }
    /// <summary>Last covered day (inclusive).</summary>
    public LocalDate EndDate { get; }
    public string Currency { get; }
    /// <summary>Aligned to another contract's end, so it may run shorter than 12 months.</summary>
    public bool CoTerm { get; }

    /// <summary>Every contract year, first to last; the last one is cut at <see cref="EndDate"/>.</summary>
    /// <remarks>Computed on each call (a few dates), so the record stays a plain value.</remarks>
    public IReadOnlyList<ContractYear> Years => ContractYear.AllOf(StartDate, EndDate);

    /// <summary>Contract year <paramref name="number"/> (1-based), or null when the contract has no such year.</summary>
    public ContractYear? Year(int number)
    {
        var years = Years;
        return number >= 1 && number <= years.Count ? years[number - 1] : null;
    }
}

/// <summary>One unit of a contract's installed base, as far as billing is concerned.</summary>
/// <remarks>Coverage runs from <see cref="CoveredFrom"/> to <see cref="CoveredTo"/>, both days included; no <see cref="CoveredTo"/> means to the contract's end.</remarks>
public sealed record CoveredUnit(string SerialNumber, string Model, LocalDate CoveredFrom, LocalDate? CoveredTo, decimal AnnualFee)
{
    /// <summary>The last covered day: <see cref="CoveredTo"/>, never later than the contract's last day.</summary>
    /// <remarks>A unit cannot be covered beyond its contract, so a later <c>covered_to</c> is cut at the contract's end.</remarks>
    public LocalDate LastCoveredDay(TrueUpContract contract) =>
        CoveredTo is { } to && to < contract.EndDate ? to : contract.EndDate;

    /// <summary>True when the unit is covered on <paramref name="day"/>.</summary>
    public bool IsCoveredOn(LocalDate day, TrueUpContract contract) =>
        CoveredFrom <= day && day <= LastCoveredDay(contract);
}
