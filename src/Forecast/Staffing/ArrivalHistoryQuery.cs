using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Forecast.Staffing;

/// <summary>Reads when cases arrived at each centre, and the centres' calendars, for the hour-of-week profile.</summary>
public static class ArrivalHistoryQuery
{
    /// <summary>
    /// Accepted cases created in [<paramref name="from"/>, <paramref name="to"/>) per centre, creation priority, window and
    /// quarter hour (UTC): every zone offset in use is whole quarter hours, so each bucket lies in one local hour.
    /// </summary>
    /// <remarks>Centre and window come from the site's contract with the latest start, as the forecast's region does; an unknown SKU counts as 24x7.</remarks>
    public static IReadOnlyList<ArrivalCount> Load(Warehouse warehouse, ReferenceData reference, Instant from, Instant to)
    {
        using var c = warehouse.Connect();
        var rows = c.Query($"""
            WITH {WorkloadHistoryQuery.SiteCentre}
            SELECT sc.support_center, sc.sku, k.priority, time_bucket(INTERVAL 15 MINUTE, k.created_at), count(*)
            FROM cases k JOIN site_centre sc ON sc.site_id = k.site_id
            WHERE k.created_at >= $from AND k.created_at < $to
            GROUP BY ALL
            """, r => (Centre: r.Text(0), Sku: r.TextOrNull(1), Priority: r.Text(2), At: r.Instant(3), Cases: r.Long(4)), ("from", from), ("to", to));
        var arrivals = new List<ArrivalCount>(rows.Count);
        foreach (var row in rows)
            if (Priorities.TryParse(row.Priority, out var priority))
                arrivals.Add(new ArrivalCount(row.Centre, priority, reference.FindSku(row.Sku)?.Window ?? ServiceWindow.AroundTheClock, row.At, row.Cases));
        return arrivals;
    }
}
