using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.ReviewPack;
using static JuniperFts.Reports.ReviewPack.ReviewPackText;
using Cell = JuniperFts.Reports.ReviewDeck.DeckXml.Cell;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>
/// Lays a <see cref="ReviewPackModel"/> out as an editable 16:9 deck: the pack's sections as slides, native charts with their
/// data, real tables that continue on the next slide, speaker notes with each figure's definition, the as-of and the goal.
/// </summary>
/// <remarks>Computes nothing: every figure is the pack model's, printed with the pack's formats (<see cref="ReviewPackText"/>).</remarks>
internal static class ReviewDeckRenderer
{
    private const int CoverEngineers = 8;
    private const long ChartHeight = 2651760, WideChartHeight = 2468880, SmallChartHeight = 1737360;

    public static void Render(ReviewPackModel m, Stream output, DeckPackage deck)
    {
        var account = $"{m.Account.Name} ({m.Account.Id})";
        var asOf = $"Data as of {Minute.Format(m.AsOf)} UTC";
        var flow = new SlideFlow(deck, $"{asOf} · {account} · {m.Quarter}");
        string Notes(string definition) =>
            $"{definition}\n{asOf}. Attainment goal: {Pct(m.Attainment.Goal)} (the goal of the SLA workbook and the portal).";

        TitleSlide(deck, m, account, asOf);
        Summary(flow, m, account, Notes);
        Attainment(flow, m, Notes);
        Volume(flow, m, Notes);
        Breaches(flow, m, Notes);
        Resolution(flow, m, Notes);
        Risks(flow, m, Notes);
        NextQuarter(flow, m, Notes);
        flow.Flush();
        deck.AddSlide(deck.ContentLayout, _ =>
        [
            DeckXml.Placeholder(0, "Title", "title", null, [DeckXml.Paragraph("Our commentary and next steps")]),
            DeckXml.Placeholder(0, "Commentary", null, 1, []),
        ], "For the service manager: your commentary, the customer's questions and the agreed next steps.");
        deck.Save(output);
    }

    private static void TitleSlide(DeckPackage deck, ReviewPackModel m, string account, string asOf)
    {
        var q = m.Quarter;
        var lines = new List<string> { account, $"{q} ({Day.Format(q.Start)} to {Day.Format(q.End.PlusDays(-1))})", asOf };
        if (!m.QuarterComplete) lines.Add($"{q} was still running at the as-of: figures cover the quarter so far.");
        var ownTitleLayout = deck.TitleLayout != deck.TitleOnlyLayout;
        deck.AddSlide(deck.TitleLayout, _ =>
        [
            DeckXml.Placeholder(0, "Title", ownTitleLayout ? "ctrTitle" : "title", null, [DeckXml.Paragraph("Quarterly service review")]),
            DeckXml.Placeholder(0, "Subtitle", ownTitleLayout ? "subTitle" : "body", 1, lines.Select(l => DeckXml.Paragraph(l))),
        ], $"Quarterly service review of {account} for {q}. {asOf}; SLA figures are evaluated at that instant.");
    }

