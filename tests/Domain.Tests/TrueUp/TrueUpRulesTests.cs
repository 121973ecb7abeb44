using JuniperFts.Domain.TrueUp;
using static JuniperFts.Domain.Tests.TrueUp.Some;

namespace JuniperFts.Domain.Tests.TrueUp;

public class TrueUpRulesTests
{
    // Two-year contract, 2025-04-01 to 2027-03-31; year 1 runs 2025-04-01..2026-03-31 (365 days).
    private static readonly TrueUpContract TwoYears = Contract("2025-04-01", "2027-03-31");

    private static readonly CoveredUnit Base = Unit("JN-A", "2025-04-01", fee: 4000m);
    private static readonly CoveredUnit AddedMidYear = Unit("JN-B", "2025-09-15", fee: 3000m, model: "MX480");
    private static readonly CoveredUnit AddedAndRemoved = Unit("JN-C", "2025-06-01", "2025-08-31", fee: 1200m);
    private static readonly CoveredUnit Removed = Unit("JN-D", "2024-01-01", "2025-12-31", fee: 2000m, model: "EX4300");

    private static TrueUpStatement Year1 => TrueUpRules.Statement(TwoYears, 1, [Removed, AddedMidYear, AddedAndRemoved, Base]);

    [Fact]
    public void Statement_UnitAddedMidYear_ChargedForCoveredDaysOver365()
    {
        var addition = Year1.Additions.Single(a => a.SerialNumber == "JN-B");

        // 2025-09-15..2026-03-31 = 16+31+30+31+31+28+31 = 198 days; 3000 × 198 / 365 = 1627.397… → 1627.40
        Assert.Equal(198, addition.CoveredDays);
        Assert.Equal(365, addition.YearDays);
        Assert.Equal(1627.40m, addition.Amount);
        Assert.Equal(Date("2026-03-31"), addition.LastCoveredDay);
    }

    [Fact]
    public void Statement_UnitAddedAndRemovedInTheYear_ChargedForItsCoveredDaysAndListedAsRemoval()
    {
        var addition = Year1.Additions.Single(a => a.SerialNumber == "JN-C");

        // 2025-06-01..2025-08-31 = 30+31+31 = 92 days; 1200 × 92 / 365 = 302.465… → 302.47
        Assert.Equal(92, addition.CoveredDays);
        Assert.Equal(302.47m, addition.Amount);
        Assert.Contains(Year1.Removals, r => r.SerialNumber == "JN-C" && r.CoveredTo == Date("2025-08-31"));
    }

    [Fact]
    public void Statement_UnitRemoved_ListedWithoutCredit()
    {
        var removal = Year1.Removals.Single(r => r.SerialNumber == "JN-D");

        Assert.Equal(Date("2025-12-31"), removal.CoveredTo);
        // It was billed in the baseline; nothing is taken off the additions.
        Assert.Contains(Year1.BaselineUnits, u => u.SerialNumber == "JN-D");
        Assert.Equal(1627.40m + 302.47m, Year1.AdditionsTotal);
        Assert.DoesNotContain(Year1.NextYearUnits!, u => u.SerialNumber == "JN-D");
    }

    [Fact]
    public void Statement_Year1_TotalsAreSumsOfLinesAndNextYearIsUnitsOnItsFirstDay()
    {
        var s = Year1;

        Assert.Equal(new UnitTotals(2, 6000m), s.Baseline);                 // JN-A 4000 + JN-D 2000
        Assert.Equal(["JN-B", "JN-C"], s.Additions.Select(a => a.SerialNumber));
        Assert.Equal(1929.87m, s.AdditionsTotal);                           // 1627.40 + 302.47
        Assert.Equal(["JN-C", "JN-D"], s.Removals.Select(r => r.SerialNumber));
        Assert.Equal(new UnitTotals(2, 7000m), s.NextYearTotals);           // JN-A 4000 + JN-B 3000 on 2026-04-01
        Assert.Equal("TU-C-1-1", s.Number);
    }

    [Fact]
    public void Statement_UnitCoveredFromTheYearsFirstDay_BaselineNotAddition()
    {
        var anniversary = Unit("JN-E", "2026-04-01", fee: 500m);

        var year1 = TrueUpRules.Statement(TwoYears, 1, [Base, anniversary]);
        var year2 = TrueUpRules.Statement(TwoYears, 2, [Base, anniversary]);

        Assert.Empty(year1.Additions);
        Assert.Contains(year1.NextYearUnits!, u => u.SerialNumber == "JN-E");
        Assert.Empty(year2.Additions);
        Assert.Equal(new UnitTotals(2, 4500m), year2.Baseline);
    }

    [Fact]
    public void Statement_LastYear_NoNextYearAndCoverageToEndDateIsNoRemoval()
    {
        var endsWithContract = Unit("JN-F", "2025-04-01", "2027-03-31", fee: 100m);

        var year2 = TrueUpRules.Statement(TwoYears, 2, [Base, endsWithContract]);

        Assert.Null(year2.NextYear);
        Assert.Null(year2.NextYearTotals);
        Assert.Empty(year2.Removals);
    }

    [Fact]
    public void Statement_LeapYear_Denominator366()
    {
        // 2024-01-01..2024-06-30 = 31+29+31+30+31+30 = 182 days; 3660 × 182 / 366 = 1820.00
        var s = TrueUpRules.Statement(Contract("2023-07-01", "2024-06-30"), 1, [Unit("JN-L", "2024-01-01", fee: 3660m)]);

        var addition = Assert.Single(s.Additions);
        Assert.Equal(182, addition.CoveredDays);
        Assert.Equal(366, addition.YearDays);
        Assert.Equal(1820.00m, addition.Amount);
    }

