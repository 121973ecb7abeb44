using DuckDB.NET.Data;
using JuniperFts.Ingest.Store;

namespace JuniperFts.Ingest.Tests.Support;

/// <summary>
/// Inserts rows straight into the warehouse tables with sensible defaults, so a test states only
/// what matters to it. Instants are UTC <see cref="DateTime"/>s; dates are "yyyy-MM-dd".
/// </summary>
/// <remarks>Rows are written with batch 0. Use ingest of a drop folder for tests of ingest itself.</remarks>
public sealed class Seed(Warehouse warehouse)
{
    public Seed Account(string id, string country = "US", string? serviceManager = "sm@vendor.example", string? name = null) =>
        Insert("INSERT INTO accounts VALUES ($1,$2,$3,$4,0)", id, name ?? "Account " + id, country, serviceManager);

    public Seed Site(string id, string account, string country = "US", string? primaryContact = "ops@example.com") =>
        Insert("INSERT INTO sites VALUES ($1,$2,$3,$4,$5,0)", id, account, "Site " + id, country, primaryContact);

    public Seed Contract(string id, string account, string site, string sku = "SVC-FTS-24x7", string centre = "SUNNYVALE",
        string start = "2025-01-01", string end = "2026-12-31", string currency = "USD", bool coTerm = false) =>
        Insert("INSERT INTO contracts VALUES ($1,$2,$3,$4,$5,CAST($6 AS DATE),CAST($7 AS DATE),$8,$9,0)", id, account, site, sku, centre, start, end, currency, coTerm);

    public Seed Unit(string serial, string contract, string from, string? to = null, decimal annualFee = 1000m,
        string model = "MX204", string platform = "Routing", string? endOfSupport = null, bool grayMarket = false) =>
        Insert("INSERT INTO installed_base VALUES ($1,$2,$3,$4,CAST($5 AS DATE),CAST($6 AS DATE),$7,CAST($8 AS DATE),$9,0)",
            serial, contract, model, platform, from, to, annualFee, endOfSupport, grayMarket);

    public Seed Representative(string account, string email, string name = "Rep", string? certification = null) =>
        Insert("INSERT INTO representatives VALUES ($1,$2,$3,$4,0)", account, email, name, certification);

    public Seed Engineer(string id, string centre = "SUNNYVALE", string platforms = "Routing;Switching", string? name = null) =>
        Insert("INSERT INTO engineers VALUES ($1,$2,$3,$4,$5,0)", id, name ?? "Engineer " + id, id.ToLowerInvariant() + "@vendor.example", centre, platforms);

    public Seed Case(string number, string account, string site, string? serial, string priority, DateTime createdUtc,
        DateTime? firstResponseUtc = null, DateTime? resolvedUtc = null, string? exclusion = null, string? engineer = null, string? title = null) =>
        Insert("INSERT INTO cases VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,0)",
            number, account, site, serial, priority, Utc(createdUtc), Utc(firstResponseUtc), Utc(resolvedUtc), exclusion, engineer, title ?? "Case " + number);

    public Seed Event(string caseNumber, DateTime atUtc, string kind, string? value = null) =>
        Insert("INSERT INTO case_events VALUES ($1,$2,$3,$4,0)", caseNumber, Utc(atUtc), kind, value);

    public Seed Holiday(string centre, string date, string name = "Holiday") =>
        Insert("INSERT INTO holidays VALUES ($1,CAST($2 AS DATE),$3,0)", centre, date, name);

    private static DateTime? Utc(DateTime? t) =>
        t is null ? null : t.Value.Kind == DateTimeKind.Local ? throw new ArgumentException("Pass UTC instants.") : DateTime.SpecifyKind(t.Value, DateTimeKind.Unspecified);

    private Seed Insert(string sql, params object?[] values)
    {
        using var c = warehouse.Connect();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var v in values) cmd.Parameters.Add(new DuckDBParameter(v ?? DBNull.Value));
        cmd.ExecuteNonQuery();
        return this;
    }
}
