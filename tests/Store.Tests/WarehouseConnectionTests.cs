using JuniperFts.Store.Tests.Support;
using NodaTime;

namespace JuniperFts.Store.Tests;

public class WarehouseConnectionTests
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 3, 29, 12, 0, 30); // the day Europe's clocks go forward
    private static readonly LocalDate LeapDay = new(2024, 2, 29);

    [Fact]
    public void Insert_InstantAndDate_StoredAsUtcWallTimeAndDate()
    {
        using var temp = new TempWarehouse();
        using var c = temp.Warehouse.Connect();
        c.Execute("CREATE TABLE t (stamp TIMESTAMP, day DATE, note VARCHAR)");
        c.Insert("t", ("stamp", Noon), ("day", LeapDay), ("note", null));

        Assert.Equal("2026-03-29 12:00:30|2024-02-29|null",
            c.Scalar<string>("SELECT strftime(stamp, '%Y-%m-%d %H:%M:%S') || '|' || strftime(day, '%Y-%m-%d') || '|' || coalesce(note, 'null') FROM t"));
        Assert.Equal((Noon, LeapDay, (string?)null), c.Query("SELECT stamp, day, note FROM t", r => (r.Instant(0), r.Date(1), r.TextOrNull(2))).Single());
        Assert.Equal(Noon, c.Scalar<Instant>("SELECT stamp FROM t"));
        Assert.Equal(LeapDay, c.Scalar<LocalDate?>("SELECT day FROM t"));
    }

    [Fact]
    public void Insert_ColumnsInAnotherOrder_EachValueLandsInItsColumn()
    {
        using var temp = new TempWarehouse();
        using var c = temp.Warehouse.Connect();
        c.Execute("CREATE TABLE t (a VARCHAR, b BIGINT, \"at\" VARCHAR)");
        c.Insert("t", ("at", "keyword"), ("b", 2L), ("a", "first"));
        Assert.Equal("first 2 keyword", c.Scalar<string>("SELECT a || ' ' || b || ' ' || \"at\" FROM t"));
    }

    [Fact]
    public void Query_NamedParameters_FilterByValueNotPosition()
    {
        using var temp = new TempWarehouse();
        using var c = temp.Warehouse.Connect();
        var rows = c.Query("SELECT i FROM range(10) t(i) WHERE i >= $low AND i < $high ORDER BY i", r => r.Long(0), ("high", 5L), ("low", 3L));
        Assert.Equal([3L, 4L], rows);
        Assert.Null(c.Scalar<string>("SELECT 'x' WHERE $never", ("never", false)));
        Assert.Equal(0L, c.Scalar<long>("SELECT NULL::BIGINT"));
    }

    [Fact]
    public void BeginTransaction_DisposedWithoutCommit_RollsBack()
    {
        using var temp = new TempWarehouse();
        using var c = temp.Warehouse.Connect();
        c.Execute("CREATE TABLE t (a BIGINT)");
        using (c.BeginTransaction()) c.Insert("t", ("a", 1L));
        using (var tx = c.BeginTransaction())
        {
            c.Insert("t", ("a", 2L));
            tx.Commit();
        }
        Assert.Equal([2L], c.Query("SELECT a FROM t", r => r.Long(0)));
    }

    [Fact]
    public void Appender_TypedValues_ReadBackWithTheSameMapping()
    {
        using var temp = new TempWarehouse();
        using var c = temp.Warehouse.Connect();
        c.Execute("CREATE TABLE t (s VARCHAR, n BIGINT, stamp TIMESTAMP, day DATE, money DECIMAL(18,2), flag BOOLEAN, list VARCHAR[])");
        using (var a = c.Appender("t"))
        {
            a.Row().Add("x").Add(7L).Add(Noon).Add(LeapDay).Add(12.5m).Add(true).Add(["P1", "P2"]).End();
            a.Row().AddNull().AddValue(null).Add((Instant?)null).Add((LocalDate?)null).AddNull().AddNull().AddNull().End();
        }
        var rows = c.Query("SELECT s, n, stamp, day, money, flag, array_to_string(list, ',') FROM t ORDER BY s NULLS LAST",
            r => (r.TextOrNull(0), r.LongOrNull(1), r.InstantOrNull(2), r.DateOrNull(3), r.IsNull(4) ? (decimal?)null : r.Decimal(4), r.IsNull(5) ? (bool?)null : r.Bool(5), r.TextOrNull(6)));
        Assert.Equal(("x", 7L, Noon, LeapDay, 12.50m, true, "P1,P2"), (rows[0].Item1, rows[0].Item2!.Value, rows[0].Item3!.Value, rows[0].Item4!.Value, rows[0].Item5!.Value, rows[0].Item6!.Value, rows[0].Item7));
        Assert.Equal((null, null, null, null, null, null, null), rows[1]);
    }
}
