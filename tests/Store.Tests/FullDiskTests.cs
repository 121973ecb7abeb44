using JuniperFts.Domain;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Store.Tests;

/// <summary>A full disk under a write: one line naming the database, nothing of the write kept, and the next write works once there is room.</summary>
public class FullDiskTests
{
    private static void InsertManyAccounts(WarehouseConnection c, int from) =>
        c.Execute($"""
            INSERT INTO accounts (account_id, name, country, service_manager_email, batch_id)
            SELECT 'A' || (i + {from}), repeat('x', 200) || i, 'US', NULL, 1 FROM range(60000) t(i)
            """);

    [Fact]
    public void Commit_DiskFull_UserErrorNamingTheDatabaseNothingKeptThenWorksWithRoom()
    {
        using var disk = new SmallDisk();
        using var temp = new TempWarehouse(disk.PathOf("db"));
        disk.Fill(temp.DatabasePath);

        using (var c = temp.Warehouse.Connect())
        {
            var error = Assert.Throws<UserError>(() =>
            {
                using var tx = c.BeginTransaction();
                InsertManyAccounts(c, 0);
                tx.Commit();
            });
            Assert.StartsWith($"cannot write the database {temp.DatabasePath}: no space left on device", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.True(error.Transient);
            Assert.Equal(0L, c.Scalar<long>("SELECT count(*) FROM accounts"));
        }

        disk.MakeRoom();
        using (var c = temp.Warehouse.Connect())
        {
            using var tx = c.BeginTransaction();
            InsertManyAccounts(c, 0);
            tx.Commit();
        }
        Assert.Equal(60000L, temp.Scalar<long>("SELECT count(*) FROM accounts"));
    }

    [Theory]
    [InlineData("TransactionContext Error: Failed to commit: Could not write file \"{0}.wal\": No space left on device",
                "cannot write the database {0}: no space left on device (writing {0}.wal); the unfinished change was undone: free some space and run it again")]
    [InlineData("IO Error: Could not write file \"{0}.tmp/duckdb_temp_storage_S32K-0.tmp\": Disk quota exceeded",
                "cannot write the database {0}: disk quota exceeded (writing {0}.tmp/duckdb_temp_storage_S32K-0.tmp); the unfinished change was undone: free some space and run it again")]
    [InlineData("Out of Memory Error: failed to offload data block of size 256.0 KiB (1.2 GiB/1.2 GiB used). This limit was set by the 'max_temp_directory_size' setting.",
                "cannot write the database {0}: no room left on the disk for its temporary files; the unfinished change was undone: free some space and run it again")]
    [InlineData("IO Error: Could not fsync file \"{0}\": Input/output error",
                "cannot write the database {0}: input/output error (writing {0}); the unfinished change was undone: run it again once the file system takes writes")]
    public void CannotWrite_DuckDBWriteFailures_OneLineNamingTheDatabase(string duckdb, string expected)
    {
        using var temp = new TempWarehouse();
        var error = temp.Warehouse.CannotWrite(string.Format(duckdb, temp.DatabasePath), null);
        Assert.Equal(string.Format(expected, temp.DatabasePath), error?.Message);
    }

    [Theory]
    [InlineData("Constraint Error: Duplicate key \"account_id: A1\" violates primary key constraint")]
    [InlineData("Catalog Error: Table with name nope does not exist!")]
    public void CannotWrite_OtherFailures_LeftAlone(string duckdb)
    {
        using var temp = new TempWarehouse();
        Assert.Null(temp.Warehouse.CannotWrite(duckdb, null));
    }
}
