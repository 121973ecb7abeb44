using NodaTime;

namespace JuniperFts.Store.Ledgers;

/// <summary>One attempt of a job for a period key, as the ledger holds it.</summary>
public sealed record JobRun(
    long RunId, string Job, string PeriodKey, int Attempt, string Trigger, Instant StartedAt, Instant? FinishedAt,
    string Status, IReadOnlyList<string> OutputPaths, string? Error);

/// <summary>What the ledger knows about one period key of one job (<see cref="Attempts"/> leaves out stopped runs and those that used no try).</summary>
public readonly record struct PeriodHistory(bool Succeeded, int Attempts, bool Running);

/// <summary>Statuses of a ledger row.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>Ended by a stop of the service at a safe point; not a try: the period runs again at the next start.</summary>
    public const string Stopped = "stopped";
}

/// <summary>The run ledger (tables <c>job_runs</c> and <c>job_successes</c> of migration 005).</summary>
/// <remarks>
/// A success is recorded by inserting into <c>job_successes</c>, whose primary key (job, period key) makes a
/// second success of one period key impossible even if two runs raced past the scheduler's guards.
/// </remarks>
public sealed class RunLedger(Warehouse warehouse)
{
    /// <summary>What is recorded for <paramref name="job"/> and <paramref name="periodKey"/>.</summary>
    public PeriodHistory History(string job, string periodKey)
    {
        using var c = warehouse.Connect();
        return c.Query("""
            SELECT count(*) FILTER (WHERE status = 'succeeded'), count(*) FILTER (WHERE status <> 'stopped' AND uses_try), count(*) FILTER (WHERE status = 'running')
            FROM job_runs WHERE job = $job AND period_key = $key
            """, r => new PeriodHistory(r.Long(0) > 0, (int)r.Long(1), r.Long(2) > 0), ("job", job), ("key", periodKey)).Single();
    }

    /// <summary>Records the start of an attempt and returns its run id.</summary>
    public long Start(string job, string periodKey, int attempt, string trigger, Instant startedAt)
    {
        using var c = warehouse.Connect();
        return c.Scalar<long>("""
            INSERT INTO job_runs (job, period_key, attempt, run_trigger, started_at, status)
            VALUES ($job, $key, $attempt, $trigger, $at, 'running') RETURNING run_id
            """, ("job", job), ("key", periodKey), ("attempt", attempt), ("trigger", trigger), ("at", startedAt));
    }

    /// <summary>Marks run <paramref name="runId"/> succeeded; false (and the run failed) when its period key already has a success.</summary>
    public bool Succeed(long runId, Instant finishedAt, IReadOnlyList<string> outputs)
    {
        using var c = warehouse.Connect();
        using var tx = c.BeginTransaction();
        try
        {
            c.Execute("INSERT INTO job_successes (job, period_key, run_id) SELECT job, period_key, run_id FROM job_runs WHERE run_id = $id", ("id", runId));
            Finish(c, runId, RunStatus.Succeeded, finishedAt, outputs, null);
            tx.Commit();
            return true;
        }
        catch (Exception e) when (WarehouseConnection.IsDuplicateKey(e))
        {
            tx.Rollback();
            Fail(runId, finishedAt, "this period key already has a successful run", outputs);
            return false;
        }
    }

    /// <summary>Marks run <paramref name="runId"/> failed with a one-line <paramref name="error"/>.</summary>
    /// <param name="usesTry">False for a failure that was the machine's (a full disk): the period keeps its tries.</param>
    public void Fail(long runId, Instant finishedAt, string error, IReadOnlyList<string>? outputs = null, bool usesTry = true)
    {
        using var c = warehouse.Connect();
        Finish(c, runId, RunStatus.Failed, finishedAt, outputs ?? [], error);
        if (!usesTry) c.Execute("UPDATE job_runs SET uses_try = false WHERE run_id = $id", ("id", runId));
    }

    /// <summary>Marks run <paramref name="runId"/> stopped at <paramref name="stoppedAt"/>, the instant the stop was asked for.</summary>
    public void Stop(long runId, Instant stoppedAt)
    {
        using var c = warehouse.Connect();
        Finish(c, runId, RunStatus.Stopped, stoppedAt, [], "stopped: the service was asked to stop; the period runs again at the next start");
    }

    /// <summary>Marks runs left "running" by a killed process as failed; returns how many there were.</summary>
    public int AbandonUnfinished(Instant now)
    {
        using var c = warehouse.Connect();
        return c.Execute("""
            UPDATE job_runs SET status = 'failed', finished_at = $at, error = 'interrupted: the service stopped during the run'
            WHERE status = 'running'
            """, ("at", now));
    }

    /// <summary>The period key of the latest successful run of <paramref name="job"/>, by start time.</summary>
    public string? LastSucceededPeriod(string job)
    {
        using var c = warehouse.Connect();
        return c.Scalar<string>("""
            SELECT period_key FROM job_runs WHERE job = $job AND status = 'succeeded' ORDER BY started_at DESC, run_id DESC LIMIT 1
            """, ("job", job));
    }

    /// <summary>The latest attempt of each job that has run at all.</summary>
    public IReadOnlyList<JobRun> LatestPerJob() => Query("""
        SELECT * FROM job_runs QUALIFY row_number() OVER (PARTITION BY job ORDER BY started_at DESC, run_id DESC) = 1 ORDER BY job
        """);

    /// <summary>The most recent <paramref name="limit"/> attempts, newest first.</summary>
    public IReadOnlyList<JobRun> Recent(int limit) => Query($"SELECT * FROM job_runs ORDER BY started_at DESC, run_id DESC LIMIT {limit}");

    /// <summary>Every attempt of <paramref name="job"/>, oldest first.</summary>
    public IReadOnlyList<JobRun> Runs(string job) => Query("SELECT * FROM job_runs WHERE job = $job ORDER BY run_id", ("job", job));

    private List<JobRun> Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var c = warehouse.Connect();
        return c.Query("SELECT run_id, job, period_key, attempt, run_trigger, started_at, finished_at, status, output_paths, error FROM (" + sql + ")",
            r => new JobRun(
                r.Long(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Instant(5), r.InstantOrNull(6), r.Text(7),
                r.TextOrNull(8)?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [],
                r.TextOrNull(9)), parameters);
    }

    private static void Finish(WarehouseConnection c, long runId, string status, Instant at, IReadOnlyList<string> outputs, string? error) =>
        c.Execute("""
            UPDATE job_runs SET status = $status, finished_at = $at, output_paths = $outputs, error = $error WHERE run_id = $id
            """, ("status", status), ("at", at), ("outputs", outputs.Count == 0 ? null : string.Join('\n', outputs)), ("error", error), ("id", runId));
}
