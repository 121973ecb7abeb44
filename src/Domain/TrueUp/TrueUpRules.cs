using NodaTime;

namespace JuniperFts.Domain.TrueUp;

/// <summary>The annual true-up rules of the domain spec, as pure functions.</summary>
public static class TrueUpRules
{
    /// <summary>The statement of contract year <paramref name="yearNumber"/> for <paramref name="units"/> of <paramref name="contract"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The contract has no such year.</exception>
    public static TrueUpStatement Statement(TrueUpContract contract, int yearNumber, IEnumerable<CoveredUnit> units)
    {
        var year = contract.Year(yearNumber)
            ?? throw new ArgumentOutOfRangeException(nameof(yearNumber), yearNumber, $"Contract {contract.ContractId} has years 1 to {contract.Years.Count}.");
        // A unit whose covered_to precedes its covered_from is never covered; it cannot be billed or removed.
        var valid = units.Where(u => u.CoveredFrom <= u.LastCoveredDay(contract)).OrderBy(u => u.SerialNumber, StringComparer.Ordinal).ToList();

        var baseline = valid.Where(u => u.IsCoveredOn(year.Start, contract)).ToList();
        var additions = valid
            .Where(u => u.CoveredFrom > year.Start && year.Contains(u.CoveredFrom))
            .Select(u => Addition(u, year, contract))
            .ToList();
        var removals = valid
            .Where(u => u.CoveredTo is { } to && year.Contains(to) && to < contract.EndDate)
            .Select(u => new TrueUpRemoval(u.SerialNumber, u.Model, u.CoveredFrom, u.CoveredTo!.Value, u.AnnualFee))
            .ToList();

        var next = contract.Year(yearNumber + 1);
        var nextUnits = next is null ? null : valid.Where(u => u.IsCoveredOn(next.Start, contract)).ToList();
        return new TrueUpStatement(contract, year, baseline, additions, removals, next, nextUnits);
    }

    /// <summary>The charge for a unit added inside <paramref name="year"/>: its covered days of the year, prorated over the year's days.</summary>
    public static TrueUpAddition Addition(CoveredUnit unit, ContractYear year, TrueUpContract contract)
    {
        var last = unit.LastCoveredDay(contract);
        var lastInYear = last < year.LastDay ? last : year.LastDay;
        var coveredDays = Period.DaysBetween(unit.CoveredFrom, lastInYear) + 1;
        return new TrueUpAddition(unit.SerialNumber, unit.Model, unit.CoveredFrom, lastInYear, coveredDays, year.YearDays,
            unit.AnnualFee, Prorate(unit.AnnualFee, coveredDays, year.YearDays));
    }

    /// <summary><paramref name="annualFee"/> × <paramref name="days"/> ÷ <paramref name="yearDays"/>, rounded to cents half away from zero.</summary>
    /// <remarks>Decimal division is exact to 28 digits, so a true half cent is seen as one and rounds up.</remarks>
    public static decimal Prorate(decimal annualFee, int days, int yearDays) =>
        Math.Round(annualFee * days / yearDays, 2, MidpointRounding.AwayFromZero);

    /// <summary>The contract years that ended (last day) on or before <paramref name="due"/>.</summary>
    public static IEnumerable<ContractYear> YearsDueBy(TrueUpContract contract, LocalDate due) =>
        contract.Years.Where(y => y.LastDay <= due);

    /// <summary>The contract year that holds <paramref name="day"/>, or null outside the contract.</summary>
    public static ContractYear? YearHolding(TrueUpContract contract, LocalDate day) =>
        contract.Years.FirstOrDefault(y => y.Contains(day));
}