    private static void Summary(SlideFlow flow, ReviewPackModel m, string account, Func<string, string> notes)
    {
        var h = m.Headline;
        flow.Slide("Summary", notes(
            "Attainment: first-response SLA attainment of the quarter, met ÷ (met + breached) of the eligible cases, exactly as fts sla summary --by account. " +
            "Cases: every case created in the quarter, excluded ones included. Breached: eligible cases answered after their target or not answered by the as-of. " +
            "P1/P2 open: P1 and P2 cases created before the quarter's end and not resolved by then."));
        flow.Tiles(
        [
            ("SLA attainment (first response)", Pct(h.Attainment), Tone(h.Attainment, m.Attainment.Goal)),
            ("Cases in the quarter", Count(h.Cases), DeckTone.Normal),
            ("Eligible for SLA", Count(h.Eligible), DeckTone.Normal),
            ("Breached", Count(h.Breached), h.Breached > 0 ? DeckTone.Bad : DeckTone.Good),
            (m.QuarterComplete ? "P1/P2 open at quarter end" : "P1/P2 open at the as-of", Count(h.OpenUrgent), h.OpenUrgent > 0 ? DeckTone.Warning : DeckTone.Good),
        ]);
        if (m.NoCases)
            flow.Text($"No cases were created for this account in {m.Quarter}. The deck still lists its contracts, installed-base risks and the coming quarter.", tone: DeckTone.Warning);
        flow.Text($"Account: {account} · {m.Account.Country} · service manager {m.Account.ServiceManagerEmail ?? "not recorded"}");
        flow.Text("Designated engineers: " + (m.DesignatedEngineers.Count == 0
            ? "no engineer handled this account's cases in the last four quarters"
            : string.Join(", ", m.DesignatedEngineers.Take(CoverEngineers).Select(e => $"{e.Name} ({Cases(e.Cases)})"))
              + (m.DesignatedEngineers.Count > CoverEngineers ? $", and {m.DesignatedEngineers.Count - CoverEngineers} more with fewer cases" : "")), maxLines: 3);

        flow.Slide($"Contracts in force in {m.Quarter}", notes("Contracts of the account in force on at least one day of the quarter; term in whole months."));
        if (m.Contracts.Count == 0) flow.Text($"No contract of this account is in force in {m.Quarter}.", tone: DeckTone.Muted);
        else
            flow.Table(
                [new("Contract", 1.1), new("Site", 1), new("SKU", 1.6), new("Window", 0.8, "ctr"), new("Priorities", 1.2), new("Support centre", 1.3),
                 new("Region", 1), new("Term", 2.6)],
                m.Contracts.Select(c => Row(c.ContractId, c.SiteId, c.Sku, c.Window, c.EntitledPriorities, c.SupportCentre, c.Region ?? "",
                    $"{Day.Format(c.Start)} to {Day.Format(c.End)} ({c.TermMonths} months)")).ToList(), 1200);
    }

    private static void Attainment(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        var a = m.Attainment;
        flow.Slide("SLA attainment by priority", notes(ReviewPackText.Attainment(m.Quarter, a.Goal)));
        flow.Table(
            [new("Priority", 1.2), new("Response target", 1.2, "r"), new("Eligible", 1, "r"), new("Met", 1, "r"), new("Breached", 1, "r"),
             new("Pending", 1, "r"), new("Attainment", 1.2, "r")],
            [.. a.ByPriority.Select(l => AttainmentRow(l, false)), AttainmentRow(a.Total, true)]);
        if (m.NoCases)
            flow.Text($"No cases were created for this account in {m.Quarter}: there is no attainment to chart.", tone: DeckTone.Muted);
        else
        {
            var priorities = a.ByPriority.Select(l => l.Label).ToList();
            flow.Charts(ChartHeight,
                new DeckChartSpec($"Attainment by priority, {m.Quarter} (%)", priorities,
                [
                    new("Attainment", a.ByPriority.Select(l => l.Attainment).ToList(), "accent1"),
                    new($"Goal {Pct(a.Goal)}", priorities.Select(_ => (decimal?)a.Goal).ToList(), "C0392B", Line: true, Dashed: true),
                ], "0.0", 0, 120, BarLabels: true),
                new DeckChartSpec($"Eligible cases by outcome, {m.Quarter}", priorities,
                [
                    new("Met", a.ByPriority.Select(l => (decimal?)l.Met).ToList(), "2E7D32"),
                    new("Breached", a.ByPriority.Select(l => (decimal?)l.Breached).ToList(), "C0392B"),
                    new("Pending", a.ByPriority.Select(l => (decimal?)l.Pending).ToList(), "5F6B7A"),
                ], "0", 0));
        }

        flow.Slide($"SLA trend: the last {a.TrendQuarters.Count} quarters", notes(Trend(a.TrendQuarters.Count)));
        var quarters = a.TrendQuarters.Select(q => q.ToString()).ToList();
        if (a.Trend.Any(t => t.Attainment.Any(v => v is not null)))
            flow.Charts(WideChartHeight, new DeckChartSpec("Attainment by quarter (%)", quarters,
            [
                .. a.Trend.Select((t, i) => new DeckSeries(t.Label, t.Attainment, $"accent{i % 6 + 1}", Line: true)),
                new($"Goal {Pct(a.Goal)}", quarters.Select(_ => (decimal?)a.Goal).ToList(), "C0392B", Line: true, Dashed: true),
            ], "0", 0, 100));
        flow.Table(
            [new("Attainment", 1.4), .. quarters.Select(q => new DeckColumn(q, 1, "r"))],
            a.Trend.Select(t => (IReadOnlyList<Cell>)
                [new Cell(t.Label, t.Label == a.Total.Label),
                 .. t.Attainment.Select((v, i) => new Cell(v is null ? None : $"{Pct(v)} ({t.Eligible[i]})", t.Label == a.Total.Label, Tone(v, a.Goal)))]).ToList(),
            1200);
    }

