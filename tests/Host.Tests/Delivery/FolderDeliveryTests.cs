using JuniperFts.Delivery;
using JuniperFts.Host.Delivery;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using static JuniperFts.Host.Tests.Delivery.DeliveryData;

namespace JuniperFts.Host.Tests.Delivery;

/// <summary>The folder target: whole files only, under plain or timestamped names, once per period.</summary>
public sealed class FolderDeliveryTests : IDisposable
{
    private readonly TempWarehouse _store = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly string _share;
    private readonly string _packs;

    public FolderDeliveryTests()
    {
        Seed(_store);
        // No subscription here sends e-mail, so no SMTP server is needed (nor configured).
        _settings = Config(_store, 25)
            .Where(kv => !kv.Key.StartsWith("Delivery:Smtp", StringComparison.Ordinal) && !kv.Key.StartsWith("Delivery:Subscriptions:", StringComparison.Ordinal))
            .ToDictionary();
        _share = _store.PathOf("share");
        _packs = Path.Combine(_store.PathOf("out"), "review-packs", "2026Q3");
        _settings["Delivery:Subscriptions:0:Name"] = "packs-to-share";
        _settings["Delivery:Subscriptions:0:Report"] = "review-packs";
        _settings["Delivery:Subscriptions:0:Folder"] = _share;
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Deliver_Folder_CopiesEveryPackWholeOnceAndLeavesNoTemporaryFile()
    {
        var first = Deliver(_store, _settings, "--subscription", "packs-to-share", "--period", "2026Q3");
        var second = Deliver(_store, _settings, "--subscription", "packs-to-share", "--period", "2026Q3");

        Assert.Equal(0, first.Exit);
        Assert.Contains($"{_share}: delivered (review-pack-A0001-2026Q3.pdf, review-pack-A0002-2026Q3.pdf, review-pack-A0003-2026Q3.pdf, review-pack-A0004-2026Q3.pdf)", first.Out);
        Assert.Contains($"{_share}: already delivered", second.Out);
        var names = Directory.GetFiles(_share).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["review-pack-A0001-2026Q3.pdf", "review-pack-A0002-2026Q3.pdf", "review-pack-A0003-2026Q3.pdf", "review-pack-A0004-2026Q3.pdf"], names);
        foreach (var name in names)
            Assert.Equal(File.ReadAllBytes(Path.Combine(_packs, name!)), File.ReadAllBytes(Path.Combine(_share, name!)));
    }

    [Fact]
    public void Deliver_FolderWithTimestamp_NamesCarryTheDeliveryTime()
    {
        _settings["Delivery:Subscriptions:0:Timestamp"] = "true";

        Assert.Equal(0, Deliver(_store, _settings, "--subscription", "packs-to-share", "--period", "2026Q3").Exit);

        Assert.Contains(Path.Combine(_share, "review-pack-A0001-2026Q3-20261125T120000Z.pdf"), Directory.GetFiles(_share));
        Assert.Equal(4, Directory.GetFiles(_share).Length);
    }

    [Fact]
    public async Task Deliver_Folder_AReaderNeverSeesAPartFile()
    {
        // Large packs (as a big account's would be) already written by the job, so each copy takes a while.
        Directory.CreateDirectory(_packs);
        var sizes = new Dictionary<string, long>();
        foreach (var account in new[] { "A0001", "A0002", "A0003", "A0004" })
        {
            var name = $"review-pack-{account}-2026Q3.pdf";
            var bytes = new byte[24 * 1024 * 1024];
            Random.Shared.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(_packs, name), bytes);
            sizes[name] = bytes.Length;
        }
        Directory.CreateDirectory(_share);

        // A reader of the share, listing and measuring every visible file as fast as it can while the delivery runs.
        using var stop = new CancellationTokenSource();
        var seen = new List<(string Name, long Length)>();
        var passes = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var file in new DirectoryInfo(_share).EnumerateFiles().Where(f => !f.Name.StartsWith('.')))
                {
                    try { seen.Add((file.Name, new FileInfo(file.FullName).Length)); }
                    catch (FileNotFoundException) { }
                }
                Interlocked.Increment(ref passes);
            }
        });
        // On a busy machine the reader may not be scheduled at once: it is watching before the delivery starts, and
        // it lists the share at least once more after it ends.
        await WaitForPasses(1);
        var run = Deliver(_store, _settings, "--subscription", "packs-to-share", "--period", "2026Q3");
        await WaitForPasses(Volatile.Read(ref passes) + 2);
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, run.Exit);
        Assert.Equal(sizes.Keys.Order(StringComparer.Ordinal), seen.Select(s => s.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(seen, s => Assert.Equal(sizes[s.Name], s.Length));
        Assert.Empty(Directory.GetFiles(_share, ".*"));

        Task WaitForPasses(int count) =>
            Waiting.UntilAsync(() => Task.FromResult(Volatile.Read(ref passes) >= count), $"the share's reader to list it {count} time(s)",
                state: () => $"{Volatile.Read(ref passes)} listing(s)");
    }

    [Fact]
    public void Deliver_FolderWhereAFileCannotBePlaced_FailsRecordedAndLeavesNoPartFile()
    {
        // Something else (a folder) sits where the second pack must go, so moving it into place fails.
        Directory.CreateDirectory(Path.Combine(_share, "review-pack-A0002-2026Q3.pdf"));

        var run = Deliver(_store, _settings, "--subscription", "packs-to-share", "--period", "2026Q3");

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{_share}: failed after 3 tries: cannot write {Path.Combine(_share, "review-pack-A0002-2026Q3.pdf")}: ", run.Out);
        Assert.Empty(Directory.GetFiles(_share, "*.partial", SearchOption.AllDirectories));
        Assert.Equal(["review-pack-A0001-2026Q3.pdf"], Directory.GetFiles(_share).Select(Path.GetFileName));
        var attempts = new DeliveryLedger(_store.Warehouse).Attempts("packs-to-share");
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(DeliveryStatus.Failed, a.Status));
    }
}
