using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Tests.Support;
using JuniperFts.Reports.Sla;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>How the refresh stores its rows and reports mistakes (the rules themselves are tested in Domain.Tests).</summary>
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

        // The rules run on a parallel loop in the background; the mistake must still surface as one line.
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
}
