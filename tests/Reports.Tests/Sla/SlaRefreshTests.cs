using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>How the refresh stores its rows, finds what changed and reports mistakes (the rules: Domain.Tests and SlaEvaluationAgreementTests).</summary>
public class SlaRefreshTests
{
    private static DateTime Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void RunAll_ContractSkuNotInReference_UserErrorNamingContractAndNothingStored()
    {
        using var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-NOPE", centre: "HERNDON")
            .Unit("SN1", "K1", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0), Utc(3, 2, 14, 15));

        var e = Assert.Throws<JuniperFts.Domain.UserError>(() => SlaRefresh.RunAll(temp.Warehouse, ReferenceData.BuiltIn));

        Assert.Contains("K1", e.Message);
        Assert.Contains("'SVC-NOPE'", e.Message);
        Assert.Equal(0L, temp.Scalar<long>("SELECT count(*) FROM sla_evaluations"));
    }

    [Fact]
    public void RunAll_EveryColumn_CaseColumnsCopiedAndTextsDecoded()
    {
        using var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON")
            .Unit("SN1", "K1", "2025-01-01", platform: "Routing")
            // Monday 2026-03-02 14:00 UTC = 09:00 EST: opening, answered 15 minutes later.
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0), Utc(3, 2, 14, 15))
            .Case("C2", "A1", "S1", "SN9", "P3", Utc(3, 2, 14, 0));

        Assert.Equal(2, SlaRefresh.RunAll(temp.Warehouse, ReferenceData.BuiltIn));

        Assert.Equal("C1|A1|S1|SN1|2026-03-02 14:00:00|P1|K1|Routing|8x5|AMERICAS|HERNDON|false|900|900|true|2026-03-02 14:15:00|2026Q1",
            temp.Scalar<string>("""
                SELECT concat_ws('|', case_number, account_id, site_id, serial_number, strftime(created_at, '%Y-%m-%d %H:%M:%S'),
                       priority, contract_id, platform, service_window, region, support_center, after_hours, target_seconds,
                       response_seconds, response_met, strftime(due_at, '%Y-%m-%d %H:%M:%S'), quarter)
                FROM sla_evaluations WHERE case_number = 'C1'
                """));
        Assert.Equal("C2|unregistered_product|P3|2026Q1|true",
            temp.Scalar<string>("""
                SELECT concat_ws('|', case_number, excluded_reason, priority, quarter,
                       contract_id IS NULL AND support_center IS NULL AND due_at IS NULL AND target_seconds IS NULL)
                FROM sla_evaluations WHERE case_number = 'C2'
                """));
    }

    /// <summary>Two accounts, two centres; a later batch touches one input, and only the cases it can change are evaluated.</summary>
    [Theory]
    [InlineData("UPDATE cases SET first_response_at = created_at + INTERVAL 5 MINUTE, batch_id = 1 WHERE case_number = 'C1'", "C1")]
    [InlineData("INSERT INTO case_events VALUES ('C2', TIMESTAMP '2026-03-02 14:05:00', 'priority_changed', 'P2', 1)", "C2")]
    [InlineData("UPDATE contracts SET end_date = DATE '2027-12-31', batch_id = 1 WHERE contract_id = 'K1'", "C1,C2")]
    [InlineData("UPDATE installed_base SET gray_market = true, batch_id = 1 WHERE serial_number = 'SN2'", "C2")]
    [InlineData("INSERT INTO holidays VALUES ('SCHIPHOL_RIJK', DATE '2026-03-02', 'Closed', 1)", "C3,C4")]
    [InlineData("INSERT INTO accounts VALUES ('A9', 'Nobody', 'US', NULL, 1)", "")]
    public void Run_LaterBatchTouchingOneInput_EvaluatesOnlyTheCasesItCanChange(string change, string expected)
    {
        using var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1").Account("A2").Site("S2", "A2", country: "NL")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON")
            .Contract("K2", "A2", "S2", sku: "SVC-FTS-BD", centre: "SCHIPHOL_RIJK")
            .Unit("SN1", "K1", "2025-01-01").Unit("SN2", "K1", "2025-01-01").Unit("SN3", "K2", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0))
            .Case("C2", "A1", "S1", "SN2", "P3", Utc(3, 2, 14, 0))
            .Case("C3", "A2", "S2", "SN3", "P1", Utc(3, 2, 9, 0), Utc(3, 2, 9, 30))
            .Case("C4", "A2", "S2", "SN3", "P2", Utc(3, 3, 9, 0), Utc(3, 3, 9, 10));
        Assert.Equal(4, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));
        temp.Scalar<long>("UPDATE sla_evaluations SET evaluated_through = -1 RETURNING 0"); // marks the rows this test expects untouched

        temp.Scalar<long>(change + " RETURNING 0");
        var count = SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);

        Assert.Equal(expected, temp.Scalar<string>("SELECT coalesce(string_agg(case_number, ',' ORDER BY case_number), '') FROM sla_evaluations WHERE evaluated_through = 1"));
        Assert.Equal(expected.Length == 0 ? 0 : expected.Split(',').Length, count);
        Assert.Equal(0, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn)); // the watermark moved on
    }

    [Fact]
    public void Run_CaseGoneThenOneSeededWithoutANewBatch_RowRemovedThenAdded()
    {
        using var temp = new TempWarehouse();
        temp.Seed()
            .Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-24x7", centre: "HERNDON")
            .Unit("SN1", "K1", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0))
            .Case("C2", "A1", "S1", "SN1", "P1", Utc(3, 2, 15, 0));
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);

        // Ingest never deletes a case; a hand edit of the database can.
        temp.Scalar<long>("DELETE FROM cases WHERE case_number = 'C1' RETURNING 0");
        Assert.Equal(0, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));
        Assert.Equal("C2", temp.Scalar<string>("SELECT string_agg(case_number, ',' ORDER BY case_number) FROM sla_evaluations"));

        temp.Seed().Case("C3", "A1", "S1", "SN1", "P2", Utc(3, 2, 16, 0)); // batch 0 again: found because it has no row
        Assert.Equal(1, SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn));
        Assert.Equal("C2,C3", temp.Scalar<string>("SELECT string_agg(case_number, ',' ORDER BY case_number) FROM sla_evaluations"));
    }

    [Fact]
    public void RunAll_MemoryLimitOfTheInstance_RestoredAfterwards()
    {
        using var temp = new TempWarehouse();
        temp.Seed().Account("A1").Site("S1", "A1").Contract("K1", "A1", "S1").Unit("SN1", "K1", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P1", Utc(3, 2, 14, 0));
        using var held = temp.Warehouse.Connect(); // keeps the instance (and its settings) alive between connections
        var before = temp.Scalar<string>("SELECT current_setting('memory_limit')");

        SlaRefresh.RunAll(temp.Warehouse, ReferenceData.BuiltIn);

        Assert.Equal(before, temp.Scalar<string>("SELECT current_setting('memory_limit')"));
    }
}
