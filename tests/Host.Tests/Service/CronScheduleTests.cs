using JuniperFts.Scheduling;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class CronScheduleTests
{
    [Theory]
    [InlineData("0 1 * * *")]
    [InlineData("0 6 * * 1-5")]
    [InlineData("*/15 * * * *")]
    [InlineData("0-30/10 8-17 1,15 1,4,7,10 0")]
    [InlineData("  0   4 * *  1 ")]
    public void TryParse_CoravelSyntax_Accepted(string expression)
    {
        Assert.True(CronSchedule.TryParse(expression, out _, out var problem), problem);
    }

    [Theory]
    [InlineData("0 1 * *", "has 4 fields")]
    [InlineData("0 1 * * * *", "has 6 fields")]
    [InlineData("60 1 * * *", "the minute field '60'")]
    [InlineData("0 24 * * *", "the hour field '24'")]
    [InlineData("0 1 0 * *", "the day of month field '0'")]
    [InlineData("0 1 * 13 *", "the month field '13'")]
    [InlineData("0 1 * * 7", "the day of week field '7'")]
    [InlineData("0 6 * * MON", "the day of week field 'MON'")]
    [InlineData("0 6 * * 5-1", "the day of week field '5-1'")]
    [InlineData("5/10 * * * *", "the minute field '5/10'")]
    [InlineData("1-5,9 * * * *", "the minute field '1-5,9'")]
    [InlineData("*/0 * * * *", "the minute field '*/0'")]
    [InlineData("", "has 0 fields")]
    public void TryParse_BadString_NamesTheField(string expression, string expected)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var problem));
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Matches_WeekdaysAtSix_OnlyWeekdayMornings()
    {
        var cron = CronSchedule.Parse("0 6 * * 1-5");
        Assert.True(cron.Matches(new LocalDateTime(2026, 11, 23, 6, 0)));   // Monday
        Assert.True(cron.Matches(new LocalDateTime(2026, 11, 27, 6, 0)));   // Friday
        Assert.False(cron.Matches(new LocalDateTime(2026, 11, 28, 6, 0)));  // Saturday
        Assert.False(cron.Matches(new LocalDateTime(2026, 11, 23, 6, 1)));
    }

    [Fact]
    public void Matches_SundayIsZero_MatchesSunday()
    {
        var cron = CronSchedule.Parse("30 2 * * 0");
        Assert.True(cron.Matches(new LocalDateTime(2026, 11, 29, 2, 30)));  // Sunday
        Assert.False(cron.Matches(new LocalDateTime(2026, 11, 30, 2, 30))); // Monday
    }

    [Fact]
    public void LatestAtOrBefore_MondaysAtFour_PreviousMonday()
    {
        var cron = CronSchedule.Parse("0 4 * * 1");
        Assert.Equal(new LocalDateTime(2026, 11, 23, 4, 0), cron.LatestAtOrBefore(new LocalDateTime(2026, 11, 25, 10, 0)));
        Assert.Equal(new LocalDateTime(2026, 11, 23, 4, 0), cron.LatestAtOrBefore(new LocalDateTime(2026, 11, 23, 4, 0)));
        Assert.Equal(new LocalDateTime(2026, 11, 16, 4, 0), cron.LatestAtOrBefore(new LocalDateTime(2026, 11, 23, 3, 59)));
    }

    [Fact]
    public void FirstOn_EveryTenMinutesFromEight_EightOClock()
    {
        var cron = CronSchedule.Parse("*/10 8-17 * * *");
        Assert.Equal(new LocalDateTime(2026, 11, 25, 8, 0), cron.FirstOn(new LocalDate(2026, 11, 25)));
    }
}
