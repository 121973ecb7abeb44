using System.Globalization;
using System.Text;
using JuniperFts.Domain;
using JuniperFts.Domain.Calendars;
using JuniperFts.Ingest.Files;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Ingest.Sample;

/// <summary>
/// Writes a realistic drop folder: accounts over the three regions, renewing contracts of all eight SKUs
/// at every centre with their installed base, representatives, engineers, cases with yearly seasonality
/// and growth, their events, every centre's holidays, and a few rows that break each ingest rule.
/// </summary>
/// <remarks>
/// Deterministic by seed (one seeded <see cref="Random"/>, lists only, no hash ordering). Cases and
/// events are streamed to disk day by day, so memory grows with accounts and units, not with cases.
/// </remarks>
public sealed class SampleDropFolder
{
    private static readonly OffsetDateTimePattern InstantText = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<Z+HH:mm>");
    private static readonly string[] Exclusions = ["maintenance_window", "maintenance_window", "third_party", "modified_code"];

    private readonly Random _rng;
    private readonly SampleOptions _options;
    private readonly List<Account> _accounts = [];
    private readonly List<Engineer> _engineers = [];
    // The support centres' own calendars decide when an 8x5 response clock starts, as the SLA rules do. Their weekly hours only:
    // the sample's holidays are not applied, so the bundled sample-data stays as generated. One set per generator (calendars cache).
    private readonly Dictionary<string, BusinessCalendar> _centreHours = Domain.Reference.ReferenceData.BuiltIn.Centres
        .ToDictionary(c => c.Key, c => BusinessCalendar.From(c.Value.Calendar), StringComparer.Ordinal);
    private int _serials;

    private SampleDropFolder(SampleOptions options)
    {
        _options = options;
        _rng = new Random(options.Seed);
    }

    /// <summary>Writes the nine files into <paramref name="folder"/> and returns the data rows written per file.</summary>
    public static IReadOnlyList<(string File, long Rows)> Write(string folder, SampleOptions options)
    {
        if (options.Cases < 1) throw new UserError($"a sample needs at least one case (got {options.Cases})");
        if (options.To < options.From) throw new UserError($"sample dates run backwards ({options.From:yyyy-MM-dd} to {options.To:yyyy-MM-dd})");
        UserError.OnIo($"cannot create the sample folder {folder}", () => Directory.CreateDirectory(folder));
        // A full disk stops the sample part-way: one line, not a trace (the folder holds what was written).
        return UserError.OnIo($"cannot write the sample into {folder}", () => new SampleDropFolder(options).WriteAll(folder));
    }

