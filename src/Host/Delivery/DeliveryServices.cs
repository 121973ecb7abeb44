using JuniperFts.Domain.Reference;
using JuniperFts.Host.Service;
using JuniperFts.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Host.Delivery;

/// <summary>Registers scheduled delivery in <c>fts serve</c>: after the jobs' successes and at start-up.</summary>
public static class DeliveryServices
{
    /// <summary>Adds the delivery ledger, the report finder and <see cref="Deliveries"/> as a follow-up of the jobs and of the start-up catch-up.</summary>
    /// <remarks>Needs <see cref="DeliverySettings"/> registered beside it (<c>fts serve</c> registers the validated settings).</remarks>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton(p => new PeriodReportFiles(
            p.GetRequiredService<Warehouse>(), p.GetRequiredService<ReferenceData>(), p.GetRequiredService<IConfiguration>(),
            p.GetRequiredService<IClock>(), p.GetRequiredService<ServiceSettings>().OutFolder));
        services.AddSingleton<Deliveries>();
        services.AddSingleton<IAfterJobSuccess>(p => p.GetRequiredService<Deliveries>());
        services.AddSingleton<ICatchUpAtStart, DeliveryCatchUp>();
    }

    /// <summary>At start-up: marks interrupted sends as failed tries and resumes the deliveries still owed.</summary>
    private sealed class DeliveryCatchUp(Deliveries deliveries, RunLedger runs) : ICatchUpAtStart
    {
        public Task CatchUpAsync(CancellationToken cancellation) => deliveries.CatchUpAsync(runs, cancellation);
    }
}
