using System.Text.Json;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Web;

public class ServeStartUpTests
{
    [Fact]
    public async Task StartUp_FileSetWaitingAndEmptyLedger_CatchUpRunsEveryJobOnceInOrder()
    {
        using var portal = new PortalFactory { RunJobs = true };
        var set = portal.Store.PathOf("drop/2026-11-24-crm");
        Directory.CreateDirectory(set);
        File.WriteAllText(Path.Combine(set, "accounts.csv"), "account_id,name,country,service_manager_email\nA0001,Acme,US,sm3@vendor.example\n");

        var client = portal.As(PortalFactory.LeadershipToken);
        JsonElement health = default;
        await Waiting.UntilAsync(async () =>
            {
                health = JsonDocument.Parse(await client.GetStringAsync("/health")).RootElement;
                return health.GetProperty("jobs").EnumerateArray().All(j => j.GetProperty("last_run") is { ValueKind: JsonValueKind.Object } run
                    && run.GetProperty("status").GetString() != "running");
            },
            "every job's start-up run to finish (in /health)", state: () => health.ToString());

        // 25 November 2026, 08:00 UTC: the latest due periods of each job, run at start-up.
        var lastRuns = health.GetProperty("jobs").EnumerateArray()
            .Select(j => $"{j.GetProperty("job").GetString()} {j.GetProperty("last_run").GetProperty("period_key").GetString()} {j.GetProperty("last_run").GetProperty("status").GetString()}");
        // Ingest runs are keyed by the file set (its name and a hash of its files), the others by their period.
        Assert.Matches("^ingest 2026-11-24-crm@[0-9a-f]{16} succeeded$", lastRuns.First());
        Assert.Equal(["sla-refresh 2026-11-25 succeeded", "true-up 2026-11-25 succeeded",
            "forecast 2026-W48 failed", "review-packs 2026Q3 succeeded"], lastRuns.Skip(1));
        Assert.True(Directory.Exists(portal.Store.PathOf("drop/processed/2026-11-24-crm")));
        Assert.Equal(1L, portal.Store.Scalar<long>("SELECT count(*) FROM accounts"));

        var runs = JsonDocument.Parse(await client.GetStringAsync("/api/jobs")).RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.All(runs, r => Assert.Equal("catch-up", r.GetProperty("trigger").GetString()));
        // The forecast has no history: tried Retries + 1 = 3 times, then left failed.
        Assert.Equal(3, runs.Count(r => r.GetProperty("job").GetString() == "forecast"));
    }
}