    private IReadOnlyList<(string, long)> WriteAll(string folder)
    {
        BuildAccounts();
        BuildEngineers();
        var counts = new List<(string, long)>();
        using (var w = new CsvSink(folder, "accounts", "account_id,name,country,service_manager_email"))
        {
            foreach (var a in _accounts) w.Row(a.Id, a.Name, a.Country, a.ServiceManager);
            if (_options.BadRows)
            {
                w.Row("A9001", "", "US", "sm@vendor.example");                        // missing_field
                w.Row("A9002", "Havana Cable Co", "CU", "sm@vendor.example");          // embargoed_country
                w.Row("A9003", "Persia Datacom", "IR", "");                            // embargoed_country
            }
            counts.Add(w.Done());
        }
        using (var w = new CsvSink(folder, "sites", "site_id,account_id,name,country,primary_contact_email"))
        {
            foreach (var s in _accounts.SelectMany(a => a.Sites)) w.Row(s.Id, s.Account.Id, s.Name, s.Country, s.Contact);
            if (_options.BadRows)
            {
                w.Row("S9001", "A9002", "Havana DC", "CU", "noc@havana.example");     // embargoed_country
                w.Row("S9002", "A9999", "Orphan DC", "US", "noc@orphan.example");     // unknown_account
                w.Row("S9003", "A9003", "Tehran DC", "DE", "noc@persia.example");     // unknown_account (its account was rejected)
            }
            counts.Add(w.Done());
        }
        using (var w = new CsvSink(folder, "contracts", "contract_id,account_id,site_id,sku,support_center,start_date,end_date,currency,co_term"))
        {
            foreach (var c in _accounts.SelectMany(a => a.Contracts))
                w.Row(c.Id, c.Account.Id, c.Site.Id, c.Sku, c.Centre, Date(c.Start), Date(c.End), c.Currency, c.CoTerm ? "true" : "false");
            if (_options.BadRows)
            {
                var a = _accounts[0]; var s = a.Sites[0];
                w.Row("C9001", a.Id, s.Id, "SVC-FTS-GOLD", "SUNNYVALE", "2025-01-01", "2025-12-31", "USD", "false");     // unknown_sku
                w.Row("C9002", a.Id, s.Id, "SVC-FTS-BD", "SUNNYVALE", "2025-02-30", "2026-02-28", "USD", "false");       // bad_date
                w.Row("C9003", a.Id, s.Id, "SVC-FTS-BD", "PARIS", "2025-01-01", "2025-12-31", "EUR", "false");           // unknown_support_center
                w.Row("C9004", a.Id, s.Id, "SVC-FTS-BD", "SUNNYVALE", "2026-01-01", "2025-12-31", "USD", "false");       // bad_range
                w.Row("C9005", a.Id, "S9999", "SVC-FTS-BD", "SUNNYVALE", "2025-01-01", "2025-12-31", "USD", "false");    // unknown_site
                w.Row("C9006", a.Id, s.Id, "SVC-FTS-BD", "SUNNYVALE", "2025-01-01", "", "USD", "false");                 // missing_field
                w.Row("C9007", a.Id, s.Id, "svc-fts-bd", "SUNNYVALE", "2025-01-01", "2025-12-31", "USD", "false");       // unknown_sku (codes are exact)
            }
            counts.Add(w.Done());
        }
        using (var w = new CsvSink(folder, "installed_base", "serial_number,contract_id,model,platform,covered_from,covered_to,annual_fee,end_of_support,gray_market"))
        {
            foreach (var c in _accounts.SelectMany(a => a.Contracts))
                foreach (var u in c.Units)
                    w.Row(u.Serial, c.Id, u.Model, u.Platform, Date(u.From), u.To is { } to ? Date(to) : "", Money(u.Fee),
                        u.EndOfSupport is { } eos ? Date(eos) : "", u.GrayMarket ? "true" : "false");
            if (_options.BadRows)
            {
                var c = _accounts[0].Contracts[0];
                w.Row("JNBAD0001", c.Id, "MX204", "Routing", Date(c.Start), "", "4,200.00", "", "false");       // bad_number
                w.Row("JNBAD0002", c.Id, "WLA532", "Wireless", Date(c.Start), "", "800.00", "", "false");       // unknown_platform
                w.Row("JNBAD0003", "C9999", "MX204", "Routing", "2025-01-01", "", "4200.00", "", "false");     // unknown_contract
                w.Row("JNBAD0004", c.Id, "MX204", "Routing", "2025-06-01", "2025-05-31", "4200.00", "", "no"); // bad_number (a flag)
                w.Row("JNBAD0005", "C9001", "MX204", "Routing", "2025-01-01", "", "4200.00", "", "false");     // unknown_contract (rejected contract)
            }
            counts.Add(w.Done());
        }
        using (var w = new CsvSink(folder, "representatives", "account_id,name,email,certification"))
        {
            foreach (var a in _accounts)
                foreach (var (name, email, cert) in a.Representatives) w.Row(a.Id, name, email, cert);
            if (_options.BadRows)
            {
                w.Row("A9999", "Nobody Known", "nobody@unknown.example", "");   // unknown_account
                w.Row(_accounts[0].Id, "", "blank@x.example", "");              // missing_field
            }
            counts.Add(w.Done());
        }
        using (var w = new CsvSink(folder, "engineers", "engineer_id,name,email,support_center,platforms"))
        {
            foreach (var e in _engineers) w.Row(e.Id, e.Name, e.Email, e.Centre, string.Join(';', e.Platforms));
            if (_options.BadRows)
            {
                w.Row("E9001", "Pierre Lambert", "pierre.lambert@vendor.example", "PARIS", "Routing");        // unknown_support_center
                w.Row("E9002", "Ada Byron", "ada.byron@vendor.example", "TOKYO", "Routing;Wireless");          // unknown_platform
            }
            counts.Add(w.Done());
        }
        WriteCases(folder, counts);
        using (var w = new CsvSink(folder, "holidays", "support_center,date,name"))
        {
            foreach (var (centre, date, name) in SampleHolidays.For(_options.From.Year, _options.To.Year + 1)) w.Row(centre, Date(date), name);
            if (_options.BadRows)
            {
                w.Row("HERNDON", $"{_options.From.Year + 1}-11-11", "Veterans Day");    // conflicting_duplicate
                w.Row("HERNDON", $"{_options.From.Year + 1}-11-11", "Veterans' Day");   // conflicting_duplicate
                w.Row("SUNNYVALE", $"{_options.From.Year + 1}-07-04", "Independence Day"); // identical repeat: accepted
                w.Row("SUNNYVALE", "2025-13-01", "Smarch Day");                          // bad_date
                w.Row("LISBON", "2025-06-13", "Santo António");                         // unknown_support_center
            }
            counts.Add(w.Done());
        }
        return counts;
    }

