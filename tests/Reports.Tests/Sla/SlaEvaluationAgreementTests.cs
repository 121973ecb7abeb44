using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Sla;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.Tests.Sla;

/// <summary>
/// The set-based evaluation in DuckDB (<see cref="SlaRefresh"/>) agrees, case by case and column by column, with
/// the domain rules (<see cref="SlaRules"/>, <see cref="ResolutionTime"/>) on random estates full of edges:
/// several contracts per serial across centres and SKUs, creation around local midnight, opening and closing
/// times and daylight-saving changes, holidays, responses in closed hours, priority changes on both sides of
/// the response, customer waits with events at the same instant, exclusions, end of support, gray market.
/// </summary>
public class SlaEvaluationAgreementTests
{
    private static readonly ReferenceData Reference = ReferenceData.BuiltIn;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StoredEvaluations_EqualTheDomainRules_OnARandomEstate(int seed)
    {
        using var temp = new TempWarehouse();
        var estate = Estate.Generate(new Random(seed), cases: 2500);
        estate.Write(temp.Warehouse, batch: 0);

        Assert.Equal(estate.Cases.Count, SlaRefresh.RunAll(temp.Warehouse, Reference));

        AssertAgrees(temp.Warehouse, estate);
    }

    [Fact]
    public void IncrementalRefresh_AfterNewEventsAndAHoliday_StillEqualsTheDomainRules()
    {
        using var temp = new TempWarehouse();
        var random = new Random(7);
        var estate = Estate.Generate(random, cases: 1500);
        estate.Write(temp.Warehouse, batch: 0);
        SlaRefresh.Run(temp.Warehouse, Reference);

        // A later batch: priority changes on some cases, and a holiday on a busy date of every centre.
        var later = estate.WithLaterBatch(random);
        later.WriteChanges(temp.Warehouse, batch: 1);
        Assert.True(SlaRefresh.Run(temp.Warehouse, Reference) > 0);

        AssertAgrees(temp.Warehouse, later);
    }

    private static void AssertAgrees(Warehouse warehouse, Estate estate)
    {
        var stored = Stored(warehouse);
        var calendars = Reference.Centres.Values.ToDictionary(c => c.Code,
            c => BusinessCalendar.From(c.Calendar, estate.Holidays.Where(h => h.Centre == c.Code).Select(h => h.Date)), StringComparer.Ordinal);
        var rules = new SlaRules(Reference, code => calendars[code]);

        var mismatches = new List<string>();
        var eligible = 0;
        foreach (var facts in estate.Facts())
        {
            var verdict = rules.Evaluate(facts, estate.UnitsOf(facts));
            if (verdict.IsEligible) eligible++;
            var expected = Expected(verdict);
            var actual = stored[facts.CaseNumber];
            for (var i = 0; i < Columns.Length; i++)
                if (!Equals(expected[i], actual[i]))
                    mismatches.Add($"{facts.CaseNumber} {Columns[i]}: rules {expected[i] ?? "NULL"}, stored {actual[i] ?? "NULL"}");
        }
        Assert.Equal(estate.Cases.Count, stored.Count);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differences, e.g.\n{string.Join('\n', mismatches.Take(15))}");
        Assert.True(eligible > estate.Cases.Count / 4, $"only {eligible} eligible cases: the estate tests too little");
    }

    private static readonly string[] Columns =
    [
        "excluded_reason", "priority", "contract_id", "platform", "service_window", "region", "support_center", "after_hours",
        "target_seconds", "response_seconds", "response_met", "due_at", "quarter", "resolution_seconds",
    ];

    // The stored row as the rules would write it: the same columns, units and roundings.
    private static object?[] Expected(SlaVerdict v) =>
    [
        v.ExcludedReason, v.Priority.Code(), v.Unit?.ContractId, v.Unit?.Platform, v.Sku?.Window.Code(), v.Centre?.Region, v.Centre?.Code,
        v.AfterHours, v.Target is { } t ? (long)t.TotalSeconds : null,
        v.IsEligible && v.ResponseElapsed is { } e ? SlaSeconds.RoundedUp(e) : null,
        v.IsEligible && v.ResponseElapsed is { } e2 ? e2 <= v.Target : null,
        v.DueAt,
        v.Quarter.ToString(),
        v.Resolution is { } r ? r.BclCompatibleTicks / TimeSpan.TicksPerSecond : null,
    ];

