using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using NodaTime;
using static JuniperFts.Domain.Tests.Sla.Some;

namespace JuniperFts.Domain.Tests.Sla;

/// <summary>Each SLA rule and edge, hand-computed. Herndon is UTC-5 in winter (EST) and UTC-4 in summer (EDT).</summary>
public class SlaRulesTests
{
    // Monday 2 March 2026 09:00 EST.
    private const string MondayOpening = "2026-03-02T14:00:00Z";

    [Fact]
    public void Evaluate_ResponseExactlyOnTarget_Met()
    {
        var v = Rules().Evaluate(Case(MondayOpening, response: "2026-03-02T14:15:00Z"), [Unit()]);

        Assert.Equal((Duration.FromSeconds(900), Duration.FromSeconds(900), SlaStatus.Met), (v.ResponseElapsed, v.Target, v.StatusAt(At("2026-04-01T00:00:00Z"))));
    }

    [Fact]
    public void Evaluate_ResponseOneSecondOverTarget_Breached()
    {
        var v = Rules().Evaluate(Case(MondayOpening, response: "2026-03-02T14:15:01Z"), [Unit()]);

        Assert.Equal((Duration.FromSeconds(901), SlaStatus.Breached), (v.ResponseElapsed, v.StatusAt(At("2026-04-01T00:00:00Z"))));
    }

    [Fact]
    public void Evaluate_CreatedAfterHoursAnsweredBeforeOpening_ZeroSecondsAfterHoursMet()
    {
        // 07:00 EST, answered 08:30 EST: the clock would only have started at 09:00.
        var v = Rules().Evaluate(Case("2026-03-02T12:00:00Z", response: "2026-03-02T13:30:00Z"), [Unit()]);

        Assert.Equal((true, Duration.Zero, SlaStatus.Met), (v.AfterHours, v.ResponseElapsed, v.StatusAt(At("2026-03-03T00:00:00Z"))));
        Assert.Equal(At("2026-03-02T14:15:00Z"), v.DueAt);
    }

    [Fact]
    public void Evaluate_FridayEveningToMondayAcrossDstOnEightByFive_CountsBusinessTime()
    {
        // Friday 6 March 16:55 EST, response Monday 9 March 09:10 EDT: 5 + 10 minutes, P2 (30 min) met.
        var v = Rules().Evaluate(Case("2026-03-06T21:55:00Z", response: "2026-03-09T13:10:00Z", priority: "P2"), [Unit()]);

        Assert.Equal((false, Duration.FromSeconds(900), SlaStatus.Met), (v.AfterHours, v.ResponseElapsed, v.StatusAt(At("2026-03-10T00:00:00Z"))));
    }

    [Fact]
    public void Evaluate_HolidayOfTheCentre_IsNotBusinessTime()
    {
        // Friday 3 July 2026 is a Herndon holiday: Thursday 16:55 EDT to Monday 09:10 EDT is 15 minutes.
        var v = Rules(("HERNDON", "2026-07-03")).Evaluate(Case("2026-07-02T20:55:00Z", response: "2026-07-06T13:10:00Z"), [Unit()]);

        Assert.Equal(Duration.FromSeconds(900), v.ResponseElapsed);
    }

    [Fact]
    public void Evaluate_TwentyFourSevenOnSaturdayNight_WallTimeNeverAfterHours()
    {
        var v = Rules().Evaluate(Case("2026-03-07T08:00:00Z", response: "2026-03-07T08:20:00Z", priority: "P2"), [Unit(sku: "SVC-FTS-24x7")]);

        Assert.Equal((false, Duration.FromMinutes(20), At("2026-03-07T08:30:00Z"), "24x7"), (v.AfterHours, v.ResponseElapsed, v.DueAt, v.Sku!.Window.Code()));
    }

    [Fact]
    public void Evaluate_UpgradeBeforeResponse_UsesTheNewPriority()
    {
        // P3 at 09:00, P1 from 09:05, answered 09:20: P1's 15 minutes are exceeded (20 minutes).
        var v = Rules().Evaluate(
            Case(MondayOpening, response: "2026-03-02T14:20:00Z", priority: "P3", events: Event("2026-03-02T14:05:00Z", CaseEventKinds.PriorityChanged, "P1")),
            [Unit()]);

        Assert.Equal((Priority.P1, Duration.FromMinutes(15), SlaStatus.Breached), (v.Priority, v.Target, v.StatusAt(At("2026-03-03T00:00:00Z"))));
    }

    [Fact]
    public void Evaluate_ChangeExactlyAtResponse_Counts()
    {
        var v = Rules().Evaluate(
            Case(MondayOpening, response: "2026-03-02T14:20:00Z", priority: "P3", events: Event("2026-03-02T14:20:00Z", CaseEventKinds.PriorityChanged, "P2")),
            [Unit()]);

        Assert.Equal(Priority.P2, v.Priority);
    }