    // ---- accounts, sites, contracts, installed base, representatives --------------------------------

    private void BuildAccounts()
    {
        var count = Math.Max(30, _options.Cases / 200);
        var places = SampleNames.Places;
        for (var i = 0; i < count; i++)
        {
            // The first accounts take each place in turn, so every country and centre appears.
            var place = i < places.Length ? places[i] : PlaceInRegion(RegionFor(_rng.NextDouble()));
            var root = SampleNames.CompanyRoots[i % SampleNames.CompanyRoots.Length];
            var kind = SampleNames.CompanyKinds[(i / SampleNames.CompanyRoots.Length + i) % SampleNames.CompanyKinds.Length];
            var name = i < SampleNames.CompanyRoots.Length * SampleNames.CompanyKinds.Length ? $"{root} {kind}" : $"{root} {kind} {i}";
            var domain = (root + kind).Replace(" ", "").ToLowerInvariant() + (i >= SampleNames.CompanyRoots.Length ? i.ToString(CultureInfo.InvariantCulture) : "") + ".example";
            var account = new Account($"A{1001 + i}", name, place.Country, $"{Person().Replace(' ', '.').ToLowerInvariant()}@vendor.example", domain, 0.4 + _rng.NextDouble() * 2.6);
            account.ServiceManager = Ascii(account.ServiceManager);

            var siteCount = 1 + _rng.Next(3);
            for (var s = 0; s < siteCount; s++)
            {
                var p = s == 0 ? place : PlaceInRegion(place.Region);
                // One site (the second account's first) has no primary contact: a compliance finding.
                var contact = i == 1 && s == 0 ? null : $"noc{s + 1}@{domain}";
                account.Sites.Add(new Site($"S{1001 + i}-{s + 1}", account, $"{p.City} {(s == 0 ? "HQ" : "DC" + s)}", p.Country, p.Centre, contact));
            }

            BuildContracts(account, i);
            var reps = i == 0 ? 1 : i == 1 ? 7 : 2 + _rng.Next(5);
            for (var r = 0; r < reps; r++)
            {
                var person = Person();
                account.Representatives.Add((person, Ascii(person.Replace(' ', '.').ToLowerInvariant()) + $"{(r > 0 ? r.ToString(CultureInfo.InvariantCulture) : "")}@{domain}",
                    SampleNames.Certifications[_rng.Next(SampleNames.Certifications.Length)]));
            }
            _accounts.Add(account);
        }
    }