    private static Dictionary<string, object?[]> Stored(Warehouse warehouse)
    {
        using var c = warehouse.Connect();
        return c.Query($"SELECT case_number, {string.Join(", ", Columns)} FROM sla_evaluations",
                r => (Case: r.Text(0), Row: Enumerable.Range(1, Columns.Length).Select(r.Value).ToArray()))
            .ToDictionary(x => x.Case, x => x.Row, StringComparer.Ordinal);
    }

    private sealed record ContractRow(string Id, string Account, string Sku, string Centre, LocalDate Start, LocalDate End);

    private sealed record UnitRow(string Serial, string Contract, string Platform, LocalDate From, LocalDate? To, LocalDate? EndOfSupport, bool GrayMarket);

    private sealed record CaseRow(string Number, string Account, string? Serial, string Priority, Instant Created,
        Instant? Response, Instant? Resolved, string? Exclusion);

    private sealed record EventRow(string Case, Instant At, string Kind, string? Value);

    private sealed record HolidayRow(string Centre, LocalDate Date);

    /// <summary>A random estate: the rows written to the warehouse, and the same rows as the rules' inputs.</summary>
    private sealed record Estate(List<ContractRow> Contracts, List<UnitRow> Units, List<CaseRow> Cases, List<EventRow> Events,
        List<HolidayRow> Holidays, List<EventRow> NewEvents, List<HolidayRow> NewHolidays)
    {
        private static readonly string[] Skus = Reference.Skus.Keys.Order(StringComparer.Ordinal).ToArray();
        private static readonly string[] Centres = Reference.Centres.Keys.Order(StringComparer.Ordinal).ToArray();
        private static readonly string[] Platforms = ["Routing", "Switching", "Security", "Software"];
        private static readonly LocalDate First = new(2025, 1, 1);

        public static Estate Generate(Random random, int cases)
        {
            var contracts = new List<ContractRow>();
            var units = new List<UnitRow>();
            const int accounts = 12;
            for (var a = 0; a < accounts; a++)
            {
                for (var k = 0; k < 1 + random.Next(3); k++)
                {
                    var start = First.PlusDays(random.Next(400));
                    var contract = new ContractRow($"K{a}-{k}", $"A{a}", Skus[random.Next(Skus.Length)], Centres[random.Next(Centres.Length)],
                        start, start.PlusDays(30 + random.Next(800)));
                    contracts.Add(contract);
                    for (var s = 0; s < 6; s++)
                    {
                        if (random.Next(3) == 0) continue;
                        var from = start.PlusDays(random.Next(-10, 60));
                        units.Add(new UnitRow($"A{a}-SN{s}", contract.Id, Platforms[random.Next(Platforms.Length)], from,
                            random.Next(4) == 0 ? from.PlusDays(random.Next(500)) : null,
                            random.Next(10) == 0 ? First.PlusDays(random.Next(700)) : null,
                            random.Next(20) == 0));
                    }
                }
            }

            var holidays = Centres.SelectMany(c => Enumerable.Range(0, 10).Select(_ => new HolidayRow(c, First.PlusDays(random.Next(730)))))
                .DistinctBy(h => (h.Centre, h.Date)).ToList();

            var rows = new List<CaseRow>();
            var events = new List<EventRow>();
            for (var i = 0; i < cases; i++)
            {
                var account = random.Next(accounts);
                var own = contracts.Where(k => k.Account == $"A{account}").ToList();
                var created = CreatedNear(random, own[random.Next(own.Count)]);
                var priority = 1 + random.Next(4);
                Instant? response = random.Next(10) switch
                {
                    0 => null,
                    1 => created,
                    2 => created + Duration.FromSeconds(Reference.TargetFor((Priority)priority) + random.Next(2)), // on target, one second over

                    _ => created + Duration.FromSeconds(random.Next(4 * 86400)) + Duration.FromTicks(random.Next(1_000_000) * 10L),
                };
                Instant? resolved = random.Next(5) == 0 ? null : (response ?? created) + Duration.FromSeconds(random.Next(10 * 86400));
                var number = $"C{i:D5}";
                rows.Add(new CaseRow(number, $"A{account}",
                    random.Next(25) switch { 0 => null, 1 => $"A{account}-SNX", _ => $"A{account}-SN{random.Next(6)}" },
                    $"P{priority}", created, response, resolved,
                    random.Next(30) == 0 ? ExclusionReasons.CaseExclusions[random.Next(3)] : null));

                if (random.Next(4) == 0)
                {
                    // Priority changes before and after the response, some at the same second as it.
                    var pivot = response ?? created + Duration.FromHours(2);
                    foreach (var at in new[] { pivot - Duration.FromMinutes(random.Next(1, 90)), pivot, pivot + Duration.FromMinutes(random.Next(1, 90)) })
                        if (at > created && random.Next(2) == 0) events.Add(new EventRow(number, at, CaseEventKinds.PriorityChanged, $"P{1 + random.Next(4)}"));
                }
                if (resolved is { } end && random.Next(4) == 0)
                {
                    var at = created;
                    for (var e = 0; e < 1 + random.Next(4); e++)
                    {
                        at += Duration.FromSeconds(random.Next(3) == 0 ? 0 : random.Next(86400));
                        var kind = random.Next(2) == 0 ? CaseEventKinds.AwaitingCustomer : CaseEventKinds.CustomerResponded;
                        events.Add(new EventRow(number, at, kind, null));
                        if (random.Next(5) == 0) // the other kind at the very same instant
                            events.Add(new EventRow(number, at, kind == CaseEventKinds.AwaitingCustomer ? CaseEventKinds.CustomerResponded : CaseEventKinds.AwaitingCustomer, null));
                    }
                }
            }
            return new Estate(contracts, units, rows, events.DistinctBy(e => (e.Case, e.At, e.Kind)).ToList(), holidays, [], []);
        }

        // Creation clustered on the instants the rules are sensitive to, in the zone of one of the account's contracts:
        // the contract's first and last local day, local midnight, opening and closing hours, and daylight-saving changes.
        private static Instant CreatedNear(Random random, ContractRow contract)
        {
            var zone = DateTimeZoneProviders.Tzdb[Reference.Centres[contract.Centre].TimeZone];
            // A fifth exactly on the hour: opening, closing and midnight themselves.
            var jitter = random.Next(5) == 0 ? Duration.Zero
                : Duration.FromSeconds(random.Next(-5400, 5400)) + Duration.FromTicks(random.Next(1_000_000) * 10L);
            var date = random.Next(5) switch
            {
                0 => contract.Start,
                1 => contract.End.PlusDays(random.Next(2)),
                _ => contract.Start.PlusDays(random.Next(Period.DaysBetween(contract.Start, contract.End) + 1)),
            };
            if (random.Next(8) == 0)
            {
                var changes = zone.GetZoneIntervals(First.AtStartOfDayInZone(zone).ToInstant(), Instant.FromUtc(2027, 1, 1, 0, 0))
                    .Skip(1).Select(z => z.Start).ToList();
                if (changes.Count > 0) return changes[random.Next(changes.Count)] + jitter;
            }
            var hour = random.Next(4) switch { 0 => 0, 1 => 8, 2 => 17, _ => random.Next(24) };
            return date.At(new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant() + jitter;
        }

        public Estate WithLaterBatch(Random random)
        {
            var changed = Cases.Where(_ => random.Next(10) == 0).Select(c =>
                new EventRow(c.Number, c.Created + Duration.FromMinutes(1 + random.Next(60)), CaseEventKinds.PriorityChanged, $"P{1 + random.Next(4)}"));
            var newEvents = changed.Where(e => !Events.Any(x => x.Case == e.Case && x.At == e.At && x.Kind == e.Kind)).ToList();
            var busiest = Cases.GroupBy(c => c.Created.InUtc().Date).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var newHolidays = Centres.Select(c => new HolidayRow(c, busiest)).Where(h => !Holidays.Contains(h)).ToList();
            return this with { Events = [.. Events, .. newEvents], Holidays = [.. Holidays, .. newHolidays], NewEvents = newEvents, NewHolidays = newHolidays };
        }

        public IEnumerable<CaseFacts> Facts()
        {
            var byCase = Events.ToLookup(e => e.Case);
            return Cases.Select(c => new CaseFacts(c.Number, c.Account, c.Serial, Enum.Parse<Priority>(c.Priority), c.Created, c.Response, c.Resolved,
                c.Exclusion, byCase[c.Number].Select(e => new CaseEvent(e.At, e.Kind, e.Value)).ToList()));
        }

        public IReadOnlyList<CoveredUnit> UnitsOf(CaseFacts facts) =>
            (from u in Units
             join k in Contracts on u.Contract equals k.Id
             where u.Serial == facts.SerialNumber && k.Account == facts.AccountId
             select new CoveredUnit(k.Id, k.Sku, k.Centre, k.Start, k.End, u.From, u.To, u.EndOfSupport, u.GrayMarket, u.Platform)).ToList();

        public void Write(Warehouse warehouse, long batch)
        {
            using var c = warehouse.Connect();
            foreach (var a in Contracts.Select(k => k.Account).Distinct())
            {
                c.Insert("accounts", ("account_id", a), ("name", a), ("country", "US"), ("batch_id", batch));
                c.Insert("sites", ("site_id", "S" + a), ("account_id", a), ("name", "S" + a), ("country", "US"), ("batch_id", batch));
            }
            using (var ap = c.Appender("contracts"))
                foreach (var k in Contracts)
                    ap.Row().Add(k.Id).Add(k.Account).Add("S" + k.Account).Add(k.Sku).Add(k.Centre)
                        .Add(k.Start).Add(k.End).Add("USD").Add(false).Add(batch).End();
            using (var ap = c.Appender("installed_base"))
                foreach (var u in Units)
                    ap.Row().Add(u.Serial).Add(u.Contract).Add("MX204").Add(u.Platform)
                        .Add(u.From).Add(u.To).Add(1000m).Add(u.EndOfSupport)
                        .Add(u.GrayMarket).Add(batch).End();
            using (var ap = c.Appender("cases"))
                foreach (var k in Cases)
                    ap.Row().Add(k.Number).Add(k.Account).Add("S" + k.Account).Add(k.Serial).Add(k.Priority)
                        .Add(k.Created).Add(k.Response).Add(k.Resolved).Add(k.Exclusion)
                        .Add("E1").Add("Case " + k.Number).Add(batch).End();
            AppendEvents(c, Events, batch);
            AppendHolidays(c, Holidays, batch);
        }

        public void WriteChanges(Warehouse warehouse, long batch)
        {
            using var c = warehouse.Connect();
            AppendEvents(c, NewEvents, batch);
            AppendHolidays(c, NewHolidays, batch);
        }

        private static void AppendEvents(WarehouseConnection c, IEnumerable<EventRow> events, long batch)
        {
            using var ap = c.Appender("case_events");
            foreach (var e in events)
                ap.Row().Add(e.Case).Add(e.At).Add(e.Kind).Add(e.Value).Add(batch).End();
        }

        private static void AppendHolidays(WarehouseConnection c, IEnumerable<HolidayRow> holidays, long batch)
        {
            using var ap = c.Appender("holidays");
            foreach (var h in holidays)
                ap.Row().Add(h.Centre).Add(h.Date).Add("Holiday").Add(batch).End();
        }
    }
}