    [Fact]
    public void Evaluate_DowngradeAfterResponse_KeepsThePriorityAtTheResponse()
    {
        var v = Rules().Evaluate(
            Case(MondayOpening, response: "2026-03-02T14:10:00Z", priority: "P1", events: Event("2026-03-02T14:30:00Z", CaseEventKinds.PriorityChanged, "P4")),
            [Unit()]);

        Assert.Equal((Priority.P1, SlaStatus.Met), (v.Priority, v.StatusAt(At("2026-03-03T00:00:00Z"))));
    }

    [Fact]
    public void StatusAt_UnansweredBeforeAndAfterDue_PendingThenBreached()
    {
        var v = Rules().Evaluate(Case(MondayOpening), [Unit()]);

        Assert.Equal(SlaStatus.Pending, v.StatusAt(At("2026-03-02T14:15:00Z"))); // exactly on target: not over
        Assert.Equal(SlaStatus.Breached, v.StatusAt(At("2026-03-02T14:15:00.001Z")));
        Assert.Equal(Duration.FromMinutes(10), Rules().ElapsedAt(v, At("2026-03-02T14:10:00Z")));
    }

    [Fact]
    public void StatusAt_AsOfBeforeTheResponse_TheCaseIsStillUnanswered()
    {
        var v = Rules().Evaluate(Case(MondayOpening, response: "2026-03-02T15:00:00Z"), [Unit()]);

        Assert.Equal(SlaStatus.Pending, v.StatusAt(At("2026-03-02T14:05:00Z")));
        Assert.Equal(SlaStatus.Breached, v.StatusAt(At("2026-03-02T14:30:00Z")));
        Assert.Equal(SlaStatus.Breached, v.StatusAt(At("2026-03-02T15:00:00Z")));
    }

    [Theory]
    [InlineData("2026-04-01T06:30:00Z", "K1")] // 31 March 23:30 PDT: K1's last day
    [InlineData("2026-04-01T07:10:00Z", "K2")] // 1 April 00:10 PDT: K2's first day
    public void Evaluate_AroundAContractsLastLocalMidnight_TheContractOfTheLocalDayApplies(string created, string contract)
    {
        CoveredUnit[] units =
        [
            Unit("K1", centre: "SUNNYVALE", start: "2025-04-01", end: "2026-03-31"),
            Unit("K2", centre: "SUNNYVALE", start: "2026-04-01", end: "2027-03-31"),
        ];

        var v = Rules().Evaluate(Case(created), units);

        Assert.Equal((null, contract), (v.ExcludedReason, v.Unit?.ContractId));
    }

    [Fact]
    public void Evaluate_ContractEndedTheLocalDayBefore_NoActiveContract()
    {
        // 1 April 00:10 PDT with only K1 (its last day is 31 March).
        var v = Rules().Evaluate(Case("2026-04-01T07:10:00Z"), [Unit("K1", centre: "SUNNYVALE", end: "2026-03-31")]);

        Assert.Equal(ExclusionReasons.NoActiveContract, v.ExcludedReason);
    }

    [Fact]
    public void Evaluate_UnitCoverageEnded_NoActiveContract()
    {
        var v = Rules().Evaluate(Case(MondayOpening), [Unit(coveredTo: "2026-03-01")]);

        Assert.Equal(ExclusionReasons.NoActiveContract, v.ExcludedReason);
    }

    [Fact]
    public void Evaluate_SeveralCoveringContracts_TheOneEntitlingThePriorityWins()
    {
        // K1 starts later but its SKU only entitles P1/P2; the case is P3.
        CoveredUnit[] units = [Unit("K1", sku: "SVC-JCP-FTS-BD", start: "2026-01-01"), Unit("K2", sku: "SVC-FTS-24x7", start: "2025-01-01")];

        var v = Rules().Evaluate(Case(MondayOpening, priority: "P3"), units);

        Assert.Equal(("K2", null), (v.Unit!.ContractId, v.ExcludedReason));
    }

    [Fact]
    public void Evaluate_SeveralEntitlingContracts_TheLaterStartWins()
    {
        CoveredUnit[] units = [Unit("K1", start: "2025-01-01"), Unit("K2", start: "2026-01-01"), Unit("K0", start: "2025-06-01")];

        Assert.Equal("K2", Rules().Evaluate(Case(MondayOpening), units).Unit!.ContractId);
    }

    [Fact]
    public void Evaluate_SameStartSameEntitlement_TheSmallerContractIdWins()
    {
        CoveredUnit[] units = [Unit("K10"), Unit("K09"), Unit("k01")];

        // Ordinal: "K09" < "K10" < "k01".
        Assert.Equal("K09", Rules().Evaluate(Case(MondayOpening), units).Unit!.ContractId);
    }

