using DuckDB.NET.Data;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using NodaTime;

namespace JuniperFts.Reports.Sla;

/// <summary>Reads what the SLA rules need from the warehouse: centre calendars, installed base, cases and events.</summary>
internal static class SlaInputs
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

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

    /// <summary>The rules over <paramref name="calendars"/>; a centre missing from the configuration is a user mistake.</summary>
    public static SlaRules Rules(ReferenceData reference, Dictionary<string, BusinessCalendar> calendars) =>
        new(reference, code => calendars.TryGetValue(code, out var c) ? c
            : throw new Domain.UserError($"support centre '{code}' of a contract is not in the reference data"));

    /// <summary>Installed-base rows with their contract, keyed by (account, serial).</summary>
    public static Dictionary<(string Account, string Serial), List<CoveredUnit>> Units(DuckDBConnection connection)
    {
        var units = new Dictionary<(string, string), List<CoveredUnit>>();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT k.account_id, u.serial_number, k.contract_id, k.sku, k.support_center, k.start_date, k.end_date,
                   u.covered_from, u.covered_to, u.end_of_support, u.gray_market, u.platform
            FROM installed_base u JOIN contracts k ON k.contract_id = u.contract_id
            """;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!units.TryGetValue(key, out var list)) units[key] = list = [];
            list.Add(new CoveredUnit(
                r.GetString(2), r.GetString(3), r.GetString(4), DateOf(r, 5), DateOf(r, 6), DateOf(r, 7),
                r.IsDBNull(8) ? null : DateOf(r, 8), r.IsDBNull(9) ? null : DateOf(r, 9), r.GetBoolean(10),
                r.IsDBNull(11) ? null : r.GetString(11)));
        }
        return units;
    }

    /// <summary>The events of the cases in <paramref name="caseFilter"/> (a SELECT of case numbers; null: every case), keyed by case.</summary>
    public static Dictionary<string, List<CaseEvent>> Events(DuckDBConnection connection, string? caseFilter)
    {
        var events = new Dictionary<string, List<CaseEvent>>(StringComparer.Ordinal);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""SELECT case_number, "at", kind, value FROM case_events {Where(caseFilter)}""";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var number = r.GetString(0);
            if (!events.TryGetValue(number, out var list)) events[number] = list = [];
            list.Add(new CaseEvent(InstantOf(r, 1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }
        return events;
    }

    /// <summary>
    /// Streams the cases in <paramref name="caseFilter"/> (null: every case) with their facts and <c>rowid</c>;
    /// the columns the rules do not read are copied inside DuckDB by that row id.
    /// </summary>
    public static IEnumerable<(CaseFacts Facts, long RowId)> Cases(
        DuckDBConnection connection, string? caseFilter, Dictionary<string, List<CaseEvent>> events)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"""
            SELECT case_number, account_id, serial_number, priority, created_at, first_response_at,
                   resolved_at, exclusion, rowid
            FROM cases {Where(caseFilter)}
            """;
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var number = r.GetString(0);
            var priorityText = r.GetString(3);
            if (!Priorities.TryParse(priorityText, out var priority))
                throw new Domain.UserError($"case {number}: priority '{priorityText}' is not P1..P4");
            var facts = new CaseFacts(
                number, r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), priority, InstantOf(r, 4),
                r.IsDBNull(5) ? null : InstantOf(r, 5), r.IsDBNull(6) ? null : InstantOf(r, 6),
                r.IsDBNull(7) ? null : r.GetString(7),
                events.TryGetValue(number, out var list) ? list : []);
            yield return (facts, r.GetInt64(8));
        }
    }

    // The whole table needs no semi-join against a list of every case number.
    private static string Where(string? caseFilter) => caseFilter is null ? "" : $"WHERE case_number IN ({caseFilter})";

    public static Instant InstantOf(DuckDBDataReader r, int ordinal) =>
        Instant.FromUnixTimeTicks(r.GetDateTime(ordinal).Ticks - UnixEpochTicks);

    public static DateTime ToTimestamp(Instant instant) =>
        new(instant.ToUnixTimeTicks() + UnixEpochTicks, DateTimeKind.Unspecified);

    private static LocalDate DateOf(DuckDBDataReader r, int ordinal) => LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(ordinal));
}