    private static IReadOnlyList<Cell> AttainmentRow(AttainmentLine l, bool bold) =>
    [
        new(l.Label, bold), new(l.TargetSeconds is { } t ? Target(t) : "", bold), new(Count(l.Eligible), bold), new(Count(l.Met), bold),
        new(Count(l.Breached), bold, l.Breached > 0 ? DeckTone.Bad : DeckTone.Normal), new(Count(l.Pending), bold),
        new(Pct(l.Attainment), bold, l.MeetsGoal switch { true => DeckTone.Good, false => DeckTone.Bad, null => DeckTone.Muted }),
    ];

    private static void Volume(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        var v = m.Volume;
        flow.Slide("Case volume by platform and priority", notes(ReviewPackText.Volume(m.Quarter)));
        if (m.NoCases)
            flow.Text($"No cases were created for this account in {m.Quarter}.", tone: DeckTone.Muted);
        else
        {
            flow.Charts(ChartHeight, new DeckChartSpec("Cases by platform and priority", v.ByPlatform.Select(l => l.Platform).ToList(),
                Priorities.All.Select((p, i) => new DeckSeries(p.Code(), v.ByPlatform.Select(l => (decimal?)l.ByPriority[i]).ToList(), $"accent{i + 1}")).ToList(),
                "0", 0));
            flow.Table(
                [new("Platform", 2), .. Priorities.All.Select(p => new DeckColumn(p.Code(), 1, "r")), new("Total", 1, "r")],
                [.. v.ByPlatform.Select(l => VolumeRow(l, false)), VolumeRow(v.Total, true)]);
        }

        flow.Slide("Arrivals outside business hours on 8x5 contracts", notes(
            "Share of the eligible cases on each 8x5 contract that arrived outside the support centre's business hours."));
        if (v.AfterHours.Count == 0) flow.Text($"No eligible case on an 8x5 contract in {m.Quarter}.", tone: DeckTone.Muted);
        else
            flow.Table(
                [new("Contract", 1.2), new("Support centre", 1.4), new("Eligible cases", 1, "r"), new("After hours", 1, "r"), new("Share", 1, "r")],
                v.AfterHours.Select(l => Row(l.ContractId, l.SupportCentre, Count(l.Cases), Count(l.AfterHours), Share(l.SharePct))).ToList());
    }

    private static IReadOnlyList<Cell> VolumeRow(VolumeLine l, bool bold) =>
        [new(l.Platform, bold), .. l.ByPriority.Select(n => new Cell(Count(n), bold, n == 0 ? DeckTone.Muted : DeckTone.Normal)), new(Count(l.Total), true)];

    private static void Breaches(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        flow.Slide($"Breached cases in {m.Quarter}", notes(ReviewPackText.Breaches));
        if (m.NoCases) flow.Text($"No cases were created for this account in {m.Quarter}.", tone: DeckTone.Muted);
        else if (m.BreachedCases.Count == 0) flow.Text($"No breached case in {m.Quarter}.", tone: DeckTone.Good);
        else
            flow.Table(
                [new("Case", 1.2), new("Priority", 0.8, "ctr"), new("Window", 0.8, "ctr"), new("Created", 1.5), new("Responded", 1.5),
                 new("Elapsed", 1, "r"), new("Target", 1, "r"), new("Over by", 1, "r"), new("Title", 2.6)],
                m.BreachedCases.Select(c => (IReadOnlyList<Cell>)
                [
                    new(c.CaseNumber, true), new(c.Priority.Code()), new(c.Window?.Code() ?? ""), new(Minute.Format(c.CreatedAt)),
                    c.FirstResponseAt is { } r ? new(Minute.Format(r)) : new("no response", Tone: DeckTone.Bad),
                    new(Elapsed(c.ElapsedSeconds)), new(Elapsed(c.TargetSeconds)), new(Elapsed(c.OverBySeconds), Tone: DeckTone.Bad), new(c.Title ?? ""),
                ]).ToList(), 1200);

        flow.Slide(m.QuarterComplete ? "P1/P2 cases still open at quarter end" : "P1/P2 cases open at the as-of", notes(OpenUrgent));
        if (m.OpenUrgentCases.Count == 0) flow.Text("No P1 or P2 case was open.", tone: DeckTone.Good);
        else
            flow.Table(
                [new("Case", 1.2), new("Priority", 0.8, "ctr"), new("Created", 1.5), new("Responded", 1.5), new("SLA status", 1.1), new("Platform", 1.1), new("Title", 3)],
                m.OpenUrgentCases.Select(c => (IReadOnlyList<Cell>)
                [
                    new(c.CaseNumber, true), new(c.Priority.Code(), Tone: c.Priority == Priority.P1 ? DeckTone.Bad : DeckTone.Warning), new(Minute.Format(c.CreatedAt)),
                    c.FirstResponseAt is { } r ? new(Minute.Format(r)) : new("no response", Tone: DeckTone.Bad),
                    new(c.Status.Code(), Tone: c.Status == SlaStatus.Breached ? DeckTone.Bad : DeckTone.Normal), new(c.Platform ?? "Unknown"), new(c.Title ?? ""),
                ]).ToList(), 1200);
    }

