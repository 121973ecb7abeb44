using System.Globalization;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Reports.Sla;

/// <summary>
/// One case taken through the SLA rules step by step with the plain C# rules (<see cref="SlaRules"/>), and
/// set beside the stored evaluation every report reads, so a disputed figure can be checked by hand.
/// </summary>
/// <param name="Candidates">Rules 2 and 3: each installed-base row of the serial under the account's contracts.</param>
/// <param name="ClockStart">Where the clock starts: creation, or the next opening for a case created after hours.</param>
/// <param name="Stored">The stored evaluation at the as-of; null when the case was created after it.</param>
/// <param name="Differences">Where the stored row and the rules disagree (empty: they agree).</param>
public sealed record SlaExplanation(
    CaseFacts Facts, IReadOnlyList<CoverageCandidate> Candidates, SlaVerdict Verdict, Instant AsOf,
    SlaStatus Status, Duration? Elapsed, Instant? ClockStart, SlaCase? Stored, IReadOnlyList<string> Differences)
{
    /// <summary>Explains <paramref name="caseNumber"/> at <paramref name="asOf"/> (run the refresh first).</summary>
    /// <exception cref="UserError">No case has that number.</exception>
    public static SlaExplanation Of(Warehouse warehouse, ReferenceData reference, string caseNumber, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.Connect();
        var facts = ReadFacts(connection, caseNumber) ?? throw new UserError($"case '{caseNumber}' is not in the database");
        var calendars = CentreCalendars.Read(connection, reference);
        var rules = new SlaRules(reference, code => calendars.TryGetValue(code, out var c) ? c
            : throw new UserError($"support centre '{code}' of a contract is not in the reference data"));
        var units = ReadUnits(connection, facts);

        var verdict = rules.Evaluate(facts, units);
        var candidates = rules.Candidates(facts, units, verdict.Priority);
        var stored = new SlaQueries(warehouse, reference).Cases(asOf, new SlaFilter(CaseNumber: caseNumber)).SingleOrDefault();
        var elapsed = rules.ElapsedAt(verdict, asOf);
        var status = verdict.StatusAt(asOf);
        var clockStart = verdict is { IsEligible: true, Centre: { } centre, Sku.Window: ServiceWindow.BusinessHours }
            ? calendars[centre.Code].Due(facts.CreatedAt, Duration.Zero) : facts.CreatedAt;
        return new SlaExplanation(facts, candidates, verdict, asOf, status, elapsed, clockStart, stored, Compare(verdict, status, elapsed, stored));
    }

    /// <summary>The explanation as lines of text, rule by rule, in the users' words.</summary>
    public IReadOnlyList<string> Lines()
    {
        var f = Facts;
        var v = Verdict;
        var lines = new List<string>
        {
            $"case {f.CaseNumber}: account {f.AccountId}, serial {f.SerialNumber ?? "(none)"}, created {Utc(f.CreatedAt)}, " +
            $"first response {(f.FirstResponseAt is { } r ? Utc(r) : "none")}, as of {Utc(AsOf)}",
            $"priority: {PriorityStory()}",
            $"1. case exclusion: {(string.IsNullOrWhiteSpace(f.Exclusion) ? "none" : f.Exclusion.Trim() + " -> excluded")}",
        };
        if (!string.IsNullOrWhiteSpace(f.Exclusion)) return Finish(lines);

        lines.Add(Candidates.Count == 0
            ? "2. installed base: the serial is under no contract of the account -> excluded, unregistered_product"
            : $"2. installed base: the serial is under {Candidates.Count} contract(s) of the account");
        if (Candidates.Count == 0) return Finish(lines);

        lines.Add("3. coverage on the local date of creation (contract, SKU, centre, contract days, unit days, created on):");
        var winner = SlaRules.Winner(Candidates);
        foreach (var c in Candidates)
        {
            var u = c.Unit;
            lines.Add($"   {u.ContractId} {c.Sku.Code} {u.SupportCenter} {Day(u.ContractStart)}..{Day(u.ContractEnd)} " +
                      $"unit {Day(u.CoveredFrom)}..{(u.CoveredTo is { } to ? Day(to) : "contract end")} created on {Day(c.CreatedOn)}: " +
                      $"{(c.Covers ? "covers" : "does not cover")}, {(c.Entitles ? "entitles" : "does not entitle")} {v.Priority.Code()}" +
                      (ReferenceEquals(c, winner) ? " <- wins" : ""));
        }
        if (winner is null)
        {
            lines.Add("   none covers -> excluded, no_active_contract");
            return Finish(lines);
        }
        if (Candidates.Count(c => c.Covers) > 1)
            lines.Add("   tie-break: the SKU entitling the priority, then the later start date, then the smaller contract id");

        var unit = winner.Unit;
        lines.Add($"4. end of support: {(unit.EndOfSupport is { } eos ? Day(eos) + (eos <= winner.CreatedOn ? " (on or before the local date of creation) -> excluded" : " (later)") : "none")}");
        if (v.ExcludedReason == ExclusionReasons.EndOfSupport) return Finish(lines);
        lines.Add($"5. gray market: {(unit.GrayMarket ? "yes -> excluded" : "no")}");
        if (unit.GrayMarket) return Finish(lines);
        lines.Add($"6. entitlement: {winner.Sku.Code} covers {string.Join(", ", winner.Sku.Entitled.Select(p => p.Code()))}" +
                  (winner.Entitles ? "" : $", not {v.Priority.Code()} -> excluded, priority_not_entitled"));
        if (!winner.Entitles) return Finish(lines);

        var window = winner.Sku.Window;
        lines.Add($"7. {window.Code()} at {unit.SupportCenter} ({v.Centre?.TimeZone}): target {Seconds(v.Target)}" +
                  (window == ServiceWindow.BusinessHours
                      ? $", business time in the centre's calendar{(v.AfterHours ? $", created after hours: the clock starts at the next opening, {(ClockStart is { } start ? Utc(start) : "never")}" : "")}"
                      : ", wall-clock time"));
        lines.Add($"   due {(v.DueAt is { } due ? Utc(due) : "never (the calendar does not open again)")}");
        lines.Add(f.FirstResponseAt is { } answered && answered <= AsOf
            ? $"   answered {Utc(answered)}: elapsed {Seconds(Elapsed)} against {Seconds(v.Target)}"
            : $"   unanswered at the as-of: elapsed {Seconds(Elapsed)} against {Seconds(v.Target)}");
        return Finish(lines);
    }

    /// <summary>The verdict in a few sentences a service manager can read to a customer: no codes, times in UTC to the minute.</summary>
    public IReadOnlyList<string> InPlainWords()
    {
        var f = Facts;
        var v = Verdict;
        var words = new List<string>();
        if (v.ExcludedReason is { } code && ExclusionReasons.TryParse(code, out var reason))
        {
            words.Add($"Case {f.CaseNumber} does not count toward the response-time SLA: {char.ToLowerInvariant(reason.Meaning()[0])}{reason.Meaning()[1..]}");
            return words;
        }
        var changed = v.Priority != f.CreatedPriority;
        words.Add($"Case {f.CaseNumber} was opened on {Minute(f.CreatedAt)} as {f.CreatedPriority.Code()}" +
                  (changed ? $" and was {v.Priority.Code()} when the clock stopped, so the {v.Priority.Code()} target applies." : "."));
        var window = v.Sku?.Window == ServiceWindow.BusinessHours
            ? $"business hours at the {v.Unit?.SupportCenter} support centre, so only time when the centre is open counts"
            : "around the clock, so every minute counts";
        words.Add($"Contract {v.Unit?.ContractId} ({v.Sku?.Code}) covers it {window}; the first response was due within {Spoken(v.Target)}.");
        if (v.AfterHours && ClockStart is { } start)
            words.Add($"The case came in outside the centre's hours, so the clock started when the centre opened, on {Minute(start)}.");
        if (v.DueAt is { } due) words.Add($"That made the response due by {Minute(due)}.");
        words.Add(f.FirstResponseAt is { } answered && answered <= AsOf
            ? Status == SlaStatus.Met
                ? $"The first response came on {Minute(answered)}, after {Spoken(Elapsed)}: within the target, so the SLA was met."
                : $"The first response came on {Minute(answered)}, after {Spoken(Elapsed)}: {Spoken(Elapsed - v.Target)} over the target, so the SLA was breached."
            : Status == SlaStatus.Breached
                ? $"There was no response by {Minute(AsOf)}, {Spoken(Elapsed)} on the clock: past the target, so the SLA is breached."
                : $"There was no response yet by {Minute(AsOf)}, {Spoken(Elapsed)} on the clock: still within the target (pending).");
        return words;
    }

    private static string Minute(Instant i) => i.InUtc().ToString("uuuu'-'MM'-'dd HH':'mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A duration as said aloud, rounded up to the minute: "1 hour 5 minutes", "20 minutes".</summary>
    private static string Spoken(Duration? d)
    {
        if (d is not { } x) return "no time";
        var minutes = (long)Math.Ceiling(x.TotalMinutes);
        var (h, m) = (minutes / 60, minutes % 60);
        var hours = h == 0 ? "" : $"{h} hour{(h == 1 ? "" : "s")}";
        var mins = m == 0 && h > 0 ? "" : $"{m} minute{(m == 1 ? "" : "s")}";
        return string.Join(" ", new[] { hours, mins }.Where(p => p.Length > 0));
    }

    private List<string> Finish(List<string> lines)
    {
        lines.Add($"status at {Utc(AsOf)}: {Status.Code()}{(Verdict.ExcludedReason is { } reason ? " (" + reason + ")" : "")}, quarter {Verdict.Quarter}");
        lines.Add(Stored is null
            ? "stored evaluation: none at this as-of (the case was created after it)"
            : Differences.Count == 0
                ? "stored evaluation (what the reports show): agrees"
                : "stored evaluation (what the reports show) DIFFERS: " + string.Join("; ", Differences));
        return lines;
    }

    private string PriorityStory()
    {
        var changes = Facts.Events.Where(e => e.Kind == CaseEventKinds.PriorityChanged).OrderBy(e => e.At).ToList();
        var story = Facts.CreatedPriority.Code() + " at creation";
        foreach (var e in changes)
        {
            var counted = Facts.FirstResponseAt is not { } stop || e.At <= stop;
            story += $", {e.Value} at {Utc(e.At)}{(counted ? "" : " (after the response: not counted)")}";
        }
        return story + $"; in effect when the clock stops: {Verdict.Priority.Code()}";
    }

    private static List<string> Compare(SlaVerdict v, SlaStatus status, Duration? elapsed, SlaCase? stored)
    {
        var differences = new List<string>();
        if (stored is null) return differences;
        void Check(string what, object? rules, object? table)
        {
            if (!Equals(rules, table)) differences.Add($"{what}: rules {rules ?? "-"}, stored {table ?? "-"}");
        }
        Check("status", status.Code(), stored.Status.Code());
        Check("reason", v.ExcludedReason, stored.Reason?.Code());
        Check("priority", v.Priority, stored.Priority);
        Check("contract", v.Unit?.ContractId, stored.ContractId);
        Check("window", v.Sku?.Window.Code(), stored.Window?.Code());
        Check("after hours", v.AfterHours, stored.AfterHours);
        Check("elapsed seconds", elapsed is { } e ? SlaSeconds.RoundedUp(e) : (long?)null, stored.ElapsedSeconds);
        Check("target seconds", v.Target is { } t ? (long)t.TotalSeconds : (long?)null, stored.TargetSeconds);
        Check("quarter", v.Quarter, stored.Quarter);
        return differences;
    }

    private static CaseFacts? ReadFacts(WarehouseConnection connection, string caseNumber)
    {
        var events = connection.Query("""SELECT "at", kind, value FROM case_events WHERE case_number = $n""",
            r => new CaseEvent(r.Instant(0), r.Text(1), r.TextOrNull(2)), ("n", caseNumber));
        return connection.Query("""
            SELECT account_id, serial_number, priority, created_at, first_response_at, resolved_at, exclusion
            FROM cases WHERE case_number = $n
            """, r => new CaseFacts(caseNumber, r.Text(0), r.TextOrNull(1),
                Priorities.TryParse(r.Text(2), out var p) ? p : throw new UserError($"case {caseNumber}: priority '{r.Text(2)}' is not P1..P4"),
                r.Instant(3), r.InstantOrNull(4), r.InstantOrNull(5), r.TextOrNull(6), events), ("n", caseNumber)).FirstOrDefault();
    }

    private static List<CoveredUnit> ReadUnits(WarehouseConnection connection, CaseFacts facts) => connection.Query("""
        SELECT k.contract_id, k.sku, k.support_center, k.start_date, k.end_date, u.covered_from, u.covered_to,
               u.end_of_support, u.gray_market, u.platform
        FROM installed_base u JOIN contracts k ON k.contract_id = u.contract_id
        WHERE u.serial_number = $s AND k.account_id = $a
        ORDER BY k.contract_id
        """, r => new CoveredUnit(r.Text(0), r.Text(1), r.Text(2), r.Date(3), r.Date(4), r.Date(5),
            r.DateOrNull(6), r.DateOrNull(7), r.Bool(8), r.TextOrNull(9)), ("s", facts.SerialNumber ?? ""), ("a", facts.AccountId));

    private static string Utc(Instant i) => InstantPattern.General.Format(i);

    private static string Day(LocalDate d) => LocalDatePattern.Iso.Format(d);

    private static string Seconds(Duration? d) => d is { } x ? Figures.DurationSeconds(SlaSeconds.RoundedUp(x)) : "-";
}
