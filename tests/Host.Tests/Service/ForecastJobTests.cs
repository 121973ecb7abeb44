using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class ForecastJobTests
{
    [Fact]
    public async Task RunAtAsync_MondayWithoutHistory_FailsWithTheReasonAfterBoundedTries()
    {
        using var h = new ServiceHarness(Instant.FromUtc(2026, 11, 1, 0, 0), new Dictionary<string, string?> { ["Service:Retries"] = "1" }, services =>
        {
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
            services.AddSingleton<IServiceJob, ForecastJob>();
        });

        await h.TickAt(new LocalDateTime(2026, 11, 23, 4, 0));   // Monday 04:00, ISO week 48
        await h.TickAt(new LocalDateTime(2026, 11, 23, 4, 0));   // the same tick again: tries used up

        var runs = h.Ledger.Runs(JobNames.Forecast);
        Assert.Equal([("2026-W48", 1, RunStatus.Failed), ("2026-W48", 2, RunStatus.Failed)], runs.Select(r => (r.PeriodKey, r.Attempt, r.Status)));
        Assert.StartsWith("no accepted case was created in a week that ended by", runs[0].Error);
    }
}
