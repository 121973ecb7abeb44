using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Domain.Tests.Sla;

/// <summary>Test data for the SLA rules: each test states only what matters to it.</summary>
internal static class Some
{
    public static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    /// <summary>The built-in rules with the built-in centres' calendars (no holidays unless given).</summary>
    public static SlaRules Rules(params (string Centre, string Date)[] holidays)
    {
        var calendars = ReferenceData.BuiltIn.Centres.Values.ToDictionary(
            c => c.Code,
            c => BusinessCalendar.From(c.Calendar, holidays.Where(h => h.Centre == c.Code).Select(h => Date(h.Date))));
        return new SlaRules(ReferenceData.BuiltIn, code => calendars[code]);
    }

    public static CaseFacts Case(string created, string? response = null, string priority = "P1", string? exclusion = null,
        string? serial = "SN1", string? resolved = null, params CaseEvent[] events)
    {
        Priorities.TryParse(priority, out var p);
        return new CaseFacts("C1", "A1", serial, p, At(created), response is null ? null : At(response),
            resolved is null ? null : At(resolved), exclusion, events);
    }

    public static CaseEvent Event(string at, string kind, string? value = null) => new(At(at), kind, value);

    public static CoveredUnit Unit(string contract = "K1", string sku = "SVC-FTS-BD", string centre = "HERNDON",
        string start = "2025-01-01", string end = "2026-12-31", string coveredFrom = "2025-01-01", string? coveredTo = null,
        string? endOfSupport = null, bool grayMarket = false, string platform = "Routing") =>
        new(contract, sku, centre, Date(start), Date(end), Date(coveredFrom), coveredTo is null ? null : Date(coveredTo),
            endOfSupport is null ? null : Date(endOfSupport), grayMarket, platform);
}
