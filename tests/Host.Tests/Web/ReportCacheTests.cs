using System.Net;
using JuniperFts.Host.Web;

namespace JuniperFts.Host.Tests.Web;

public class ReportCacheTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    [Fact]
    public async Task GetAsync_MoreDistinctBuildsThanBuildersAndQueue_RefusesTheRestAndJoinsBuildsInFlight()
    {
        var cache = new ReportCache();
        var release = new ManualResetEventSlim();
        var builds = 0;
        byte[] Slow(byte b) { Interlocked.Increment(ref builds); release.Wait(); return [b]; }

        var admitted = Enumerable.Range(0, ReportCache.Builders + ReportCache.Queue)
            .Select(i => cache.GetAsync($"k{i}", () => Slow((byte)i))).ToList();
        var sameAsFirst = cache.GetAsync("k0", () => Slow(99));
        var refused = await cache.GetAsync("one-too-many", () => Slow(100));
        release.Set();
        var results = await Task.WhenAll(admitted);

        Assert.Null(refused.Bytes);
        Assert.Equal(Enumerable.Range(0, admitted.Count).Select(i => (byte)i), results.Select(r => r.Bytes![0]));
        Assert.Equal(((byte)0, true), ((await sameAsFirst).Bytes![0], (await sameAsFirst).FromCache));
        Assert.Equal(admitted.Count, builds);
        // Built once, then served from memory; a refused key can be built once there is room.
        Assert.True((await cache.GetAsync("k3", () => Slow(42))).FromCache);
        Assert.Equal((byte)100, (await cache.GetAsync("one-too-many", () => Slow(100))).Bytes![0]);
    }

    [Fact]
    public async Task Workbook_SecondDownload_ServedFromTheCacheWithTheSameBytes()
    {
        var client = seeded.Portal.As(PortalFactory.LeadershipToken);

        var first = await client.GetAsync("/api/reports/sla.xlsx?quarter=2026Q2");
        var second = await client.GetAsync("/api/reports/sla.xlsx?quarter=2026Q2");
        var manager = await seeded.Portal.As(PortalFactory.ManagerToken).GetAsync("/api/reports/sla.xlsx?quarter=2026Q2");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(["miss", "hit", "miss"], new[] { first, second, manager }.Select(r => r.Headers.GetValues("X-Report-Cache").Single()));
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(await first.Content.ReadAsByteArrayAsync(), await manager.Content.ReadAsByteArrayAsync());
    }
}
