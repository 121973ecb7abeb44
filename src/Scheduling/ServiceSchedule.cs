using Coravel;
using Coravel.Invocable;
using Coravel.Scheduling.Schedule.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JuniperFts.Scheduling;

/// <summary>Registers the jobs with Coravel: each job's cron string in the service zone, never overlapping itself.</summary>
public static class ServiceSchedule
{
    /// <summary>Adds Coravel's scheduler and the invocable that runs a job through the <see cref="JobRunner"/>.</summary>
    public static IServiceCollection AddJobScheduler(this IServiceCollection services)
    {
        services.AddScheduler();
        return services;
    }

    /// <summary>Schedules every job that is in the build on its configured cron string.</summary>
    public static void Schedule(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<ServiceSettings>();
        var runner = provider.GetRequiredService<JobRunner>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceSchedule));
        provider.UseScheduler(scheduler =>
        {
            foreach (var plan in settings.Plans.Where(p => runner.Jobs.Contains(p.Job)))
                scheduler.ScheduleWithParams<ScheduledJob>(plan.Job)
                    .Cron(plan.Cron.Expression)
                    .Zoned(settings.ZoneInfo)
                    .PreventOverlapping("fts-job-" + plan.Job);
        })
        .OnError(e => logger.LogError("A scheduled job crashed outside its run: {Error}", e.GetType().Name + ": " + e.Message));
    }
}

/// <summary>The Coravel invocable of one job: asks the runner to run the job's due period.</summary>
public sealed class ScheduledJob(string job, JobRunner runner) : IInvocable, ICancellableInvocable
{
    /// <inheritdoc />
    public CancellationToken CancellationToken { get; set; }

    /// <inheritdoc />
    public Task Invoke() => runner.RunDueAsync(job, JobRunner.ScheduleTrigger, CancellationToken);
}

/// <summary>Work that resumes at start-up what a stop interrupted, after the jobs' own catch-up.</summary>
public interface ICatchUpAtStart
{
    Task CatchUpAsync(CancellationToken cancellation);
}

/// <summary>At start-up, runs once every due time that was missed while the service was down.</summary>
/// <remarks>Then the follow-ups that catch up themselves (deliveries still owed for the latest periods).</remarks>
public sealed class CatchUpAtStart(JobRunner runner, IEnumerable<ICatchUpAtStart> followUps, ILogger<CatchUpAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.CatchUpAsync(stoppingToken);
            foreach (var followUp in followUps) await followUp.CatchUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Start-up catch-up stopped with the service");
        }
    }
}
