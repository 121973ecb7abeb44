using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using NodaTime;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>The SQL status of <see cref="SlaQueries"/> (per case and counted per group) agrees with <see cref="SlaVerdict.StatusAt"/> at every as-of.</summary>
public class SlaStatusAgreementTests
{
    [Fact]
    public void Cases_AcrossTwoDaysAndAtEachEdge_StatusAndElapsedMatchTheDomainRules()
    {
        using var temp = new TempWarehouse();
        var created = new DateTime(2026, 3, 2, 21, 40, 0, DateTimeKind.Utc); // Monday 16:40 EST, 20 minutes before closing
        temp.Seed().Account("A1").Site("S1", "A1")
            .Contract("K1", "A1", "S1", sku: "SVC-FTS-BD", centre: "HERNDON")
            .Unit("SN1", "K1", "2025-01-01")
            .Case("C1", "A1", "S1", "SN1", "P2", created, firstResponseUtc: created.AddHours(12).AddMinutes(5)) // Tuesday 09:05 EST
            .Case("C2", "A1", "S1", "SN1", "P1", created)
            .Case("C3", "A1", "S1", "SN1", "P3", created, firstResponseUtc: created.AddHours(20));
        SlaRefresh.Run(temp.Warehouse, ReferenceData.BuiltIn);
        var queries = new SlaQueries(temp.Warehouse, ReferenceData.BuiltIn);

        var herndon = BusinessCalendar.From(ReferenceData.BuiltIn.Centres["HERNDON"].Calendar);
        var rules = new SlaRules(ReferenceData.BuiltIn, _ => herndon);
        var unit = new CoveredUnit("K1", "SVC-FTS-BD", "HERNDON", new LocalDate(2025, 1, 1), new LocalDate(2026, 12, 31), new LocalDate(2025, 1, 1), null, null, false, "Routing");
        var start = Instant.FromDateTimeUtc(created);
        CaseFacts Facts(string number, Priority p, Duration? response) =>
            new(number, "A1", "SN1", p, start, response is { } r ? start + r : null, null, null, []);
        var verdicts = new[]
        {
            rules.Evaluate(Facts("C1", Priority.P2, Duration.FromMinutes(12 * 60 + 5)), [unit]),
            rules.Evaluate(Facts("C2", Priority.P1, null), [unit]),
            rules.Evaluate(Facts("C3", Priority.P3, Duration.FromHours(20)), [unit]),
        };

        // Every 40 minutes, plus each due instant and response and the second after each.
        var edges = verdicts.SelectMany(v => new[] { v.DueAt, v.FirstResponseAt }).OfType<Instant>()
            .SelectMany(e => new[] { e, e + Duration.FromSeconds(1) });
        var grid = Enumerable.Range(0, 72).Select(k => start + Duration.FromMinutes(40 * k));
        foreach (var asOf in grid.Concat(edges).Distinct())
        {
            var cases = queries.Cases(asOf, new SlaFilter());
            var total = queries.Summary(asOf, [], new SlaFilter()).Single();
            Assert.Equal(
                (cases.Count(c => c.Status == "met"), cases.Count(c => c.Status == "breached"), cases.Count(c => c.Status == "pending")),
                ((int)total.Met, (int)total.Breached, (int)total.Pending));
            for (var i = 0; i < verdicts.Length; i++)
            {
                var expectedElapsed = rules.ElapsedAt(verdicts[i], asOf)!.Value;
                Assert.Equal(
                    (verdicts[i].StatusAt(asOf).Code(), (long)Math.Ceiling(expectedElapsed.TotalSeconds)),
                    (cases[i].Status, cases[i].ElapsedSeconds!.Value));
            }
        }
    }
}
