using JuniperFts.Store.Ledgers;

namespace JuniperFts.Delivery;

/// <summary>One delivery of a subscription: the files one recipient gets, in one message or one folder drop.</summary>
/// <param name="Address">A lower-case e-mail address, or the folder's full path.</param>
public sealed record RecipientFiles(string Address, bool IsFolder, IReadOnlyList<DeliveryFile> Files);

/// <summary>Who gets which files of a period's reports.</summary>
/// <param name="Unaddressed">Review packs of accounts without a service manager e-mail, which <c>service-managers</c> cannot deliver.</param>
public sealed record DeliveryPlan(IReadOnlyList<RecipientFiles> Recipients, IReadOnlyList<DeliveryFile> Unaddressed)
{
    /// <summary>
    /// The recipients of <paramref name="subscription"/>: a folder gets every file; an address gets every file; <c>service-managers</c>
    /// gives each service manager the packs of the accounts whose <c>service_manager_email</c> is theirs, and nothing else.
    /// </summary>
    /// <remarks>An address that is both listed and a service manager is one recipient: every file (a listed address asked for all).</remarks>
    public static DeliveryPlan For(Subscription subscription, ReportDocuments reports, IReadOnlyList<AccountContact> accounts)
    {
        if (reports.Files.Count == 0) return new DeliveryPlan([], []);
        if (subscription.Folder is { } folder) return new DeliveryPlan([new RecipientFiles(folder, true, reports.Files)], []);

        var recipients = new List<RecipientFiles>();
        var unaddressed = new List<DeliveryFile>();
        foreach (var to in subscription.To.Where(t => t != Subscription.ServiceManagers))
            recipients.Add(new RecipientFiles(to, false, reports.Files));

        if (subscription.To.Contains(Subscription.ServiceManagers))
        {
            var managerOf = accounts.ToDictionary(a => a.AccountId, a => a.ServiceManagerEmail, StringComparer.Ordinal);
            var byManager = new SortedDictionary<string, List<DeliveryFile>>(StringComparer.Ordinal);
            foreach (var file in reports.Files)
            {
                if (file.AccountId is null) continue; // only account packs go to service managers
                if (managerOf.GetValueOrDefault(file.AccountId) is not { } manager) { unaddressed.Add(file); continue; }
                if (recipients.Any(p => p.Address == manager)) continue;
                if (!byManager.TryGetValue(manager, out var list)) byManager[manager] = list = [];
                list.Add(file);
            }
            recipients.AddRange(byManager.Select(m => new RecipientFiles(m.Key, false, m.Value)));
        }
        return new DeliveryPlan(recipients, unaddressed);
    }
}