    private static void Resolution(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        flow.Slide("Resolution time", notes(ReviewPackText.Resolution));
        if (m.NoCases)
        {
            flow.Text($"No cases were created for this account in {m.Quarter}.", tone: DeckTone.Muted);
            return;
        }
        flow.Table(
            [new("Priority", 1.4), new("Resolved", 1, "r"), new("Not yet resolved", 1.2, "r"), new("Median", 1.2, "r"), new("90th percentile", 1.2, "r")],
            [.. m.Resolution.ByPriority.Select(l => ResolutionRow(l, false)), ResolutionRow(m.Resolution.Total, true)]);
    }

    private static IReadOnlyList<Cell> ResolutionRow(ResolutionLine l, bool bold) =>
    [
        new(l.Label, bold), new(Count(l.Resolved), bold), new(Count(l.Unresolved), bold, l.Unresolved > 0 ? DeckTone.Warning : DeckTone.Normal),
        new(Hours(l.MedianSeconds), bold), new(Hours(l.P90Seconds), bold),
    ];

    private static void Risks(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        var r = m.Risks;
        var definition = notes(ReviewPackText.Risks(new NodaTime.DateInterval(r.EndOfSupportFrom, r.EndOfSupportUntil), m.Quarter));
        flow.Slide("Installed-base risks", definition);
        flow.Text($"Units reaching end of support from {Day.Format(r.EndOfSupportFrom)} to {Day.Format(r.EndOfSupportUntil)}", 1600, bold: true);
        if (r.EndOfSupport.Count == 0) flow.Text("No covered unit reaches its end of support in the next 12 months.", tone: DeckTone.Good);
        else
            flow.Table(
                [new("Serial number", 1.3), new("Model", 1.1), new("Platform", 1), new("Contract", 1), new("End of support", 1.1), new("Days left", 0.8, "r")],
                r.EndOfSupport.Select(u => (IReadOnlyList<Cell>)
                [
                    new(u.SerialNumber), new(u.Model), new(u.Platform), new(u.ContractId), new(Day.Format(u.EndOfSupport)),
                    new(Count(u.DaysLeft), Tone: u.DaysLeft <= 90 ? DeckTone.Bad : DeckTone.Warning),
                ]).ToList(), 1200);

        flow.Text($"Gray-market or unregistered serials in {m.Quarter}'s cases", 1600, bold: true);
        if (r.SerialIssues.Count == 0) flow.Text("Every case was raised on a registered serial bought through an authorised channel.", tone: DeckTone.Good);
        else
            flow.Table([new("Serial number", 1.3), new("Issue", 1.2), new("Cases", 0.8, "r"), new("Latest case", 1.2)],
                r.SerialIssues.Select(s => (IReadOnlyList<Cell>)[new(s.SerialNumber), new(s.Issue, Tone: DeckTone.Bad), new(Count(s.Cases)), new(s.LastCase)]).ToList(), 1200);

        flow.Text("Compliance findings", 1600, bold: true);
        if (r.Compliance.Count == 0) flow.Text("No compliance finding for this account.", tone: DeckTone.Good);
        else
            flow.Table([new("Finding", 1.4), new("Subject", 1), new("Detail", 4)],
                r.Compliance.Select(f => Row(FindingName(f.Kind), f.Subject, f.Detail)).ToList(), 1200);
    }

