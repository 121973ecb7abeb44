using JuniperFts.Store;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>Each rule and reason code of domain.md on hand-made rows; the valid rows of <see cref="Drop"/> sit on line 2.</summary>
public class IngestRulesTests
{
    private static IReadOnlyList<QuarantineRow> Quarantined(TempWarehouse temp) => IngestQueries.Quarantine(temp.Warehouse);

    [Theory]
    // missing_field
    [InlineData("accounts", "A2,,US,sm@vendor.example", "missing_field")]
    [InlineData("cases", "K2,A1,S1,SN1,,2026-03-02T16:59:00Z,,,,,", "missing_field")]
    [InlineData("case_events", "K1,2026-03-02T18:00:00Z,priority_changed,", "missing_field")]
    [InlineData("installed_base", "SN2,C1,MX204,Routing,2025-01-01,,,,false", "missing_field")]
    // bad_date
    [InlineData("contracts", "C2,A1,S1,SVC-FTS-BD,HERNDON,2025-02-30,2026-12-31,USD,false", "bad_date")]
    [InlineData("holidays", "HERNDON,25/12/2026,Christmas", "bad_date")]
    [InlineData("installed_base", "SN2,C1,MX204,Routing,2025-01-01,,1000,2026-1-1,false", "bad_date")]
    // bad_instant: no offset, or not an instant at all
    [InlineData("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00,,,,,", "bad_instant")]
    [InlineData("case_events", "K1,yesterday,awaiting_customer,", "bad_instant")]
    [InlineData("cases", "K2,A1,S1,SN1,P1,0001-01-01T00:00:00+01:00,,,,,", "bad_instant")]
    // bad_number
    [InlineData("installed_base", "SN2,C1,MX204,Routing,2025-01-01,,12k,,false", "bad_number")]
    // unknown_sku / unknown_priority / unknown_support_center / unknown_platform
    [InlineData("contracts", "C2,A1,S1,SVC-GOLD,HERNDON,2025-01-01,2026-12-31,USD,false", "unknown_sku")]
    [InlineData("cases", "K2,A1,S1,SN1,P5,2026-03-02T16:59:00Z,,,,,", "unknown_priority")]
    [InlineData("case_events", "K1,2026-03-02T18:00:00Z,priority_changed,urgent", "unknown_priority")]
    [InlineData("contracts", "C2,A1,S1,SVC-FTS-BD,PARIS,2025-01-01,2026-12-31,USD,false", "unknown_support_center")]
    [InlineData("engineers", "E2,Eng Two,e2@vendor.example,PARIS,Routing", "unknown_support_center")]
    [InlineData("holidays", "PARIS,2026-12-25,Christmas", "unknown_support_center")]
    [InlineData("installed_base", "SN2,C1,QFX,Datacenter,2025-01-01,,1000,,false", "unknown_platform")]
    [InlineData("engineers", "E2,Eng Two,e2@vendor.example,TOKYO,Routing;Wireless", "unknown_platform")]
    // bad_range
    [InlineData("contracts", "C2,A1,S1,SVC-FTS-BD,HERNDON,2026-01-01,2025-12-31,USD,false", "bad_range")]
    [InlineData("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,2026-03-02T16:58:59Z,,,,", "bad_range")]
    [InlineData("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,2026-03-01T00:00:00Z,,,", "bad_range")]
    [InlineData("installed_base", "SN2,C1,MX204,Routing,2025-06-01,2025-05-31,1000,,false", "bad_range")]
    // embargoed_country
    [InlineData("accounts", "A2,Havana Telecom,CU,sm@vendor.example", "embargoed_country")]
    [InlineData("sites", "S2,A1,Tehran,ir,", "embargoed_country")]
    // unknown_account / unknown_site / unknown_contract / unknown_case
    [InlineData("sites", "S2,A9,Branch,US,ops@acme.example", "unknown_account")]
    [InlineData("contracts", "C2,A9,S1,SVC-FTS-BD,HERNDON,2025-01-01,2026-12-31,USD,false", "unknown_account")]
    [InlineData("representatives", "A9,Rep,rep@x.example,", "unknown_account")]
    [InlineData("cases", "K2,A9,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,", "unknown_account")]
    [InlineData("contracts", "C2,A1,S9,SVC-FTS-BD,HERNDON,2025-01-01,2026-12-31,USD,false", "unknown_site")]
    [InlineData("cases", "K2,A1,S9,SN1,P1,2026-03-02T16:59:00Z,,,,,", "unknown_site")]
    [InlineData("installed_base", "SN2,C9,MX204,Routing,2025-01-01,,1000,,false", "unknown_contract")]
    [InlineData("case_events", "K9,2026-03-02T18:00:00Z,awaiting_customer,", "unknown_case")]
    public void Run_RowBreakingOneRule_IsQuarantinedWithItsReason(string file, string row, string reason)
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add(file, row);

