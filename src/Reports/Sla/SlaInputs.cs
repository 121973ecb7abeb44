using DuckDB.NET.Data;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Store;
using NodaTime;

namespace JuniperFts.Reports.Sla;

/// <summary>Reads the centre calendars, instants and dates from the warehouse.</summary>
internal static class SlaInputs
{
    /// <summary>Every configured centre's calendar with its <c>holidays</c> rows added.</summary>
    public static Dictionary<string, BusinessCalendar> Calendars(DuckDBConnection connection, ReferenceData reference)
    {
        var holidays = new Dictionary<string, List<LocalDate>>(StringComparer.Ordinal);
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT support_center, date FROM holidays";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var centre = r.GetString(0);
                if (!holidays.TryGetValue(centre, out var list)) holidays[centre] = list = [];
                list.Add(DateOf(r, 1));
            }
        }
        return reference.Centres.Values.ToDictionary(
            c => c.Code,
            c => BusinessCalendar.From(c.Calendar, holidays.GetValueOrDefault(c.Code)),
            StringComparer.Ordinal);
    }

    public static Instant InstantOf(DuckDBDataReader r, int ordinal) => StoredTime.ToInstant(r.GetDateTime(ordinal));

    public static LocalDate DateOf(DuckDBDataReader r, int ordinal) => LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(ordinal));
}
