using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>Summary, exclusions, filters and incremental refresh over a small hand-made warehouse.</summary>
public class SlaQueriesTests
{
    private static DateTime Utc(int month, int day, int hour, int minute, int second = 0) => new(2026, month, day, hour, minute, second, DateTimeKind.Utc);

    /// <summary>
    /// A1: Herndon 8x5 (AMERICAS). C1 P1 met at 15:00 min, C2 P1 one second over, C3 P2 unanswered from 09:10 EST (due 09:40 EST).
    /// A2: Schiphol-Rijk 24x7 (EMEA). C4 P1 answered after 10 minutes. C5 excluded third_party, C6 on an unregistered serial.
    /// </summary>
    private static TempWarehouse Seeded()
    {
        var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1").Account("A2", country: "NL").Site("S2", "A2", country: "NL")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON")
            .Contract("K2", "A2", "S2", sku: "SVC-FTS-24x7", centre: "SCHIPHOL_RIJK")
            .Unit("SN1", "K1", "2025-01-01", platform: "Routing")
            .Unit("SN2", "K2", "2025-01-01", platform: "Security")
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0), Utc(3, 2, 14, 15), resolvedUtc: Utc(3, 2, 16, 0))
            .Case("C2", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0), Utc(3, 2, 14, 15, 1), resolvedUtc: Utc(3, 2, 18, 0))
            .Case("C3", "A1", "S1", "SN1", "P2", Utc(3, 2, 14, 10))
            .Case("C4", "A2", "S2", "SN2", "P1", Utc(3, 2, 10, 0), Utc(3, 2, 10, 10))
            .Case("C5", "A2", "S2", "SN2", "P1", Utc(3, 2, 10, 0), exclusion: "third_party")
            .Case("C6", "A2", "S2", "SNX", "P1", Utc(3, 2, 10, 0));
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);
        return temp;
    }

    private static readonly Instant MondayTwenty = Instant.FromUtc(2026, 3, 2, 14, 20);

    [Fact]
    public void Summary_ByPriorityRegionWindow_CountsAndAttainmentPerGroup()
    {
        using var temp = Seeded();

        var groups = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn).Summary(MondayTwenty, ["priority", "region", "window"], new SlaFilter());

        Assert.Equal(
        [
            "P1|AMERICAS|8x5 2 1 1 0 50.00",
            "P1|EMEA|24x7 1 1 0 0 100.00",
            "P2|AMERICAS|8x5 1 0 0 1 ",
        ], groups.Select(g => $"{string.Join('|', g.Keys)} {g.Eligible} {g.Met} {g.Breached} {g.Pending} {g.AttainmentPct}"));
    }

    [Fact]
    public void Summary_NextDay_UnansweredCaseBreachedAndResolutionStatistics()
    {
        using var temp = Seeded();

        var queries = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn);
        var groups = queries.Summary(Instant.FromUtc(2026, 3, 3, 0, 0), ["priority", "account"], new SlaFilter(), withResolution: true);

        var p1 = groups[0];
        Assert.Equal(("P1|A1", 0L, 1L), (string.Join('|', p1.Keys), p1.Pending, p1.Breached));
        // Resolutions 2 h and 4 h: median 3 h, p90 2 h + 0.9 × 2 h.
        Assert.Equal((10800d, 13680d), (p1.ResolutionMedianSeconds!.Value, p1.ResolutionP90Seconds!.Value));
        Assert.Equal(("P2", 1L, 0.00m), (groups[2].Keys[0], groups[2].Breached, groups[2].AttainmentPct!.Value));
        Assert.Null(groups[1].ResolutionMedianSeconds);
        // Without asking, the same counts and no statistics.
        var plain = queries.Summary(Instant.FromUtc(2026, 3, 3, 0, 0), ["priority", "account"], new SlaFilter());
        Assert.Equal(groups.Select(g => (g.Eligible, g.Met, g.Breached, g.Pending)), plain.Select(g => (g.Eligible, g.Met, g.Breached, g.Pending)));
        Assert.All(plain, g => Assert.Null(g.ResolutionP90Seconds));
    }

    [Fact]
    public void Summary_UnknownGrouping_UserErrorNamingIt()
    {
        using var temp = Seeded();

        var e = Assert.Throws<JuniperFts.Domain.UserError>(() =>
            new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn).Summary(MondayTwenty, ["priority", "colour"], new SlaFilter()));

        Assert.Contains("'colour'", e.Message);
    }

    [Fact]
    public void Exclusions_ByReason_CountsSortedByReason()
    {
        using var temp = Seeded();

        var queries = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn);

        Assert.Equal([("third_party", 1L), ("unregistered_product", 1L)], queries.Exclusions(MondayTwenty, new SlaFilter()));
        // The excluded cases were created at 10:00 UTC: before that they do not exist yet.
        Assert.Empty(queries.Exclusions(Instant.FromUtc(2026, 3, 2, 9, 59), new SlaFilter()));
    }

    [Fact]
    public void Cases_FilteredByAccountAndQuarter_OnlyThoseCases()
    {
        using var temp = Seeded();
        var queries = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn);

        var a2 = queries.Cases(MondayTwenty, new SlaFilter(new Quarter(2026, 1), new HashSet<string> { "A2" }));
        var q2 = queries.Cases(MondayTwenty, new SlaFilter(new Quarter(2026, 2)));

        Assert.Equal(["C4", "C5", "C6"], a2.Select(c => c.CaseNumber));
        Assert.Equal(("excluded", "third_party", (string?)null, (long?)null), (a2[1].Status, a2[1].Reason, a2[1].Region, a2[1].ElapsedSeconds));
        Assert.Empty(q2);
    }

    [Fact]
    public void Cases_AsOfBeforeCreation_LeavesTheCaseOut()
    {
        using var temp = Seeded();

        var cases = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn).Cases(Instant.FromUtc(2026, 3, 2, 14, 5), new SlaFilter());

        Assert.DoesNotContain(cases, c => c.CaseNumber == "C3");
        Assert.Equal(("pending", 300L), (cases.Single(c => c.CaseNumber == "C1").Status, cases.Single(c => c.CaseNumber == "C1").ElapsedSeconds!.Value));
    }

    [Fact]
    public void Run_NothingChanged_EvaluatesNothing_ChangedCaseOnly()
    {
        using var temp = Seeded();
        Assert.Equal(0, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));

        // A later batch answers C3 at 09:25 EST.
        temp.Scalar<long>("UPDATE cases SET first_response_at = TIMESTAMP '2026-03-02 14:25:00', batch_id = 1 WHERE case_number = 'C3'");
        temp.Seed().Case("C7", "A1", "S1", "SN1", "P4", Utc(3, 2, 15, 0));

        Assert.Equal(2, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));
        var c3 = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn).Cases(Instant.FromUtc(2026, 3, 3, 0, 0), new SlaFilter()).Single(c => c.CaseNumber == "C3");
        Assert.Equal(("met", 900L), (c3.Status, c3.ElapsedSeconds!.Value));
        Assert.Equal(7, SlaRefresh.RunAll(temp.Warehouse, ReferenceData.BuiltIn));
        Assert.Equal(7L, temp.Scalar<long>("SELECT count(*) FROM sla_evaluations"));
    }

    [Fact]
    public void Run_HolidayAddedLater_ReevaluatesThatCentresCases()
    {
        using var temp = Seeded();

        // Monday 2 March becomes a Herndon holiday in batch 1: C3 (unanswered) is now due Tuesday 09:30 EST.
        temp.Scalar<long>("INSERT INTO holidays VALUES ('HERNDON', DATE '2026-03-02', 'Storm', 1)");

        Assert.Equal(3, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));
        Assert.Equal(new DateTime(2026, 3, 3, 14, 30, 0), temp.Scalar<DateTime>("SELECT due_at FROM sla_evaluations WHERE case_number = 'C3'"));
    }

    [Fact]
    public void Run_ChangedReferenceData_ReevaluatesEverything()
    {
        using var temp = Seeded();
        var slower = ReferenceData.BuiltIn with
        {
            TargetSeconds = new Dictionary<Priority, int> { [Priority.P1] = 3600, [Priority.P2] = 3600, [Priority.P3] = 7200, [Priority.P4] = 14400 },
        };

        Assert.Equal(6, SlaRefresh.Run(temp.Warehouse, slower));
        Assert.Equal("met", new SlaQueries(temp.Warehouse, slower).Cases(MondayTwenty, new SlaFilter()).Single(c => c.CaseNumber == "C2").Status);
    }
}
