using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Store.Tests;

public class WarehouseTests
{
    [Fact]
    public void Open_NewFile_AppliesEveryMigrationOnce()
    {
        using var temp = new TempWarehouse();
        Warehouse.Open(temp.DatabasePath); // a second open finds nothing to apply
        Assert.Equal(Warehouse.Migrations.Count, temp.Scalar<int>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(Warehouse.Migrations.Max(m => m.Version), temp.Scalar<int>("SELECT max(version) FROM schema_migrations"));
    }

    [Fact]
    public void Seed_CaseWithUtcInstant_RoundTripsUnchanged()
    {
        using var temp = new TempWarehouse();
        temp.Seed().Account("A1").Site("S1", "A1").Case("C1", "A1", "S1", "SN1", "P1", new DateTime(2026, 3, 2, 16, 59, 0, DateTimeKind.Utc));
        Assert.Equal("2026-03-02 16:59:00", temp.Scalar<string>("SELECT strftime(created_at, '%Y-%m-%d %H:%M:%S') FROM cases"));
    }
}