    [Fact]
    public void Statement_TruncatedLastYear_AdditionRunsToTheContractsEnd()
    {
        // Year 2 is 2026-01-01..2026-06-30; 2026-04-01..2026-06-30 = 30+31+30 = 91 days; 3650 × 91 / 365 = 910.00
        var s = TrueUpRules.Statement(Contract("2025-01-01", "2026-06-30"), 2, [Unit("JN-T", "2025-01-01"), Unit("JN-U", "2026-04-01", fee: 3650m)]);

        Assert.Equal(Date("2026-06-30"), s.Year.LastDay);
        var addition = Assert.Single(s.Additions);
        Assert.Equal(91, addition.CoveredDays);
        Assert.Equal(910.00m, addition.Amount);
        Assert.Null(s.NextYear);
    }

    [Fact]
    public void Statement_CoveredToAfterTheContractsEnd_CutAtTheEnd()
    {
        var s = TrueUpRules.Statement(Contract("2025-01-01", "2026-06-30"), 2, [Unit("JN-U", "2026-04-01", "2027-12-31", fee: 3650m)]);

        Assert.Equal(910.00m, Assert.Single(s.Additions).Amount);
        Assert.Empty(s.Removals);
    }

    [Fact]
    public void Statement_Starts29February_SecondYearFrom28February()
    {
        // Year 2 is 2025-02-28..2026-02-27 over 365 days; 2025-08-28..2026-02-27 = 4+30+31+30+31+31+27 = 184 days;
        // 1000 × 184 / 365 = 504.109… → 504.11
        var contract = Contract("2024-02-29", "2027-02-27");
        var s = TrueUpRules.Statement(contract, 2, [Unit("JN-P", "2024-02-29"), Unit("JN-Q", "2025-08-28")]);

        Assert.Equal(Date("2025-02-28"), s.Year.Start);
        Assert.Equal(Date("2026-02-27"), s.Year.LastDay);
        var addition = Assert.Single(s.Additions);
        Assert.Equal(184, addition.CoveredDays);
        Assert.Equal(504.11m, addition.Amount);
        Assert.Equal(Date("2026-02-28"), s.NextYear!.Start);
    }

    [Fact]
    public void Statement_CoTermedContract_OneShortYearOverAFullYearsDays()
    {
        // 2025-10-01..2025-12-31 = 31+30+31 = 92 days; 3650 × 92 / 365 = 920.00
        var contract = Contract("2025-05-15", "2025-12-31", coTerm: true);
        var s = TrueUpRules.Statement(contract, 1, [Unit("JN-X", "2025-05-15", fee: 2000m), Unit("JN-Y", "2025-10-01", fee: 3650m)]);

        Assert.Equal(new UnitTotals(1, 2000m), s.Baseline);
        Assert.Equal(920.00m, Assert.Single(s.Additions).Amount);
        Assert.Null(s.NextYearTotals);
    }

    [Fact]
    public void Statement_CoveredToBeforeCoveredFrom_UnitIgnored()
    {
        var s = TrueUpRules.Statement(TwoYears, 1, [Base, Unit("JN-BAD", "2025-09-01", "2025-08-01")]);

        Assert.DoesNotContain(s.Additions, a => a.SerialNumber == "JN-BAD");
        Assert.DoesNotContain(s.Removals, r => r.SerialNumber == "JN-BAD");
    }

    [Fact]
    public void Statement_UnitsInAnyOrder_ListsSortedBySerialOrdinal()
    {
        var s = TrueUpRules.Statement(TwoYears, 1, [Unit("jn-b", "2025-05-01"), Unit("JN-b", "2025-05-01"), Unit("JN-B", "2025-05-01")]);

        Assert.Equal(["JN-B", "JN-b", "jn-b"], s.Additions.Select(a => a.SerialNumber));
    }

    [Fact]
    public void Statement_YearOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrueUpRules.Statement(TwoYears, 3, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrueUpRules.Statement(TwoYears, 0, []));
    }

    [Theory]
    [InlineData("1.25", 183, 366, "0.63")]     // 0.625 exactly: half away from zero, not to even (0.62)
    [InlineData("100.01", 183, 366, "50.01")]  // 50.005 exactly
    [InlineData("3000", 198, 365, "1627.40")]
    [InlineData("0", 100, 365, "0.00")]
    public void Prorate_ExactHalfCent_RoundsAwayFromZero(string fee, int days, int yearDays, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            TrueUpRules.Prorate(decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture), days, yearDays));
    }

    [Fact]
    public void YearsDueBy_DateOnALastDay_IncludesThatYear()
    {
        var due = TrueUpRules.YearsDueBy(TwoYears, Date("2026-03-31")).Select(y => y.Number);
        Assert.Equal([1], due);
        Assert.Empty(TrueUpRules.YearsDueBy(TwoYears, Date("2026-03-30")));
    }

    [Fact]
    public void Preview_MidYear_AdditionsSoFarChargedToTheYearsEnd()
    {
        var later = Unit("JN-Z", "2026-01-10", fee: 999m);
        var preview = TrueUpPreview.Of(TwoYears, [Base, AddedMidYear, later], Date("2025-12-31"))!;

        Assert.Equal(1, preview.Year.Number);
        var addition = Assert.Single(preview.Additions);
        Assert.Equal("JN-B", addition.SerialNumber);
        Assert.Equal(1627.40m, preview.AdditionsTotal);
        Assert.Null(TrueUpPreview.Of(TwoYears, [Base], Date("2027-04-01")));
    }
}
