using JuniperFts.Ingest.Sample;
using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Ingest;

/// <summary>
/// The writing commands on a disk that fills up: one line naming the database, exit 2, the figures as they were,
/// and the same command going through once there is room. The disk is a tmpfs the test mounts (or, where it
/// cannot mount, the store's seam failing every commit).
/// </summary>
public sealed class FullDiskCommandTests : IDisposable
{
    private readonly SmallDisk _disk = new();
    private readonly TempWarehouse _store;
    private readonly Drop _small = new();
    private readonly string _sample;

    public FullDiskCommandTests()
    {
        _store = new TempWarehouse(_disk.PathOf("data"));
        Assert.Equal(0, Fts.Run("ingest", _small.Write(), "--db", _store.DatabasePath).Exit);
        // Outside the small disk: only the database is short of room.
        _sample = Path.Combine(Path.GetTempPath(), "fts-sample-" + Guid.NewGuid().ToString("N"));
        SampleDropFolder.Write(_sample, new SampleOptions(3000, 7));
    }

    public void Dispose()
    {
        _store.Dispose();
        _disk.Dispose();
        _small.Dispose();
        Directory.Delete(_sample, recursive: true);
    }

    private (long Batches, long Cases, long Evaluations) Figures() =>
        (_store.Scalar<long>("SELECT count(*) FROM ingest_batches"), _store.Scalar<long>("SELECT count(*) FROM cases"),
         _store.Scalar<long>("SELECT count(*) FROM sla_evaluations"));

    /// <summary>The <c>fts:</c> line of stderr: exactly one, and no stack trace anywhere.</summary>
    private static string OneLine(Fts.Outcome run)
    {
        Assert.DoesNotContain("   at ", run.Error);
        return Assert.Single(run.Error.Split('\n'), l => l.StartsWith("fts:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("run")]
    public void WritingCommand_DiskFull_OneLineNamingTheDatabaseFiguresKeptThenGoesThroughWithRoom(string command)
    {
        string[] args = command == "ingest"
            ? ["ingest", _sample, "--db", _store.DatabasePath]
            : ["run", "--data", _sample, "--out", Path.Combine(_sample, "out"), "--db", _store.DatabasePath];
        var before = Figures();
        _disk.Fill(_store.DatabasePath);

        var full = Fts.Run(args);

        Assert.Equal(2, full.Exit);
        Assert.StartsWith($"fts: cannot write the database {_store.DatabasePath}: no space left on device (writing {_store.DatabasePath}", OneLine(full));
        Assert.EndsWith("the unfinished change was undone: free some space and run it again", OneLine(full).TrimEnd());
        Assert.Equal(before, Figures());

        _disk.MakeRoom();
        var again = Fts.Run(args);

        Assert.Equal(0, again.Exit);
        var after = Figures();
        Assert.Equal(before.Batches + 1, after.Batches);
        Assert.True(after.Cases > before.Cases + 2500, $"{after.Cases} cases after the second try");
        Assert.Equal(after.Cases, after.Evaluations);
    }

    [Fact]
    public void Sample_DiskFull_OneLineNamingTheFolder()
    {
        // Only a real file system fills: the seam stands in for DuckDB's writes, not for the sample's files.
        if (!_disk.Mounted) return;
        _disk.Fill(_store.DatabasePath, leave: 0);
        var folder = _disk.PathOf("sample");

        var run = Fts.Run("sample", "--out", folder, "--cases", "5000");

        Assert.Equal(2, run.Exit);
        Assert.StartsWith($"fts: cannot write the sample into {folder}: No space left on device", OneLine(run));
    }
}
