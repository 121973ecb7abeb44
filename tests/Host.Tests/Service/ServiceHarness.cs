using Coravel.Scheduling.Schedule;
using Coravel.Scheduling.Schedule.Interfaces;
using JuniperFts.Scheduling;
using JuniperFts.Host.Web;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Service;

/// <summary>A job that records the period keys it was asked to run and fails as told.</summary>
public sealed class RecordingJob(string name) : IServiceJob
{
    private readonly List<(string PeriodKey, Instant Now, string? Previous)> _runs = [];
    /// <summary>Released once per run as it starts: the signal a test waits for while another thread runs the job.</summary>
    private readonly SemaphoreSlim _started = new(0);
    private int _startsSeen;

    public string Name { get; } = name;
    /// <summary>The runs so far, oldest first (a copy: runs are added from the runner's threads).</summary>
    public List<(string PeriodKey, Instant Now, string? Previous)> Runs { get { lock (_runs) return [.. _runs]; } }
    /// <summary>How many of the next runs throw.</summary>
    public int FailNext { get; set; }
    /// <summary>When set, a run waits for it before finishing.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Waits until the job's <paramref name="count"/>th run has started, or fails saying so after <see cref="Waiting.Limit"/>.</summary>
    public async Task WaitForRunAsync(int count)
    {
        while (_startsSeen < count)
        {
            if (!await _started.WaitAsync(Waiting.Limit))
                throw new Xunit.Sdk.XunitException($"waited {Waiting.Limit.TotalSeconds:0} s for run {count} of the {Name} job to start, in vain: {Runs.Count} started");
            _startsSeen++;
        }
    }

    public async Task<IReadOnlyList<string>> RunAsync(JobRunContext run)
    {
        lock (_runs) _runs.Add((run.PeriodKey, run.Now, run.PreviousPeriodKey));
        _started.Release();
        // Waits as a real job's safe points do: a stop of the service ends the wait.
        if (Hold is { } hold) await hold.Task.WaitAsync(run.Cancellation);
        if (FailNext > 0) { FailNext--; throw new InvalidOperationException("the drop folder share is offline"); }
        return [Path.Combine(run.OutFolder, run.PeriodKey + ".txt")];
    }
}

/// <summary>A real warehouse, a fake clock and Coravel's scheduler wired as <c>fts serve</c> wires them, without a web host.</summary>
public sealed class ServiceHarness : IDisposable
{
    public ServiceHarness(Instant now, IDictionary<string, string?>? settings = null, params string[] jobs)
        : this(now, settings, null, jobs)
    {
    }

    /// <param name="realJobs">Registers real jobs (and what they need) instead of recording ones.</param>
    public ServiceHarness(Instant now, IDictionary<string, string?>? settings, Action<IServiceCollection>? realJobs, params string[] jobs)
        : this(new TempWarehouse(), now, settings, realJobs, jobs)
    {
    }

    /// <param name="store">The database (and the folder the drop and out folders go in), e.g. on a <see cref="SmallDisk"/>.</param>
    public ServiceHarness(TempWarehouse store, Instant now, IDictionary<string, string?>? settings, Action<IServiceCollection>? realJobs, params string[] jobs)
    {
        Store = store;
        Clock = new FakeClock(now);
        // As in `fts serve`: one connection held for the harness's life keeps the database open between units of work.
        _owner = Store.Warehouse.Connect();
        var values = new Dictionary<string, string?>
        {
            ["Service:TimeZone"] = "Europe/Amsterdam",
            ["Service:DropFolder"] = Store.PathOf("drop"),
            ["Service:OutFolder"] = Store.PathOf("out"),
            ["Service:RetryDelaySeconds"] = "0",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var runtime = new ServiceRuntime(TestCli.Settings(values), Store.Warehouse, Clock);
        Settings = runtime.Settings.Service;
        Jobs = realJobs is not null ? [] : (jobs.Length == 0 ? JobNames.All : jobs).ToDictionary(j => j, j => new RecordingJob(j));

        // As `fts serve` registers them, from the same composition root; only the jobs differ.
        var services = new ServiceCollection();
        services.AddLogging();
        runtime.AddTo(services);
        foreach (var job in Jobs.Values) services.AddSingleton<IServiceJob>(job);
        realJobs?.Invoke(services);
        services.AddJobScheduler();
        Provider = services.BuildServiceProvider();
        ServiceSchedule.Schedule(Provider);
    }

    private readonly JuniperFts.Store.WarehouseConnection _owner;

    public TempWarehouse Store { get; }
    public FakeClock Clock { get; }
    public ServiceSettings Settings { get; }
    public Dictionary<string, RecordingJob> Jobs { get; }
    public ServiceProvider Provider { get; }
    public RunLedger Ledger => Provider.GetRequiredService<RunLedger>();
    public JobRunner Runner => Provider.GetRequiredService<JobRunner>();

    /// <summary>Moves the clock to <paramref name="localTime"/> in the service zone and lets Coravel tick there.</summary>
    public async Task TickAt(LocalDateTime localTime)
    {
        var instant = localTime.InZoneLeniently(Settings.Zone).ToInstant();
        Clock.Reset(instant);
        await ((Scheduler)Provider.GetRequiredService<IScheduler>()).RunAtAsync(instant.ToDateTimeUtc());
    }

    /// <summary>Sets the clock to <paramref name="localTime"/> in the service zone.</summary>
    public void SetClock(LocalDateTime localTime) => Clock.Reset(localTime.InZoneLeniently(Settings.Zone).ToInstant());

    public void Dispose()
    {
        Provider.Dispose();
        _owner.Dispose();
        Store.Dispose();
    }
}
