using JuniperFts.Domain.TrueUp;
using static JuniperFts.Domain.Tests.TrueUp.Some;

namespace JuniperFts.Domain.Tests.TrueUp;

public class ContractYearTests
{
    [Fact]
    public void AllOf_ThreeYearContract_ThreeFullYearsBackToBack()
    {
        var years = Contract("2024-04-01", "2027-03-31").Years;

        Assert.Equal(3, years.Count);
        Assert.Equal([Date("2024-04-01"), Date("2025-04-01"), Date("2026-04-01")], years.Select(y => y.Start));
        Assert.Equal([Date("2025-03-31"), Date("2026-03-31"), Date("2027-03-31")], years.Select(y => y.LastDay));
        Assert.All(years, y => Assert.False(y.IsTruncated));
        Assert.Equal([1, 2, 3], years.Select(y => y.Number));
    }

    [Fact]
    public void AllOf_YearHolding29February_Denominator366()
    {
        // 2023-07-01 to 2024-07-01 holds 2024-02-29.
        var year = Assert.Single(Contract("2023-07-01", "2024-06-30").Years);
        Assert.Equal(366, year.YearDays);
    }

    [Fact]
    public void AllOf_YearWithout29February_Denominator365()
    {
        var years = Contract("2024-04-01", "2026-03-31").Years;
        Assert.Equal([365, 365], years.Select(y => y.YearDays));
    }

    [Fact]
    public void AllOf_EighteenMonthContract_LastYearCutAtEndDatePlusOne()
    {
        var years = Contract("2025-01-01", "2026-06-30").Years;

        Assert.Equal(2, years.Count);
        Assert.Equal(Date("2026-01-01"), years[1].Start);
        Assert.Equal(Date("2026-07-01"), years[1].End);
        Assert.Equal(Date("2026-06-30"), years[1].LastDay);
        Assert.True(years[1].IsTruncated);
        // The denominator stays the full year's even when the year is cut.
        Assert.Equal(365, years[1].YearDays);
    }

    [Fact]
    public void AllOf_Starts29February_AnniversaryIs28FebruaryCountedFromTheStart()
    {
        var years = Contract("2024-02-29", "2028-03-31").Years;

        // Each start is start_date + (k-1) years, not the previous start + 1: 29 February comes back in 2028.
        Assert.Equal([Date("2024-02-29"), Date("2025-02-28"), Date("2026-02-28"), Date("2027-02-28"), Date("2028-02-29")], years.Select(y => y.Start));
        Assert.Equal(Date("2025-02-27"), years[0].LastDay);
        Assert.Equal(Date("2028-02-28"), years[3].LastDay);
        // 2027-02-28 to the same date a year later is 365 days, though year 4 runs to 2028-02-29 (366 days).
        Assert.Equal([365, 365, 365, 365, 365], years.Select(y => y.YearDays));
        Assert.Equal(Date("2028-03-31"), years[4].LastDay);
        Assert.True(years[4].IsTruncated);
    }

    [Fact]
    public void AllOf_CoTermedSevenMonths_OneTruncatedYear()
    {
        var year = Assert.Single(Contract("2025-05-15", "2025-12-31", coTerm: true).Years);

        Assert.Equal(Date("2025-12-31"), year.LastDay);
        Assert.True(year.IsTruncated);
        Assert.Equal(365, year.YearDays);
    }

    [Fact]
    public void AllOf_OneDayContract_OneYearOfOneDay()
    {
        var year = Assert.Single(Contract("2025-05-15", "2025-05-15", coTerm: true).Years);
        Assert.Equal(year.Start, year.LastDay);
    }

    [Fact]
    public void Constructor_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentException>(() => Contract("2025-05-15", "2025-05-14"));
    }
}
