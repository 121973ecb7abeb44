using NodaTime;

namespace JuniperFts.Domain.TrueUp;

/// <summary>The additions so far in a contract's current year and the charge they will bring at the year's true-up.</summary>
/// <remarks>Each charge is prorated to the year's end (or the unit's coverage end), as the statement will charge it if nothing changes.</remarks>
public sealed record TrueUpPreview(TrueUpContract Contract, ContractYear Year, LocalDate AsOf, IReadOnlyList<TrueUpAddition> Additions)
{
    public decimal AdditionsTotal => Additions.Sum(a => a.Amount);

    /// <summary>The preview of <paramref name="contract"/> on <paramref name="asOf"/>, or null when no contract year holds that day.</summary>
    public static TrueUpPreview? Of(TrueUpContract contract, IEnumerable<CoveredUnit> units, LocalDate asOf)
    {
        if (TrueUpRules.YearHolding(contract, asOf) is not { } year) return null;
        var statement = TrueUpRules.Statement(contract, year.Number, units);
        return new TrueUpPreview(contract, year, asOf, statement.Additions.Where(a => a.CoveredFrom <= asOf).ToList());
    }
}