        var result = drop.IngestInto(temp);

        var q = Assert.Single(Quarantined(temp));
        Assert.Equal((file + ".csv", Drop.ValidRows[file].Length + 2L, reason, row), (q.File, q.Line, q.Reason, q.Raw));
        var counts = result.Files.Single(f => f.File == file + ".csv");
        Assert.Equal((Drop.ValidRows[file].Length + 1L, Drop.ValidRows[file].Length + 0L, 1L), (counts.Read, counts.Accepted, counts.Rejected));
    }

    [Fact]
    public void Run_ValidFolder_StoresEveryRowAndRejectsNothing()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();

        var result = drop.IngestInto(temp);

        Assert.Empty(Quarantined(temp));
        Assert.All(result.Files, f => Assert.Equal((f.Read, 0L, f.Read), (f.Accepted, f.Rejected, f.Inserted)));
        Assert.Equal(9, result.Files.Count);
        Assert.Equal("2026-03-03 00:59:00", temp.Scalar<string>("SELECT strftime(created_at, '%Y-%m-%d %H:%M:%S') FROM cases"));
        Assert.Equal("P2", temp.Scalar<string>("SELECT value FROM case_events"));
    }

    [Theory]
    // missing_field beats bad_date (name empty, date bad)
    [InlineData("contracts", "C2,A1,S1,SVC-FTS-BD,HERNDON,2025-13-01,2026-12-31,,false", "missing_field")]
    // bad_date beats unknown_sku
    [InlineData("contracts", "C2,A1,S1,GOLD,HERNDON,2025-13-01,2026-12-31,USD,false", "bad_date")]
    // bad_instant beats bad_range is moot (range needs both); bad_instant beats unknown_priority
    [InlineData("cases", "K2,A1,S1,SN1,P7,2026-03-02,,,,,", "bad_instant")]
    // bad_number beats unknown_platform
    [InlineData("installed_base", "SN2,C1,MX204,Wireless,2025-01-01,,abc,,false", "bad_number")]
    // unknown_sku beats unknown_support_center
    [InlineData("contracts", "C2,A1,S1,GOLD,PARIS,2025-01-01,2026-12-31,USD,false", "unknown_sku")]
    // unknown_priority beats bad_range
    [InlineData("cases", "K2,A1,S1,SN1,P0,2026-03-02T16:59:00Z,2026-03-01T00:00:00Z,,,,", "unknown_priority")]
    // unknown_support_center beats bad_range
    [InlineData("contracts", "C2,A1,S1,SVC-FTS-BD,PARIS,2026-01-01,2025-01-01,USD,false", "unknown_support_center")]
    // unknown_platform beats bad_range
    [InlineData("installed_base", "SN2,C1,MX204,Wireless,2025-06-01,2025-01-01,1,,false", "unknown_platform")]
    // bad_range beats unknown_account
    [InlineData("cases", "K2,A9,S9,SN1,P1,2026-03-02T16:59:00Z,2026-03-01T00:00:00Z,,,,", "bad_range")]
    // embargoed_country beats unknown_account
    [InlineData("sites", "S2,A9,Pyongyang,KP,", "embargoed_country")]
    // unknown_account beats unknown_site
    [InlineData("cases", "K2,A9,S9,SN1,P1,2026-03-02T16:59:00Z,,,,,", "unknown_account")]
    // unknown_site: the site exists but belongs to another account
    [InlineData("cases", "K2,A2,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,", "unknown_site")]
    public void Run_RowWithSeveralProblems_IsRejectedOnceWithTheFirstReason(string file, string row, string reason)
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add(file, row).Add("accounts", "A2,Beta,US,");

        drop.IngestInto(temp);

        var q = Assert.Single(Quarantined(temp), r => r.File == file + ".csv");
        Assert.Equal(reason, q.Reason);
    }

    [Fact]
    public void Run_AccountRejected_ItsSitesContractsCasesAndEventsAreRejectedInDependencyOrder()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop()
            .Add("accounts", "A2,Havana Telecom,CU,")
            .Add("sites", "S2,A2,Branch,US,ops@x.example")
            .Add("contracts", "C2,A2,S2,SVC-FTS-BD,HERNDON,2025-01-01,2026-12-31,USD,false")
            .Add("installed_base", "SN2,C2,MX204,Routing,2025-01-01,,1000,,false")
            .Add("cases", "K2,A2,S2,SN2,P1,2026-03-02T16:59:00Z,,,,,")
            .Add("case_events", "K2,2026-03-02T18:00:00Z,awaiting_customer,");

        drop.IngestInto(temp);

        Assert.Equal(
            [("accounts.csv", "embargoed_country"), ("case_events.csv", "unknown_case"), ("cases.csv", "unknown_account"),
             ("contracts.csv", "unknown_account"), ("installed_base.csv", "unknown_contract"), ("sites.csv", "unknown_account")],
            Quarantined(temp).Select(q => (q.File, q.Reason)).ToArray());
    }

    [Fact]
    public void Run_ReferenceStoredByAnEarlierBatch_IsKnown()
    {
        using var temp = new TempWarehouse();
        using (var first = new Drop()) first.IngestInto(temp);
        using var second = new Drop(withValidRows: false).Add("cases", "K2,A1,S1,SN1,P3,2026-04-01T09:00:00Z,,,,,");

        var result = second.IngestInto(temp);

        Assert.Empty(Quarantined(temp));
        Assert.Equal(1, Assert.Single(result.Files).Inserted);
    }

    [Fact]
    public void Run_SameKeyTwiceWithDifferentValues_RejectsEveryRowOfThatKey()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop()
            .Add("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,first", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,second", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,first");

        var result = drop.IngestInto(temp);

        Assert.Equal([(3L, "conflicting_duplicate"), (4L, "conflicting_duplicate"), (5L, "conflicting_duplicate")],
            Quarantined(temp).Select(q => (q.Line, q.Reason)).ToArray());
        Assert.Equal(0, temp.Scalar<long>("SELECT count(*) FROM cases WHERE case_number = 'K2'"));
        var cases = result.Files.Single(f => f.File == "cases.csv");
        Assert.Equal((4L, 1L, 3L), (cases.Read, cases.Accepted, cases.Rejected));
    }

    [Fact]
    public void Run_IdenticalRepeatInOneBatch_IsAcceptedAndStoredOnce()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("holidays", Drop.ValidRows["holidays"][0]);

        var result = drop.IngestInto(temp);

        Assert.Empty(Quarantined(temp));
        var holidays = result.Files.Single(f => f.File == "holidays.csv");
        Assert.Equal((2L, 2L, 0L, 1L), (holidays.Read, holidays.Accepted, holidays.Rejected, holidays.Inserted));
    }

    [Fact]
    public void Run_DuplicateWhereOneRowFailsAnEarlierCheck_TheOtherIsAccepted()
    {
        using var temp = new TempWarehouse();
        // The second K2 has a bad priority, so only one valid version of K2 remains: no conflict.
        using var drop = new Drop().Add("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,", "K2,A1,S1,SN1,P9,2026-03-02T16:59:00Z,,,,,");

        drop.IngestInto(temp);

        Assert.Equal("unknown_priority", Assert.Single(Quarantined(temp)).Reason);
        Assert.Equal(1, temp.Scalar<long>("SELECT count(*) FROM cases WHERE case_number = 'K2'"));
    }

    [Fact]
    public void Run_SameFilesTwice_ChangesNothingAndSaysSo()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("cases", "K2,A1,S1,SN1,P9,2026-03-02T16:59:00Z,,,,,");
        drop.IngestInto(temp);
        var before = Snapshot(temp);

        var again = drop.IngestInto(temp);

        Assert.True(again.ChangedNothing);
        Assert.All(again.Files, f => Assert.Equal((0L, 0L), (f.Inserted, f.Updated)));
        Assert.Equal(before, Snapshot(temp));
        Assert.Equal(1, temp.Scalar<long>("SELECT max(batch_id) FROM cases"));
        Assert.Equal(0L, temp.Scalar<long>($"SELECT count(*) FROM cases WHERE batch_id = {again.BatchId}"));
    }

    [Fact]
    public void Run_LaterExportWithChangedRow_UpdatesItAndRecordsTheBatch()
    {
        using var temp = new TempWarehouse();
        using (var first = new Drop()) first.IngestInto(temp);
        using var second = new Drop(withValidRows: false)
            .Add("cases", "K1,A1,S1,SN1,P1,2026-03-02T16:59:00-08:00,2026-03-02T17:05:00-08:00,2026-03-03T10:00:00-08:00,,E1,Router down");

        var result = second.IngestInto(temp);

        var cases = Assert.Single(result.Files);
        Assert.Equal((1L, 0L, 0L), (cases.Updated, cases.Inserted, cases.Unchanged));
        Assert.Equal(2, temp.Scalar<long>("SELECT batch_id FROM cases WHERE case_number = 'K1'"));
        Assert.Equal("2026-03-03 01:05:00", temp.Scalar<string>("SELECT strftime(first_response_at, '%Y-%m-%d %H:%M:%S') FROM cases"));
        Assert.Equal(1, temp.Scalar<long>("SELECT batch_id FROM accounts"));
        Assert.Equal("K1", temp.Scalar<string>($"SELECT string_agg(case_number, ',') FROM cases WHERE batch_id = {result.BatchId}"));
        Assert.Equal(0L, temp.Scalar<long>($"SELECT count(*) FROM contracts WHERE batch_id = {result.BatchId}"));
    }

    [Fact]
    public void Run_ShortAndLongRows_ShortReadsEmptyCellsLongIgnoresExtras()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("holidays", "HERNDON,2026-07-03", "TOKYO,2026-01-02,New Year,extra,cells").Add("accounts", "A2,Beta");

        drop.IngestInto(temp);

        Assert.Equal(("accounts.csv", 3L, "missing_field"), Assert.Single(Quarantined(temp)) is var q ? (q.File, q.Line, q.Reason) : default);
        Assert.Equal(3, temp.Scalar<long>("SELECT count(*) FROM holidays"));
        Assert.Null(temp.Scalar<string>("SELECT name FROM holidays WHERE support_center = 'HERNDON'"));
    }

    [Fact]
    public void Run_HeaderInAnyOrderAndCase_ReadsByName()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop(withValidRows: false);
        drop.Write();
        File.WriteAllText(Path.Combine(drop.Folder, "Holidays.CSV"), "\uFEFFName,DATE,Support_Center,comment\r\nBoxing Day,2026-12-26,SYDNEY,x\r\n");

        new DropFolderIngest(temp.Warehouse, Domain.Reference.ReferenceData.BuiltIn, Drop.Clock).Run(drop.Folder);

        Assert.Equal("SYDNEY 2026-12-26 Boxing Day", temp.Scalar<string>("SELECT support_center || ' ' || strftime(date, '%Y-%m-%d') || ' ' || name FROM holidays"));
    }

    [Fact]
    public void Run_QuotedNewlineInAField_ReportsThePhysicalLineWhereTheRowStarts()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,\"two\nlines\"", "K3,A1,S1,SN1,P8,2026-03-02T16:59:00Z,,,,,");

        drop.IngestInto(temp);

        Assert.Equal(5, Assert.Single(Quarantined(temp)).Line);
        Assert.Equal("two\nlines", temp.Scalar<string>("SELECT title FROM cases WHERE case_number = 'K2'"));
    }

    [Fact]
    public void Run_ComplianceFindings_ListEachKindWithoutRejecting()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop()
            .Add("contracts", "C2,A1,S1,SVC-FTS-BD,HERNDON,2025-01-01,2025-12-30,USD,false", "C3,A1,S1,SVC-FTS-BD,HERNDON,2025-01-01,2025-06-30,USD,true",
                 "C4,A1,S1,SVC-FTS-BD,HERNDON,2025-01-01,2025-12-31,USD,false")
            .Add("sites", "S2,A1,Branch,US,")
            .Add("accounts", "A2,Beta,US,")
            .Add("cases", "K2,A1,S1,SN404,P1,2026-03-02T16:59:00Z,,,,,", "K3,A1,S1,,P1,2026-03-02T16:59:00Z,,,,,");

        drop.IngestInto(temp);

        Assert.Empty(Quarantined(temp));
        Assert.Equal(
            [("case_on_unregistered_serial", "K2"), ("case_on_unregistered_serial", "K3"), ("representatives_out_of_range", "A2"),
             ("short_contract", "C2"), ("site_without_primary_contact", "S2")],
            IngestQueries.Compliance(temp.Warehouse).Select(f => (f.Kind, f.Subject)).ToArray());
    }

    [Fact]
    public void Run_SevenRepresentatives_IsAFinding()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("representatives", Enumerable.Range(3, 5).Select(i => $"A1,Rep {i},r{i}@acme.example,").ToArray());

        drop.IngestInto(temp);

        Assert.Equal("account A1 has 7 representatives (expected 2 to 6)", Assert.Single(IngestQueries.Compliance(temp.Warehouse)).Detail);
    }

    internal static string Snapshot(TempWarehouse temp) => WarehouseSnapshot.Of(temp);
}