    private static void NextQuarter(SlideFlow flow, ReviewPackModel m, Func<string, string> notes)
    {
        var n = m.NextQuarter;
        if (n.Expected is not { } e)
        {
            flow.Slide($"Your expected cases in {n.Quarter}", notes("The account's own expected cases: its share of its regions' and platforms' forecast."));
            flow.Text(n.ExpectedUnavailable ?? "The expected cases are not available.", tone: DeckTone.Muted);
        }
        else
        {
            flow.Slide($"Your expected cases in {n.Quarter}", notes(Expected(e, n.Quarter)));
            flow.Tiles(
            [
                ($"Expected cases in {n.Quarter}", Whole(e.Cases), DeckTone.Normal),
                ("Range", $"{Whole(e.Low)} to {Whole(e.High)}", DeckTone.Normal),
                ($"Cases in the last {ReviewPackQuery.ShareWeeks} weeks", Count(e.HistoryCases), DeckTone.Normal),
            ]);
            flow.Charts(SmallChartHeight, new DeckChartSpec($"Your expected cases a week, {n.Quarter}", e.Weeks.Select(w => w.Week).ToList(),
            [
                new("Expected", e.Weeks.Select(w => (decimal?)Math.Round((decimal)w.Cases, 2)).ToList(), "accent1", Line: true),
                new("Low", e.Weeks.Select(w => (decimal?)Math.Round((decimal)w.Low, 2)).ToList(), "5F6B7A", Line: true, Dashed: true),
                new("High", e.Weeks.Select(w => (decimal?)Math.Round((decimal)w.High, 2)).ToList(), "5F6B7A", Line: true, Dashed: true),
            ], "0.0", 0));
            flow.Table(
                [new("Region", 1.2), new("Platform", 1.2), new($"Cases in the last {ReviewPackQuery.ShareWeeks} weeks", 1.4, "r"), new("Expected cases", 1, "r"), new("Range", 1.1, "r")],
                e.ByPlatform.Select(r => Row(r.Region, r.Platform, Count(r.HistoryCases), Whole(r.Cases), $"{Whole(r.Low)} to {Whole(r.High)}")).ToList(), 1200);
        }

        flow.Slide($"True-up preview on {Day.Format(n.TrueUpAsOf)}", notes(ReviewPackText.TrueUp));
        if (n.TrueUp.Count == 0)
        {
            flow.Text($"No contract of this account is in a contract year on {Day.Format(n.TrueUpAsOf)}.", tone: DeckTone.Muted);
            return;
        }
        flow.Table(
            [new("Contract", 1), new("Year", 2), new("Serial number", 1.2), new("Model", 1), new("Covered from", 1.1), new("Days", 0.9, "r"),
             new("Annual fee", 1.2, "r"), new("Charge", 1.2, "r")],
            n.TrueUp.SelectMany(t =>
            {
                var year = $"{t.Year}: {Day.Format(t.YearStart)} to {Day.Format(t.YearLastDay)}";
                if (t.Additions.Count == 0)
                    return [(IReadOnlyList<Cell>)[new(t.ContractId), new(year), new("no additions so far", Tone: DeckTone.Muted), new(""), new(""), new(""), new(""), new(Money(0, t.Currency))]];
                return t.Additions.Select(a => Row(t.ContractId, year, a.SerialNumber, a.Model, Day.Format(a.CoveredFrom), $"{a.CoveredDays}/{a.YearDays}",
                        Money(a.AnnualFee, t.Currency), Money(a.Amount, t.Currency)))
                    .Append([new(t.ContractId, true), new(year, true), new("Total", true), new(""), new(""), new(""), new(""), new(Money(t.AdditionsTotal, t.Currency), true)]);
            }).ToList(), 1200);
    }

    private static IReadOnlyList<Cell> Row(params string[] cells) => cells.Select(c => new Cell(c)).ToList();

    private static DeckTone Tone(decimal? attainment, decimal goal) =>
        attainment is null ? DeckTone.Muted : attainment >= goal ? DeckTone.Good : DeckTone.Bad;
}
