using NodaTime.Text;

namespace JuniperFts.Store.Tests.Support;

/// <summary>
/// Inserts rows straight into the warehouse tables with sensible defaults, so a test states only
/// what matters to it. Instants are UTC <see cref="DateTime"/>s; dates are "yyyy-MM-dd".
/// </summary>
/// <remarks>Rows are written with batch 0. Use ingest of a drop folder for tests of ingest itself.</remarks>
public sealed class Seed(Warehouse warehouse)
{
    public Seed Account(string id, string country = "US", string? serviceManager = "sm@vendor.example", string? name = null) =>
        Insert("accounts", ("account_id", id), ("name", name ?? "Account " + id), ("country", country), ("service_manager_email", serviceManager));

    public Seed Site(string id, string account, string country = "US", string? primaryContact = "ops@example.com") =>
        Insert("sites", ("site_id", id), ("account_id", account), ("name", "Site " + id), ("country", country), ("primary_contact_email", primaryContact));

    public Seed Contract(string id, string account, string site, string sku = "SVC-FTS-24x7", string centre = "SUNNYVALE",
        string start = "2025-01-01", string end = "2026-12-31", string currency = "USD", bool coTerm = false) =>
        Insert("contracts", ("contract_id", id), ("account_id", account), ("site_id", site), ("sku", sku), ("support_center", centre),
            ("start_date", Date(start)), ("end_date", Date(end)), ("currency", currency), ("co_term", coTerm));

    public Seed Unit(string serial, string contract, string from, string? to = null, decimal annualFee = 1000m,
        string model = "MX204", string platform = "Routing", string? endOfSupport = null, bool grayMarket = false) =>
        Insert("installed_base", ("serial_number", serial), ("contract_id", contract), ("model", model), ("platform", platform),
            ("covered_from", Date(from)), ("covered_to", Date(to)), ("annual_fee", annualFee), ("end_of_support", Date(endOfSupport)), ("gray_market", grayMarket));

    public Seed Representative(string account, string email, string name = "Rep", string? certification = null) =>
        Insert("representatives", ("account_id", account), ("email", email), ("name", name), ("certification", certification));

    public Seed Engineer(string id, string centre = "SUNNYVALE", string platforms = "Routing;Switching", string? name = null) =>
        Insert("engineers", ("engineer_id", id), ("name", name ?? "Engineer " + id), ("email", id.ToLowerInvariant() + "@vendor.example"),
            ("support_center", centre), ("platforms", platforms));

    public Seed Case(string number, string account, string site, string? serial, string priority, DateTime createdUtc,
        DateTime? firstResponseUtc = null, DateTime? resolvedUtc = null, string? exclusion = null, string? engineer = null, string? title = null) =>
        Insert("cases", ("case_number", number), ("account_id", account), ("site_id", site), ("serial_number", serial), ("priority", priority),
            ("created_at", Utc(createdUtc)), ("first_response_at", Utc(firstResponseUtc)), ("resolved_at", Utc(resolvedUtc)),
            ("exclusion", exclusion), ("engineer_id", engineer), ("title", title ?? "Case " + number));

    public Seed Event(string caseNumber, DateTime atUtc, string kind, string? value = null) =>
        Insert("case_events", ("case_number", caseNumber), ("at", Utc(atUtc)), ("kind", kind), ("value", value));

    public Seed Holiday(string centre, string date, string name = "Holiday") =>
        Insert("holidays", ("support_center", centre), ("date", Date(date)), ("name", name));

    private static NodaTime.Instant? Utc(DateTime? t) =>
        t is null ? null : t.Value.Kind == DateTimeKind.Local ? throw new ArgumentException("Pass UTC instants.") : StoredTime.ToInstant(t.Value);

    private static NodaTime.LocalDate? Date(string? text) => text is null ? null : LocalDatePattern.Iso.Parse(text).Value;

    private Seed Insert(string table, params ReadOnlySpan<(string Column, object? Value)> values)
    {
        using var c = warehouse.Connect();
        c.Insert(table, [.. values, ("batch_id", 0L)]);
        return this;
    }
}
