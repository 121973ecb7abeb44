using NodaTime;

namespace JuniperFts.Domain.TrueUp;

/// <summary>A count of units and the sum of their annual fees.</summary>
public sealed record UnitTotals(int Units, decimal AnnualFee)
{
    public static UnitTotals Of(IEnumerable<CoveredUnit> units)
    {
        var list = units.ToList();
        return new UnitTotals(list.Count, list.Sum(u => u.AnnualFee));
    }
}

/// <summary>A unit whose coverage started inside the year after its first day, and its prorated charge.</summary>
/// <param name="CoveredDays">Days of the year the unit is covered, both ends included.</param>
/// <param name="YearDays">The proration denominator: days from the year's start to the same date a year later.</param>
/// <param name="Amount">AnnualFee × CoveredDays ÷ YearDays, rounded to cents half away from zero.</param>
public sealed record TrueUpAddition(string SerialNumber, string Model, LocalDate CoveredFrom, LocalDate LastCoveredDay,
    int CoveredDays, int YearDays, decimal AnnualFee, decimal Amount);

/// <summary>A unit whose coverage ended inside the year before the contract's end; it is listed, never credited.</summary>
public sealed record TrueUpRemoval(string SerialNumber, string Model, LocalDate CoveredFrom, LocalDate CoveredTo, decimal AnnualFee);

/// <summary>The true-up of one contract year: what was billed, what was added (and is charged now), what was removed, and what the next year holds.</summary>
/// <remarks>Lists are sorted by serial number (ordinal), so the same data always gives the same statement.</remarks>
public sealed record TrueUpStatement(
    TrueUpContract Contract,
    ContractYear Year,
    IReadOnlyList<CoveredUnit> BaselineUnits,
    IReadOnlyList<TrueUpAddition> Additions,
    IReadOnlyList<TrueUpRemoval> Removals,
    ContractYear? NextYear,
    IReadOnlyList<CoveredUnit>? NextYearUnits)
{
    /// <summary>The statement's number, stable across reissues: <c>TU-&lt;contract&gt;-&lt;year&gt;</c>.</summary>
    public string Number => NumberOf(Contract.ContractId, Year.Number);

    public static string NumberOf(string contractId, int year) => $"TU-{contractId}-{year}";

    /// <summary>Units covered at the year's start (already billed).</summary>
    public UnitTotals Baseline => UnitTotals.Of(BaselineUnits);

    /// <summary>The sum of the rounded addition lines (never rounded again).</summary>
    public decimal AdditionsTotal => Additions.Sum(a => a.Amount);

    /// <summary>Units covered on the next year's first day, or null when this is the contract's last year.</summary>
    public UnitTotals? NextYearTotals => NextYearUnits is null ? null : UnitTotals.Of(NextYearUnits);
}