    [Fact]
    public void Evaluate_NoContractEntitles_PriorityNotEntitledOnTheTieBreakWinner()
    {
        CoveredUnit[] units = [Unit("K1", sku: "SVC-JCP-FTS-BD", start: "2025-01-01"), Unit("K2", sku: "PAR-ACS-FTS-24x7", start: "2025-06-01")];

        var v = Rules().Evaluate(Case(MondayOpening, priority: "P4"), units);

        // Neither entitles P4, so the later start wins the tie-break and its window and region are reported.
        Assert.Equal((ExclusionReasons.PriorityNotEntitled, "K2", "24x7", "AMERICAS"), (v.ExcludedReason, v.Unit!.ContractId, v.Sku!.Window.Code(), v.Centre!.Region));
    }

    [Theory]
    [InlineData("third_party", "third_party")]
    [InlineData("maintenance_window", "maintenance_window")]
    [InlineData("modified_code", "modified_code")]
    public void Evaluate_ExclusionSet_ExcludedWithThatReasonBeforeAnyContract(string exclusion, string reason)
    {
        var v = Rules().Evaluate(Case(MondayOpening, exclusion: exclusion), [Unit()]);

        Assert.Equal((reason, (CoveredUnit?)null, false), (v.ExcludedReason, v.Unit, v.IsEligible));
    }

    [Fact]
    public void Evaluate_SerialNotInInstalledBase_UnregisteredProduct()
    {
        Assert.Equal(ExclusionReasons.UnregisteredProduct, Rules().Evaluate(Case(MondayOpening), []).ExcludedReason);
        Assert.Equal(ExclusionReasons.UnregisteredProduct, Rules().Evaluate(Case(MondayOpening, serial: null), []).ExcludedReason);
    }

    [Theory]
    [InlineData("2026-03-02", true)]  // end of support on the local creation date: excluded
    [InlineData("2026-03-03", false)]
    public void Evaluate_EndOfSupport_ExcludedFromThatLocalDate(string endOfSupport, bool excluded)
    {
        // 2 March 19:30 EST is already 3 March in UTC: the local date decides.
        var v = Rules().Evaluate(Case("2026-03-03T00:30:00Z"), [Unit(endOfSupport: endOfSupport)]);

        Assert.Equal(excluded ? ExclusionReasons.EndOfSupport : null, v.ExcludedReason);
    }

    [Fact]
    public void Evaluate_GrayMarketUnit_GrayMarket()
    {
        var v = Rules().Evaluate(Case(MondayOpening), [Unit(grayMarket: true)]);

        Assert.Equal((ExclusionReasons.GrayMarket, "HERNDON"), (v.ExcludedReason, v.Centre!.Code));
    }

    [Fact]
    public void Evaluate_RulesInOrder_EndOfSupportBeforeGrayMarketBeforeEntitlement()
    {
        var v = Rules().Evaluate(Case(MondayOpening, priority: "P4"), [Unit(sku: "SVC-JCP-FTS-BD", endOfSupport: "2026-01-01", grayMarket: true)]);

        Assert.Equal(ExclusionReasons.EndOfSupport, v.ExcludedReason);
    }

    [Fact]
    public void Evaluate_CreatedLateOnQuarterEndLocally_QuarterOfTheCentresZone()
    {
        // 1 April 03:00Z is 31 March 20:00 PDT: Q1 in Sunnyvale; without a contract it is Q2 (UTC).
        Assert.Equal("2026Q1", Rules().Evaluate(Case("2026-04-01T03:00:00Z"), [Unit(centre: "SUNNYVALE")]).Quarter.ToString());
        Assert.Equal("2026Q2", Rules().Evaluate(Case("2026-04-01T03:00:00Z"), []).Quarter.ToString());
    }

    [Fact]
    public void Resolution_WithCustomerWaits_RemovesTheWaits()
    {
        // 5 hours to resolution; waiting 1h-3h (a second awaiting in between changes nothing) and 4h30 to the end.
        var facts = Case("2026-03-02T10:00:00Z", resolved: "2026-03-02T15:00:00Z", events:
        [
            Event("2026-03-02T11:00:00Z", CaseEventKinds.AwaitingCustomer),
            Event("2026-03-02T12:00:00Z", CaseEventKinds.AwaitingCustomer),
            Event("2026-03-02T13:00:00Z", CaseEventKinds.CustomerResponded),
            Event("2026-03-02T14:30:00Z", CaseEventKinds.AwaitingCustomer),
        ]);

        Assert.Equal(Duration.FromMinutes(150), ResolutionTime.Of(facts));
        Assert.Null(ResolutionTime.Of(facts with { ResolvedAt = null }));
    }
}
