using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.Sla;

/// <summary>Reads the centre calendars from the warehouse.</summary>
internal static class SlaInputs
{
    /// <summary>Every configured centre's calendar with its <c>holidays</c> rows added.</summary>
    public static Dictionary<string, BusinessCalendar> Calendars(WarehouseConnection connection, ReferenceData reference)
    {
        var holidays = connection.Query("SELECT support_center, date FROM holidays", r => (Centre: r.Text(0), Date: r.Date(1)))
            .GroupBy(h => h.Centre, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.Date).ToList(), StringComparer.Ordinal);
        return reference.Centres.Values.ToDictionary(
            c => c.Code,
            c => BusinessCalendar.From(c.Calendar, holidays.GetValueOrDefault(c.Code)),
            StringComparer.Ordinal);
    }
}
