using JuniperFts.Domain.Reference;
using JuniperFts.Scheduling;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Store.Ledgers;
using JuniperFts.Store;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace JuniperFts.Delivery;

/// <summary>Registers scheduled delivery in <c>fts serve</c>: after the jobs' successes and at start-up.</summary>
public static class DeliveryServices
{
    /// <summary>Adds (over the <see cref="DeliverySettings"/> the host registers) the delivery ledger, the report finder and <see cref="SubscriptionSender"/> as a follow-up of the jobs and of the start-up catch-up.</summary>
    /// <remarks>Packs built here for a delivery never train the forecast (as the review-packs job's).</remarks>
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton(p => new ReportCollector(
            p.GetRequiredService<Warehouse>(), p.GetRequiredService<ReferenceData>(), p.GetRequiredService<ReviewPackOptions>(),
            p.GetRequiredService<SlaWorkbookOptions>(), p.GetRequiredService<IClock>(), p.GetRequiredService<ServiceSettings>().OutFolder));
        services.AddSingleton<SubscriptionSender>();
        services.AddSingleton<IAfterJobSuccess>(p => p.GetRequiredService<SubscriptionSender>());
        services.AddSingleton<ICatchUpAtStart, DeliveryCatchUp>();
    }

    /// <summary>At start-up: marks interrupted sends as failed tries and resumes the deliveries still owed.</summary>
    private sealed class DeliveryCatchUp(SubscriptionSender sender, RunLedger runs) : ICatchUpAtStart
    {
        public Task CatchUpAsync(CancellationToken cancellation) => sender.CatchUpAsync(runs, cancellation);
    }
}
