using JuniperFts.Scheduling;
using JuniperFts.Scheduling.Jobs;
using JuniperFts.Reports.TrueUp;
using JuniperFts.Store.Ledgers;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Tests.Service;

public class TrueUpJobTests
{
    [Fact]
    public async Task RunAtAsync_DayAfterAnAnniversary_IssuesThatContractYearOnce()
    {
        using var h = new ServiceHarness(Instant.FromUtc(2026, 11, 1, 0, 0), null, services =>
        {
            services.AddSingleton<TrueUpService>();
            services.AddSingleton<IServiceJob, TrueUpJob>();
        });
        // Year 1 of C-2001 runs from 25 November 2025 to 24 November 2026 (last day).
        h.Store.Seed().Account("A0001").Site("S1", "A0001")
            .Contract("C-2001", "A0001", "S1", start: "2025-11-25", end: "2027-11-24")
            .Unit("JN1", "C-2001", "2025-11-25", annualFee: 3650m)
            .Unit("JN2", "C-2001", "2026-05-25", annualFee: 3650m);

        await h.TickAt(new LocalDateTime(2026, 11, 24, 3, 0));   // the last day of the year: not over yet
        await h.TickAt(new LocalDateTime(2026, 11, 25, 3, 0));   // the anniversary: year 1 is due
        await h.TickAt(new LocalDateTime(2026, 11, 26, 3, 0));   // issued already: nothing new

        var runs = h.Ledger.Runs(JobNames.TrueUp);
        Assert.Equal(["2026-11-24", "2026-11-25", "2026-11-26"], runs.Select(r => r.PeriodKey));
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        var statements = runs.Select(r => r.OutputPaths.Where(p => p.EndsWith(".json", StringComparison.Ordinal)).Select(Path.GetFileName).ToList()).ToList();
        Assert.Equal([[], ["TU-C-2001-1.json"], []], statements);
        Assert.Empty(runs[2].OutputPaths);
        Assert.False(Directory.Exists(Path.Combine(h.Settings.OutFolder, JobNames.TrueUp, "2026-11-26")));

        // JN2 added on 25 May 2026: 184 of 365 days of 3650.00 = 1840.00.
        var json = File.ReadAllText(runs[1].OutputPaths.Single(p => p.EndsWith(".json", StringComparison.Ordinal)));
        Assert.Contains("\"additions_total\": \"1840.00\"", json);
    }

    [Fact]
    public void DueDate_PeriodKey_TheDayBefore()
    {
        Assert.Equal(new LocalDate(2026, 2, 28), PeriodKeys.TrueUpDueDate("2026-03-01"));
    }
}
