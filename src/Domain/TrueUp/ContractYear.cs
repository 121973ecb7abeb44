using NodaTime;

namespace JuniperFts.Domain.TrueUp;

/// <summary>Year <see cref="Number"/> of a contract: from <c>start_date + (k−1) years</c> to <c>start_date + k years</c>.</summary>
/// <remarks>
/// <see cref="Start"/> is inclusive and <see cref="End"/> exclusive; the last year of a contract ends at
/// <c>end_date + 1 day</c>, so it may be shorter than a year. Years are counted from the contract's start
/// each time (not chained), and NodaTime's <see cref="LocalDate.PlusYears"/> turns 29 February plus a year
/// into 28 February, as the rule says.
/// </remarks>
public sealed record ContractYear
{
    public ContractYear(int number, LocalDate start, LocalDate end, int yearDays)
    {
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number), number, "Contract years are numbered from 1.");
        if (end <= start) throw new ArgumentException("A contract year ends after it starts.", nameof(end));
        if (yearDays is not (365 or 366)) throw new ArgumentOutOfRangeException(nameof(yearDays), yearDays, "A year has 365 or 366 days.");
        Number = number;
        Start = start;
        End = end;
        YearDays = yearDays;
    }

    public int Number { get; }
    /// <summary>First day of the year (inclusive).</summary>
    public LocalDate Start { get; }
    /// <summary>The day after the year's last day (exclusive end).</summary>
    public LocalDate End { get; }
    /// <summary>The last day inside the year, as statements print it.</summary>
    public LocalDate LastDay => End.PlusDays(-1);
    /// <summary>Days from <see cref="Start"/> to the same date a year later (365 or 366), the proration denominator even for a cut year.</summary>
    public int YearDays { get; }
    /// <summary>True when the contract ends before a full year has run.</summary>
    public bool IsTruncated => End < Start.PlusYears(1);

    public bool Contains(LocalDate day) => Start <= day && day < End;

    /// <summary>The contract years of a contract running from <paramref name="start"/> to <paramref name="endInclusive"/>.</summary>
    public static IReadOnlyList<ContractYear> AllOf(LocalDate start, LocalDate endInclusive)
    {
        var contractEnd = endInclusive.PlusDays(1);
        var years = new List<ContractYear>();
        for (var k = 1; ; k++)
        {
            var yearStart = start.PlusYears(k - 1);
            if (yearStart >= contractEnd) break;
            var fullEnd = start.PlusYears(k);
            var yearDays = Period.DaysBetween(yearStart, yearStart.PlusYears(1));
            years.Add(new ContractYear(k, yearStart, fullEnd < contractEnd ? fullEnd : contractEnd, yearDays));
        }
        return years;
    }
}
