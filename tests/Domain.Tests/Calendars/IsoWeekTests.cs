using JuniperFts.Domain.Calendars;
using NodaTime;

namespace JuniperFts.Domain.Tests.Calendars;

public class IsoWeekTests
{
    [Theory]
    [InlineData(2021, 1, 3, "2020-W53")] // Sunday after a 53-week year
    [InlineData(2024, 12, 30, "2025-W01")] // Monday that belongs to the next week-year
    [InlineData(2026, 7, 1, "2026-W27")]
    public void Containing_Date_IsoWeekOfThatDate(int y, int m, int d, string expected) =>
        Assert.Equal(expected, IsoWeek.Containing(new LocalDate(y, m, d)).ToString());

    [Fact]
    public void LastEndedBy_MondayMidnight_IsTheWeekThatJustEnded() =>
        Assert.Equal("2026-W26", IsoWeek.LastEndedBy(Instant.FromUtc(2026, 6, 29, 0, 0)).ToString());

    [Fact]
    public void LastEndedBy_Wednesday_IsThePreviousWeek() =>
        Assert.Equal("2026-W26", IsoWeek.LastEndedBy(Instant.FromUtc(2026, 7, 1, 12, 0)).ToString());

    [Fact]
    public void StartAndEnd_Week_MondayToMondayUtc()
    {
        var week = new IsoWeek(2026, 27);
        Assert.Equal(Instant.FromUtc(2026, 6, 29, 0, 0), week.Start);
        Assert.Equal(Instant.FromUtc(2026, 7, 6, 0, 0), week.End);
    }

    [Fact]
    public void Plus_AcrossA53WeekYear_CountsEveryWeek()
    {
        Assert.Equal(new IsoWeek(2021, 1), new IsoWeek(2020, 52).Plus(2));
        Assert.Equal(2, new IsoWeek(2020, 52).WeeksUntil(new IsoWeek(2021, 1)));
    }

    [Fact]
    public void Range_FirstToLast_ConsecutiveWeeksBothIncluded() =>
        Assert.Equal(["2020-W52", "2020-W53", "2021-W01"], IsoWeek.Range(new IsoWeek(2020, 52), new IsoWeek(2021, 1)).Select(w => w.ToString()));

    [Theory]
    [InlineData("2026-W07", true)]
    [InlineData("2025-W53", false)] // 2025 has 52 weeks
    [InlineData("2020-W53", true)]
    [InlineData("2026-7", false)]
    public void TryParse_Text_AcceptsOnlyExistingWeeks(string text, bool ok)
    {
        Assert.Equal(ok, IsoWeek.TryParse(text, out var week));
        if (ok) Assert.Equal(text, week.ToString());
    }

    [Fact]
    public void Constructor_WeekBeyondTheYear_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IsoWeek(2025, 53));
}