    private static string Ascii(string s)
    {
        var normalized = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in normalized)
            if (ch < 128 && ch != '\'') sb.Append(ch);
        return sb.ToString();
    }

    private static string RegionFor(double u) => u < 0.45 ? "AMERICAS" : u < 0.75 ? "EMEA" : "APAC";

    private (string Country, string Region, string Centre, string City) PlaceInRegion(string region)
    {
        var candidates = SampleNames.Places.Where(p => p.Region == region).ToList();
        return candidates[_rng.Next(candidates.Count)];
    }

    private int _contracts;

    private void BuildContracts(Account account, int index)
    {
        // A chain of renewals on the main site that covers the whole period, plus sometimes a second chain.
        var chains = _rng.NextDouble() < 0.4 ? 2 : 1;
        for (var chain = 0; chain < chains; chain++)
        {
            var site = account.Sites[chain % account.Sites.Count];
            var start = chain == 0 ? _options.From.PlusDays(-_rng.Next(30, 540)) : _options.From.PlusDays(_rng.Next(0, 600));
            var sku = _contracts < SampleNames.Skus.Length ? SampleNames.Skus[_contracts] : SampleNames.Skus[_rng.Next(SampleNames.Skus.Length)];
            var units = new List<Unit>();
            for (var n = 2 + _rng.Next(16); n > 0; n--) units.Add(NewUnit(start));
            while (start <= _options.To)
            {
                var years = 1 + _rng.Next(3);
                var end = start.PlusYears(years).PlusDays(-1);
                var contract = NewContract(account, site, sku, start, end, coTerm: false);
                var carried = new List<Unit>();
                foreach (var u in units)
                {
                    var unit = u with { From = start, To = null };
                    // Some units leave mid-term (removals); they do not renew.
                    if (_rng.NextDouble() < 0.06)
                    {
                        unit = unit with { To = start.PlusDays(_rng.Next(30, Math.Max(31, Period.DaysBetween(start, end) - 10))) };
                        contract.Units.Add(unit);
                        continue;
                    }
                    contract.Units.Add(unit);
                    carried.Add(u);
                }
                // Additions mid-term, charged pro rata at the true-up.
                for (var n = _rng.NextDouble() < 0.35 ? 1 + _rng.Next(3) : 0; n > 0; n--)
                {
                    var added = NewUnit(start) with { From = start.PlusDays(_rng.Next(20, Math.Max(21, Period.DaysBetween(start, end) - 5))) };
                    contract.Units.Add(added);
                    carried.Add(added);
                }
                account.Contracts.Add(contract);
                // A renewal needs at least one unit: every unit leaving would leave a contract nothing can be logged against.
                if (carried.Count == 0) carried.Add(NewUnit(end.PlusDays(1)));
                units = carried;
                start = end.PlusDays(1);
            }
        }

        // Short contracts: one without co-term (a compliance finding) and one with it.
        if (index == 2 || index == 3)
        {
            var site = account.Sites[0];
            var start = _options.From.PlusMonths(6);
            var contract = NewContract(account, site, "SVC-FTS-BD", start, start.PlusMonths(index == 2 ? 6 : 4).PlusDays(-1), coTerm: index == 3);
            contract.Units.Add(NewUnit(start));
            account.Contracts.Add(contract);
        }
    }

    private Contract NewContract(Account account, Site site, string sku, LocalDate start, LocalDate end, bool coTerm)
    {
        _contracts++;
        var currency = site.Country switch
        {
            "US" or "MX" or "BR" or "AE" => "USD", "CA" => "CAD", "GB" => "GBP", "SE" => "SEK", "JP" => "JPY", "AU" => "AUD", "SG" => "SGD", "IN" => "INR",
            _ => "EUR",
        };
        return new Contract($"C-{10000 + _contracts}", account, site, sku, site.Centre, start, end, currency, coTerm);
    }

    private Unit NewUnit(LocalDate from)
    {
        var (platform, model, fee) = SampleNames.Models[_rng.Next(SampleNames.Models.Length)];
        _serials++;
        var serial = $"JN{_serials:X6}{_rng.Next(0x1000):X3}";
        LocalDate? eos = _rng.NextDouble() < 0.04 ? _options.From.PlusDays(_rng.Next(0, Period.DaysBetween(_options.From, _options.To))) : null;
        return new Unit(serial, model, platform, from, null, fee, eos, _rng.NextDouble() < 0.01);
    }

    private void BuildEngineers()
    {
        var perCentre = Math.Max(5, _options.Cases / 1500);
        string[] centres = ["SUNNYVALE", "HERNDON", "SCHIPHOL_RIJK", "SINGAPORE", "TOKYO", "SYDNEY", "BANGALORE"];
        foreach (var centre in centres)
            for (var i = 0; i < perCentre; i++)
            {
                var name = Person();
                var platforms = new[] { "Routing", "Switching", "Security", "Software" }.Where(_ => _rng.NextDouble() < 0.5).ToList();
                if (platforms.Count == 0) platforms.Add("Routing");
                _engineers.Add(new Engineer($"E{_engineers.Count + 1:D4}", name, Ascii(name.Replace(' ', '.').ToLowerInvariant()) + $"{_engineers.Count + 1}@vendor.example", centre, platforms));
            }
    }

    private string Person() => $"{SampleNames.FirstNames[_rng.Next(SampleNames.FirstNames.Length)]} {SampleNames.LastNames[_rng.Next(SampleNames.LastNames.Length)]}";

    // ---- cases and events ----------------------------------------------------------------------------

    private void WriteCases(string folder, List<(string, long)> counts)
    {
        var days = Period.DaysBetween(_options.From, _options.To) + 1;
        var perDay = CasesPerDay(days);
        var weights = new double[_accounts.Count];
        var total = 0.0;
        for (var i = 0; i < _accounts.Count; i++) weights[i] = total += _accounts[i].Weight * _accounts[i].Contracts.Sum(c => c.Units.Count);
        var engineersByCentre = _engineers.GroupBy(e => e.Centre).ToDictionary(g => g.Key, g => g.ToList());
        var lastInstant = _options.To.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

        using var cases = new CsvSink(folder, "cases", "case_number,account_id,site_id,serial_number,priority,created_at,first_response_at,resolved_at,exclusion,engineer_id,title");
        using var events = new CsvSink(folder, "case_events", "case_number,at,kind,value");
        var number = 0;
        for (var d = 0; d < days; d++)
        {
            var date = _options.From.PlusDays(d);
            var created = new List<(Instant, Account)>(perDay[d]);
            for (var n = 0; n < perDay[d]; n++)
            {
                var account = _accounts[Pick(weights, total)];
                var contract = account.Contracts.FirstOrDefault(c => c.Start <= date && date <= c.End) ?? account.Contracts[0];
                var zone = DateTimeZoneProviders.Tzdb[Centres.Zone(contract.Centre)];
                var local = date.At(LocalTime.FromSecondsSinceMidnight(_rng.NextDouble() < 0.75 ? _rng.Next(8 * 3600, 18 * 3600) : _rng.Next(0, 86400)));
                var at = local.InZoneLeniently(zone).ToInstant();
                created.Add((at, account));
            }
            // Case numbers follow creation order within a day.
            foreach (var (at, account) in created.OrderBy(c => c.Item1))
                WriteCase(++number, at, account, engineersByCentre, lastInstant, cases, events);
        }

        if (_options.BadRows)
        {
            var a = _accounts[0]; var s = a.Sites[0]; var serial = a.Contracts[0].Units[0].Serial;
            cases.Row("CS90000001", a.Id, s.Id, serial, "", "2025-03-04T10:00:00Z", "", "", "", "", "Missing priority");                  // missing_field
            cases.Row("CS90000002", a.Id, s.Id, serial, "P2", "2025-03-04 10:00", "", "", "", "", "No offset on creation");               // bad_instant
            cases.Row("CS90000003", a.Id, s.Id, serial, "High", "2025-03-04T10:00:00Z", "", "", "", "", "Priority in words");            // unknown_priority
            cases.Row("CS90000004", a.Id, s.Id, serial, "P3", "2025-03-04T10:00:00Z", "2025-03-04T09:00:00Z", "", "", "", "Answer before question"); // bad_range
            cases.Row("CS90000005", "A9002", "S9001", "", "P1", "2025-03-04T10:00:00Z", "", "", "", "", "Embargoed customer case");        // unknown_account
            cases.Row("CS90000006", a.Id, "S9999", serial, "P2", "2025-03-04T10:00:00Z", "", "", "", "", "Site nobody knows");            // unknown_site
            cases.Row("CS90000007", a.Id, s.Id, serial, "P3", "2025-03-05T10:00:00Z", "2025-03-05T10:30:00Z", "", "", "", "Exported twice"); // conflicting_duplicate
            cases.Row("CS90000007", a.Id, s.Id, serial, "P3", "2025-03-05T10:00:00Z", "2025-03-05T11:30:00Z", "", "", "", "Exported twice"); // conflicting_duplicate
            cases.Row("CS90000008", a.Id, s.Id, "JNUNREGISTERED1", "P3", "2025-03-06T10:00:00Z", "2025-03-06T10:40:00Z", "", "", "", "Lab router not under contract"); // accepted: compliance finding
            events.Row("CS99999999", "2025-03-04T11:00:00Z", "awaiting_customer", "");       // unknown_case
            events.Row("CS90000003", "2025-03-04T11:00:00Z", "priority_changed", "P2");      // unknown_case (its case was rejected)
            events.Row("CS00000001", "2025-03-04T11:00:00+01:00", "priority_changed", "P9"); // unknown_priority
            events.Row("CS00000001", "2025-03-04", "reopened", "");                          // bad_instant
        }
        counts.Add(cases.Done());
        counts.Add(events.Done());
    }

    private void WriteCase(int number, Instant created, Account account, Dictionary<string, List<Engineer>> engineers, Instant last, CsvSink cases, CsvSink events)
    {
        var date = created.InUtc().Date;
        var covering = account.Contracts.Where(c => c.Start.PlusDays(-1) <= date && date <= c.End.PlusDays(1)).ToList();
        var contract = covering.Count > 0 ? covering[_rng.Next(covering.Count)] : account.Contracts[_rng.Next(account.Contracts.Count)];
        var units = contract.Units.Where(u => u.From <= date && (u.To is null || date <= u.To)).ToList();
        var unit = units.Count > 0 ? units[_rng.Next(units.Count)] : contract.Units[_rng.Next(contract.Units.Count)];
        var serial = _rng.NextDouble() < 0.004 ? $"JNX{_rng.Next(0x100000):X5}" : unit.Serial;
        var zone = DateTimeZoneProviders.Tzdb[Centres.Zone(contract.Centre)];
        var businessHours = !contract.Sku.EndsWith("24x7", StringComparison.Ordinal);

        var u = _rng.NextDouble();
        var priority = u < 0.06 ? 1 : u < 0.24 ? 2 : u < 0.65 ? 3 : 4;
        // Customers on P1/P2-only SKUs mostly open P1/P2 cases; a few still open P3/P4 (not entitled).
        var topTwoOnly = contract.Sku.Contains("-JCP-", StringComparison.Ordinal) || contract.Sku.Contains("-ACS-", StringComparison.Ordinal);
        if (topTwoOnly && priority > 2 && _rng.NextDouble() < 0.9) priority = 2;
        var target = Duration.FromSeconds(priority switch { 1 => 900, 2 => 1800, 3 => 7200, _ => 14400 });

        // Due after no business time: the first open instant at or after creation.
        var clockStart = businessHours ? _centreHours[contract.Centre].Due(created, Duration.Zero) ?? created : created;
        var late = _rng.NextDouble() < 0.09;
        var delay = target * (late ? 1.05 + _rng.NextDouble() * 4 : 0.1 + _rng.NextDouble() * 0.85);
        Instant? response = clockStart + delay;
        var nearEnd = last - created < Duration.FromDays(3);
        if (_rng.NextDouble() < (nearEnd ? 0.2 : 0.002) || response > last) response = null;
        Instant? resolved = response is { } r ? r + Duration.FromHours(Math.Min(24 * 60, Math.Exp(2.3 + 1.3 * Normal()))) : null;
        if (resolved > last) resolved = null;

        var ex = _rng.NextDouble();
        var exclusion = ex < 0.025 ? Exclusions[_rng.Next(Exclusions.Length)] : "";
        var pool = engineers[contract.Centre];
        var engineer = pool[_rng.Next(pool.Count)];
        var titles = SampleNames.Titles[unit.Platform];
        var title = string.Format(CultureInfo.InvariantCulture, titles[_rng.Next(titles.Length)], unit.Model);
        var caseNumber = $"CS{number:D8}";


        if (_rng.NextDouble() < 0.07)
        {
            var newPriority = priority == 1 ? 2 : _rng.NextDouble() < 0.8 ? priority - 1 : Math.Min(4, priority + 1);
            var at = created + Duration.FromMinutes(1 + _rng.Next(90));
            if (at <= last) events.Row(caseNumber, Text(at, zone), "priority_changed", "P" + newPriority);
        }
        if (response is { } answered && _rng.NextDouble() < 0.25)
        {
            // The customer is asked for information after the first answer; resolution waits for the reply.
            var waiting = answered + Duration.FromMinutes(30 + _rng.Next(12 * 60));
            var responded = waiting + Duration.FromMinutes(60 + _rng.Next(72 * 60));
            if (waiting <= last)
            {
                Instant? resolvedAfterWait;
                events.Row(caseNumber, Text(waiting, zone), "awaiting_customer", "");
                if (responded <= last)
                {
                    events.Row(caseNumber, Text(responded, zone), "customer_responded", "");
                    resolvedAfterWait = resolved is { } x ? Max(x, responded) + (x - answered) * 0.5 : null;
                }
                else resolvedAfterWait = null;
                if (resolvedAfterWait > last) resolvedAfterWait = null;
                resolved = resolvedAfterWait;
            }
        }
        if (resolved is { } done && _rng.NextDouble() < 0.02)
        {
            var reopened = done + Duration.FromHours(12 + _rng.Next(240));
            if (reopened <= last) events.Row(caseNumber, Text(reopened, zone), "reopened", "");
        }
        cases.Row(caseNumber, account.Id, contract.Site.Id, serial, "P" + priority, Text(created, zone), Text(response, zone), Text(resolved, zone),
            exclusion, engineer.Id, title);
    }

    /// <summary>Cases per day summing exactly to the requested count: growth, yearly seasonality, quiet weekends.</summary>
    private int[] CasesPerDay(int days)
    {
        var weights = new double[days];
        for (var d = 0; d < days; d++)
        {
            var date = _options.From.PlusDays(d);
            var years = d / 365.25;
            var growth = 1 + 0.3 * years;
            var season = 1 + 0.2 * Math.Cos(2 * Math.PI * (date.DayOfYear - 75) / 365.25);
            if (date.Month == 12 && date.Day >= 20 || date.Month == 1 && date.Day <= 3) season *= 0.55;
            if (date.Month == 8) season *= 0.85;
            var weekday = date.DayOfWeek >= IsoDayOfWeek.Saturday ? 0.3 : 1.0;
            weights[d] = growth * season * weekday * (0.85 + 0.3 * _rng.NextDouble());
        }
        var sum = weights.Sum();
        var counts = new int[days];
        var assigned = 0;
        var remainders = new (double, int)[days];
        for (var d = 0; d < days; d++)
        {
            var exact = _options.Cases * weights[d] / sum;
            counts[d] = (int)exact;
            assigned += counts[d];
            remainders[d] = (exact - counts[d], d);
        }
        foreach (var (_, d) in remainders.OrderByDescending(r => r.Item1).ThenBy(r => r.Item2).Take(_options.Cases - assigned)) counts[d]++;
        return counts;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _rng.NextDouble())) * Math.Cos(2 * Math.PI * _rng.NextDouble());

    /// <summary>An index drawn with the weights whose running totals are <paramref name="cumulative"/>.</summary>
    private int Pick(double[] cumulative, double total)
    {
        var i = Array.BinarySearch(cumulative, _rng.NextDouble() * total);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static string Text(Instant? t, DateTimeZone zone) => t is { } i ? InstantText.Format(i.InZone(zone).ToOffsetDateTime()) : "";
    private static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Money(decimal m) => m.ToString("0.00", CultureInfo.InvariantCulture);

    private static class Centres
    {
        public static string Zone(string centre) => Domain.Reference.ReferenceData.BuiltIn.Centres[centre].TimeZone;
    }

    private sealed class Account(string id, string name, string country, string serviceManager, string domain, double weight)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public string Country { get; } = country;
        public string ServiceManager { get; set; } = serviceManager;
        public string Domain { get; } = domain;
        public double Weight { get; } = weight;
        public List<Site> Sites { get; } = [];
        public List<Contract> Contracts { get; } = [];
        public List<(string Name, string Email, string Certification)> Representatives { get; } = [];
    }

    private sealed record Site(string Id, Account Account, string Name, string Country, string Centre, string? Contact);

    private sealed record Contract(string Id, Account Account, Site Site, string Sku, string Centre, LocalDate Start, LocalDate End, string Currency, bool CoTerm)
    {
        public List<Unit> Units { get; } = [];
    }

    private sealed record Unit(string Serial, string Model, string Platform, LocalDate From, LocalDate? To, decimal Fee, LocalDate? EndOfSupport, bool GrayMarket);

    private sealed record Engineer(string Id, string Name, string Email, string Centre, List<string> Platforms);

    /// <summary>Writes one CSV file (RFC 4180 quoting, LF line ends) and counts its data rows.</summary>
    private sealed class CsvSink : IDisposable
    {
        private readonly StreamWriter _writer;
        private readonly string _file;
        private long _rows;

        public CsvSink(string folder, string name, string header)
        {
            _file = name + ".csv";
            _writer = new StreamWriter(Path.Combine(folder, _file), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            _writer.WriteLine(header);
        }

        public void Row(params string?[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (i > 0) _writer.Write(',');
                _writer.Write(CsvField.Quote(cells[i] ?? ""));
            }
            _writer.Write('\n');
            _rows++;
        }

        public (string, long) Done() => (_file, _rows);

        public void Dispose() => _writer.Dispose();
    }
}
