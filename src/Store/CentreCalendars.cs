using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Store;

/// <summary>The support centres' calendars as the warehouse knows them: the configured hours plus the <c>holidays</c> rows.</summary>
public static class CentreCalendars
{
    /// <summary>Every configured centre's calendar with its holidays added: all of them, or those from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static Dictionary<string, BusinessCalendar> Read(WarehouseConnection connection, ReferenceData reference, LocalDate? from = null, LocalDate? to = null)
    {
        var holidays = Holidays(connection, from, to).ToLookup(h => h.Centre, h => h.Date, StringComparer.Ordinal);
        return reference.Centres.Values.ToDictionary(c => c.Code, c => BusinessCalendar.From(c.Calendar, holidays[c.Code]), StringComparer.Ordinal);
    }

    /// <summary>The <c>holidays</c> rows (centre and date): all of them, or those from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static List<(string Centre, LocalDate Date)> Holidays(WarehouseConnection connection, LocalDate? from = null, LocalDate? to = null) =>
        from is { } f && to is { } t
            ? connection.Query("SELECT support_center, date FROM holidays WHERE date BETWEEN $from AND $to", Row, ("from", f), ("to", t))
            : connection.Query("SELECT support_center, date FROM holidays", Row);

    private static (string Centre, LocalDate Date) Row(StoredRow r) => (r.Text(0), r.Date(1));
}
