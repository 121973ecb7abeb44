using CsCheck;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Domain.Tests.Calendars;

/// <summary>Invariants of business time over random instants (2025–2027, across every DST change of those years).</summary>
public class BusinessCalendarProperties
{
    private static readonly long From = Instant.FromUtc(2025, 1, 1, 0, 0).ToUnixTimeTicks();
    private static readonly long To = Instant.FromUtc(2027, 12, 31, 0, 0).ToUnixTimeTicks();

    /// <summary>Instants to the second, most within a few days of each other so open hours are hit often.</summary>
    private static readonly Gen<Instant> AnInstant = Gen.Long[From / TimeSpan.TicksPerSecond, To / TimeSpan.TicksPerSecond]
        .Select(s => Instant.FromUnixTimeSeconds(s));

    private static readonly Gen<(Instant, Instant, Instant)> ThreeNearby =
        Gen.Select(AnInstant, Gen.Long[0, 5 * 86400], Gen.Long[0, 5 * 86400])
            .Select((a, d1, d2) => (a, a + Duration.FromSeconds(d1), a + Duration.FromSeconds(d1 + d2)));

    private static readonly BusinessCalendar Amsterdam = BusinessCalendar.From(CalendarJson.Parse("""
        {"time_zone": "Europe/Amsterdam",
         "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-12:00", "13:00-17:00"], "wed": ["09:00-17:00"],
                   "thu": ["09:00-17:00"], "fri": ["09:00-17:00"], "sun": ["01:30-03:30"]},
         "holidays": ["2026-12-25", "2025-12-25"],
         "overrides": {"2026-12-24": ["09:00-13:00"]},
         "breaks": {"2026-06-01": ["12:00-13:00"]}}
        """, "test.json"));

    private static readonly BusinessCalendar AroundTheClock = BusinessCalendar.From(new CalendarDefinition("America/New_York",
        new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }.ToDictionary(d => d, _ => (IReadOnlyList<string>)["00:00-24:00"]),
        [], new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>()));

    [Fact]
    public void BusinessTime_AnySplitPoint_IsAdditive()
    {
        ThreeNearby.Sample((a, b, c) =>
            Amsterdam.BusinessTime(a, c) == Amsterdam.BusinessTime(a, b) + Amsterdam.BusinessTime(b, c));
    }

    [Fact]
    public void BusinessTime_AnyInterval_NeverExceedsWallTime()
    {
        ThreeNearby.Sample((a, _, c) => Amsterdam.BusinessTime(a, c) <= c - a && Amsterdam.BusinessTime(a, c) >= Duration.Zero);
    }

    [Fact]
    public void BusinessTime_EndNotAfterStart_IsZero()
    {
        ThreeNearby.Sample((a, b, _) => Amsterdam.BusinessTime(b, a) == Duration.Zero && Amsterdam.BusinessTime(a, a) == Duration.Zero);
    }

    [Fact]
    public void BusinessTime_TwentyFourSevenCalendar_IsWallTime()
    {
        ThreeNearby.Sample((a, _, c) => AroundTheClock.BusinessTime(a, c) == c - a);
    }

    /// <remarks>
    /// The spec's "due(start, elapsed(start, t)) is at most t" holds for every open t (the due instant is t itself).
    /// For a closed t the elapsed time was reached at the last closing, which is not open, so the due instant
    /// rolls to the next opening: the first open instant at or after t. Both carry the same business total.
    /// </remarks>
    [Fact]
    public void Due_OfElapsedUpToT_IsTWhenOpenElseTheNextOpeningWithTheSameBusinessTotal()
    {
        ThreeNearby.Sample((start, _, t) =>
        {
            var elapsed = Amsterdam.BusinessTime(start, t);
            var due = Amsterdam.Due(start, elapsed);
            var expected = Amsterdam.IsOpen(t) ? t : Amsterdam.Due(t, Duration.Zero);
            return due is { } d && d == expected && (d <= t || !Amsterdam.IsOpen(t)) && Amsterdam.BusinessTime(start, d) == elapsed;
        });
    }

    [Fact]
    public void Due_Always_IsOpen()
    {
        Gen.Select(AnInstant, Gen.Long[0, 3 * 86400]).Sample((start, seconds) =>
            Amsterdam.Due(start, Duration.FromSeconds(seconds)) is { } d && Amsterdam.IsOpen(d));
    }
}
