using Microsoft.Extensions.DependencyInjection;

namespace JuniperFts.Scheduling.Jobs;

/// <summary>The jobs in this build, registered for the <see cref="JobRunner"/>.</summary>
public static class ServiceJobs
{
    /// <summary>Registers every job whose feature is on main.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<IServiceJob, IngestJob>();
        services.AddSingleton<IServiceJob, SlaRefreshJob>();
        services.AddSingleton<IServiceJob, TrueUpJob>();
        services.AddSingleton<IServiceJob, ForecastJob>();
        services.AddSingleton<IServiceJob, ReviewPacksJob>();
    }
}
