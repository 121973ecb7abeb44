using System.Globalization;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Charts;
using JuniperFts.Reports.Pdf;
using NodaTime;
using NodaTime.Text;
using static JuniperFts.Reports.ReviewPack.ReviewPackText;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>Lays a <see cref="ReviewPackModel"/> out as an A4 landscape deck: one section per page, each bookmarked.</summary>
/// <remarks>Computes nothing: every figure is in the model; this class only formats and places it.</remarks>
internal static class ReviewPackRenderer
{
    /// <summary>The cover names the engineers with most cases; the rest are counted, so the cover stays one page.</summary>
    private const int CoverEngineers = 8;

    public static void Render(ReviewPackModel m, Stream output)
    {
        var account = $"{m.Account.Name} ({m.Account.Id})";
        using var pdf = new PdfDocumentBuilder($"Quarterly service review · {account} · {m.Quarter}", m.AsOf);
        pdf.Footer($"Data as of {Minute.Format(m.AsOf)} UTC · {account} · {m.Quarter}");

        Cover(pdf, m, account);
        Attainment(pdf, m);
        Volume(pdf, m);
        Breaches(pdf, m);
        Resolution(pdf, m);
        Risks(pdf, m);
        NextQuarter(pdf, m);
        pdf.Save(output);
    }

    private static void Cover(PdfDocumentBuilder pdf, ReviewPackModel m, string account)
    {
        var q = m.Quarter;
        pdf.Title("Quarterly service review", $"{account} · {q} ({Day.Format(q.Start)} to {Day.Format(q.End.PlusDays(-1))})", bookmark: "Cover");
        var h = m.Headline;
        pdf.Metrics(
        [
            new("SLA attainment (first response)", Pct(h.Attainment), Tone(h.Attainment, m.Attainment.Goal)),
            new("Cases in the quarter", Count(h.Cases)),
            new("Eligible for SLA", Count(h.Eligible)),
            new("Breached", Count(h.Breached), h.Breached > 0 ? PdfTone.Bad : PdfTone.Good),
            new(m.QuarterComplete ? "P1/P2 open at quarter end" : "P1/P2 open at the as-of", Count(h.OpenUrgent), h.OpenUrgent > 0 ? PdfTone.Warning : PdfTone.Good),
        ]);
        if (m.NoCases)
            pdf.Notice($"No cases were created for this account in {q}. The pack still lists its contracts, installed-base risks and the coming quarter.", PdfTone.Warning);
        if (!m.QuarterComplete)
            pdf.Notice($"{q} was still running at the as-of ({Minute.Format(m.AsOf)} UTC): figures cover the quarter so far.", PdfTone.Warning);

        pdf.KeyValues(
        [
            ("Account", account),
            ("Country", m.Account.Country),
            ("Service manager", m.Account.ServiceManagerEmail ?? "not recorded"),
            ("Designated engineers", m.DesignatedEngineers.Count == 0
                ? "No engineer handled this account's cases in the last four quarters"
                : string.Join(", ", m.DesignatedEngineers.Take(CoverEngineers).Select(e => $"{e.Name} ({Cases(e.Cases)}{(e.SupportCentre is null ? "" : ", " + e.SupportCentre)})"))
                  + (m.DesignatedEngineers.Count > CoverEngineers ? $", and {m.DesignatedEngineers.Count - CoverEngineers} more with fewer cases" : "")),
        ]);

        pdf.SubHeading($"Contracts in force in {q}");
        pdf.Table(
            [new("Contract", 1.1), new("Site", 1), new("SKU", 1.6), new("Window", 0.7, PdfAlign.Center), new("Priorities", 1.1),
             new("Support centre", 1.3), new("Region", 1), new("Term", 2.4)],
            m.Contracts.Select(c => Row(c.ContractId, c.SiteId, c.Sku, c.Window, c.EntitledPriorities, c.SupportCentre, c.Region ?? "",
                $"{Day.Format(c.Start)} to {Day.Format(c.End)} ({c.TermMonths} months)")));
    }

    private static void Attainment(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        var a = m.Attainment;
        pdf.PageBreak().Heading("SLA attainment");
        pdf.Paragraph(ReviewPackText.Attainment(m.Quarter, a.Goal), PdfTone.Muted);
        pdf.Table(
            [new("Priority", 1.2), new("Response target", 1.2, PdfAlign.Right), new("Eligible", 1, PdfAlign.Right), new("Met", 1, PdfAlign.Right),
             new("Breached", 1, PdfAlign.Right), new("Pending", 1, PdfAlign.Right), new("Attainment", 1.2, PdfAlign.Right)],
            [.. a.ByPriority.Select(l => AttainmentRow(l, bold: false)), AttainmentRow(a.Total, bold: true)]);

        if (m.NoCases)
        {
            pdf.Notice($"No cases were created for this account in {m.Quarter}: there is no attainment to chart.");
        }
        else
        {
            var priorities = a.ByPriority.Select(l => l.Label).ToList();
            var bars = ChartPng.Bars(new ChartSpec($"Attainment by priority, {m.Quarter} (%)", priorities,
                [new ChartSeries("Attainment", a.ByPriority.Select(l => (double?)l.Attainment).ToList(), PdfTheme.Hex(PdfTheme.Primary))])
            {
                YMin = 0, YMax = 122, ValueFormat = "0.0", Width = 370, Height = 215,
                References = [new ChartReference((double)a.Goal, $"Goal {Pct(a.Goal)}")],
            });
            var outcomes = ChartPng.Bars(new ChartSpec($"Eligible cases by outcome, {m.Quarter}", priorities,
                [
                    new ChartSeries("Met", a.ByPriority.Select(l => NonZero(l.Met)).ToList(), PdfTheme.Hex(PdfTheme.Good)),
                    new ChartSeries("Breached", a.ByPriority.Select(l => NonZero(l.Breached)).ToList(), PdfTheme.Hex(PdfTheme.Bad)),
                    new ChartSeries("Pending", a.ByPriority.Select(l => NonZero(l.Pending)).ToList(), PdfTheme.Hex(PdfTheme.MutedText)),
                ])
            {
                YMin = 0, Width = 370, Height = 215, WholeNumbers = true,
            });
            pdf.Images([bars, outcomes]);
        }

        pdf.PageBreak().Heading("SLA trend");
        pdf.Paragraph(ReviewPackText.Trend(a.TrendQuarters.Count), PdfTone.Muted);
        if (a.Trend.Any(t => t.Attainment.Any(v => v is not null)))
            pdf.Image(ChartPng.Lines(AttainmentTrendChart.Spec(a.TrendQuarters.Select(q => q.ToString()).ToList(),
                a.Trend.Select(t => (t.Label, t.Attainment)).ToList(),
                a.Goal, $"Goal {Pct(a.Goal)}", 640, 235)), 640);
        pdf.Table(
            [new("Attainment", 1.4), .. a.TrendQuarters.Select(q => new PdfColumn(q.ToString(), 1, PdfAlign.Right))],
            a.Trend.Select(t => (IReadOnlyList<PdfCell>)
                [new PdfCell(t.Label, Bold: t.Label == a.Total.Label),
                 .. t.Attainment.Select((v, i) => new PdfCell(v is null ? None : $"{Pct(v)} ({t.Eligible[i]})", Tone(v, a.Goal), t.Label == a.Total.Label))]));
    }

    /// <summary>Zero draws no bar (and no "0" label) in a count chart.</summary>
    private static double? NonZero(long n) => n == 0 ? null : n;

    private static IReadOnlyList<PdfCell> AttainmentRow(AttainmentLine l, bool bold) =>
    [
        new(l.Label, Bold: bold),
        new(l.TargetSeconds is { } t ? Target(t) : "", Bold: bold),
        new(Count(l.Eligible), Bold: bold),
        new(Count(l.Met), Bold: bold),
        new(Count(l.Breached), l.Breached > 0 ? PdfTone.Bad : PdfTone.Normal, bold),
        new(Count(l.Pending), Bold: bold),
        new(Pct(l.Attainment), l.MeetsGoal switch { true => PdfTone.Good, false => PdfTone.Bad, null => PdfTone.Muted }, bold),
    ];

    private static void Volume(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        var v = m.Volume;
        pdf.PageBreak().Heading("Case volume");
        pdf.Paragraph(ReviewPackText.Volume(m.Quarter), PdfTone.Muted);
        if (m.NoCases)
        {
            pdf.Notice($"No cases were created for this account in {m.Quarter}.");
        }
        else
        {
            pdf.Table(
                [new("Platform", 2), .. Priorities.All.Select(p => new PdfColumn(p.Code(), 1, PdfAlign.Right)), new("Total", 1, PdfAlign.Right)],
                [.. v.ByPlatform.Select(l => VolumeRow(l, false)), VolumeRow(v.Total, true)]);
            pdf.Image(ChartPng.Bars(new ChartSpec("Cases by platform and priority", v.ByPlatform.Select(l => l.Platform).ToList(),
                Priorities.All.Select((p, i) => new ChartSeries(p.Code(), v.ByPlatform.Select(l => NonZero(l.ByPriority[i])).ToList())).ToList())
            {
                YMin = 0, Width = 560, Height = 200, WholeNumbers = true,
            }), 560);
        }

        pdf.SubHeading("Arrivals outside business hours on 8x5 contracts");
        if (v.AfterHours.Count == 0)
            pdf.Notice($"No eligible case on an 8x5 contract in {m.Quarter}.");
        else
            pdf.Table(
                [new("Contract", 1.2), new("Support centre", 1.4), new("Eligible cases", 1, PdfAlign.Right), new("After hours", 1, PdfAlign.Right), new("Share", 1, PdfAlign.Right)],
                v.AfterHours.Select(l => Row(l.ContractId, l.SupportCentre, Count(l.Cases), Count(l.AfterHours), Share(l.SharePct))));
    }

    private static IReadOnlyList<PdfCell> VolumeRow(VolumeLine l, bool bold) =>
        [new(l.Platform, Bold: bold), .. l.ByPriority.Select(n => new PdfCell(Count(n), n == 0 ? PdfTone.Muted : PdfTone.Normal, bold)), new(Count(l.Total), Bold: true)];

    private static void Breaches(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        pdf.PageBreak().Heading("Breached cases");
        pdf.Paragraph(ReviewPackText.Breaches, PdfTone.Muted);
        if (m.NoCases)
            pdf.Notice($"No cases were created for this account in {m.Quarter}.");
        else if (m.BreachedCases.Count == 0)
            pdf.Notice($"No breached case in {m.Quarter}.", PdfTone.Good);
        else
            pdf.Table(
                [new("Case", 1.1), new("Priority", 0.75, PdfAlign.Center), new("Window", 0.75, PdfAlign.Center), new("Created", 1.3), new("Responded", 1.3),
                 new("Elapsed", 0.9, PdfAlign.Right), new("Target", 0.9, PdfAlign.Right), new("Over by", 0.9, PdfAlign.Right), new("Title", 2.5)],
                m.BreachedCases.Select(c => (IReadOnlyList<PdfCell>)
                [
                    new(c.CaseNumber, Bold: true), c.Priority.Code(), c.Window?.Code() ?? "", Minute.Format(c.CreatedAt),
                    c.FirstResponseAt is { } r ? Minute.Format(r) : new PdfCell("no response", PdfTone.Bad),
                    Elapsed(c.ElapsedSeconds), Elapsed(c.TargetSeconds), new(Elapsed(c.OverBySeconds), PdfTone.Bad), c.Title ?? "",
                ]));

        pdf.SubHeading(m.QuarterComplete ? "P1/P2 cases still open at quarter end" : "P1/P2 cases open at the as-of");
        if (m.OpenUrgentCases.Count == 0)
            pdf.Notice("No P1 or P2 case was open.", PdfTone.Good);
        else
            pdf.Table(
                [new("Case", 1.1), new("Priority", 0.7, PdfAlign.Center), new("Created", 1.3), new("Responded", 1.3), new("SLA status", 1), new("Platform", 1), new("Title", 3)],
                m.OpenUrgentCases.Select(c => (IReadOnlyList<PdfCell>)
                [
                    new(c.CaseNumber, Bold: true), new(c.Priority.Code(), c.Priority == Priority.P1 ? PdfTone.Bad : PdfTone.Warning), Minute.Format(c.CreatedAt),
                    c.FirstResponseAt is { } r ? Minute.Format(r) : new PdfCell("no response", PdfTone.Bad),
                    new(c.Status.Code(), c.Status == SlaStatus.Breached ? PdfTone.Bad : PdfTone.Normal), c.Platform ?? "Unknown", c.Title ?? "",
                ]));
    }

    private static void Resolution(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        pdf.Heading("Resolution time");
        pdf.Paragraph(ReviewPackText.Resolution, PdfTone.Muted);
        if (m.NoCases)
        {
            pdf.Notice($"No cases were created for this account in {m.Quarter}.");
            return;
        }
        pdf.Table(
            [new("Priority", 1.4), new("Resolved", 1, PdfAlign.Right), new("Not yet resolved", 1.2, PdfAlign.Right), new("Median", 1.2, PdfAlign.Right), new("90th percentile", 1.2, PdfAlign.Right)],
            [.. m.Resolution.ByPriority.Select(l => ResolutionRow(l, false)), ResolutionRow(m.Resolution.Total, true)]);
    }

    private static IReadOnlyList<PdfCell> ResolutionRow(ResolutionLine l, bool bold) =>
    [
        new(l.Label, Bold: bold), new(Count(l.Resolved), Bold: bold), new(Count(l.Unresolved), l.Unresolved > 0 ? PdfTone.Warning : PdfTone.Normal, bold),
        new(Hours(l.MedianSeconds), Bold: bold), new(Hours(l.P90Seconds), Bold: bold),
    ];

    private static void Risks(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        var r = m.Risks;
        pdf.PageBreak().Heading("Installed-base risks");
        pdf.SubHeading($"Units reaching end of support from {Day.Format(r.EndOfSupportFrom)} to {Day.Format(r.EndOfSupportUntil)}");
        if (r.EndOfSupport.Count == 0)
            pdf.Notice("No covered unit reaches its end of support in the next 12 months.", PdfTone.Good);
        else
            pdf.Table(
                [new("Serial number", 1.3), new("Model", 1.1), new("Platform", 1), new("Contract", 1), new("End of support", 1.1), new("Days left", 0.8, PdfAlign.Right)],
                r.EndOfSupport.Select(u => Row(u.SerialNumber, u.Model, u.Platform, u.ContractId, Day.Format(u.EndOfSupport),
                    new PdfCell(u.DaysLeft.ToString(CultureInfo.InvariantCulture), u.DaysLeft <= 90 ? PdfTone.Bad : PdfTone.Warning))));

        pdf.SubHeading($"Gray-market or unregistered serials in {m.Quarter}'s cases");
        if (r.SerialIssues.Count == 0)
            pdf.Notice("Every case was raised on a registered serial bought through an authorised channel.", PdfTone.Good);
        else
            pdf.Table(
                [new("Serial number", 1.3), new("Issue", 1.2), new("Cases", 0.8, PdfAlign.Right), new("Latest case", 1.2)],
                r.SerialIssues.Select(s => Row(s.SerialNumber, new PdfCell(s.Issue, PdfTone.Bad), Count(s.Cases), s.LastCase)));

        pdf.SubHeading("Compliance findings");
        if (r.Compliance.Count == 0)
            pdf.Notice("No compliance finding for this account.", PdfTone.Good);
        else
            pdf.Table(
                [new("Finding", 1.4), new("Subject", 1), new("Detail", 4)],
                r.Compliance.Select(f => Row(FindingName(f.Kind), f.Subject, f.Detail)));
    }

    private static void NextQuarter(PdfDocumentBuilder pdf, ReviewPackModel m)
    {
        var n = m.NextQuarter;
        pdf.PageBreak().Heading($"Next quarter: {n.Quarter}");
        pdf.SubHeading("Your expected cases");
        if (n.Expected is not { } e)
        {
            pdf.Notice(n.ExpectedUnavailable ?? "The expected cases are not available.");
        }
        else
        {
            pdf.Paragraph(ReviewPackText.Expected(e, n.Quarter), PdfTone.Muted);
            pdf.Metrics(
            [
                new($"Expected cases in {n.Quarter}", Whole(e.Cases)),
                new("Range", $"{Whole(e.Low)} to {Whole(e.High)}"),
                new($"Cases in the last {ReviewPackQuery.ShareWeeks} weeks", Count(e.HistoryCases)),
            ]);
            pdf.Table(
                [new("Region", 1.2), new("Platform", 1.2), new($"Cases in the last {ReviewPackQuery.ShareWeeks} weeks", 1.4, PdfAlign.Right),
                 new("Expected cases", 1, PdfAlign.Right), new("Range", 1.1, PdfAlign.Right)],
                e.ByPlatform.Select(r => Row(r.Region, new PdfCell(r.Platform, Bold: true), Count(r.HistoryCases), Whole(r.Cases), $"{Whole(r.Low)} to {Whole(r.High)}")));
            pdf.Image(ChartPng.Lines(new ChartSpec($"Your expected cases a week, {n.Quarter}", e.Weeks.Select(w => w.Week).ToList(),
                [
                    new ChartSeries("Expected", e.Weeks.Select(w => (double?)w.Cases).ToList(), PdfTheme.Hex(PdfTheme.Primary)),
                    new ChartSeries("Low", e.Weeks.Select(w => (double?)w.Low).ToList(), PdfTheme.Hex(PdfTheme.MutedText)),
                    new ChartSeries("High", e.Weeks.Select(w => (double?)w.High).ToList(), PdfTheme.Hex(PdfTheme.MutedText)),
                ])
            {
                YMin = 0, Width = 560, Height = 190,
            }), 560);
        }

        pdf.SubHeading($"True-up preview on {Day.Format(n.TrueUpAsOf)}");
        if (n.TrueUp.Count == 0)
        {
            pdf.Notice($"No contract of this account is in a contract year on {Day.Format(n.TrueUpAsOf)}.");
            return;
        }
        pdf.Paragraph(ReviewPackText.TrueUp, PdfTone.Muted);
        pdf.Table(
            [new("Contract", 1), new("Year", 1.9), new("Serial number", 1.2), new("Model", 1), new("Covered from", 1), new("Days", 0.9, PdfAlign.Right),
             new("Annual fee", 1, PdfAlign.Right), new("Charge", 1, PdfAlign.Right)],
            n.TrueUp.SelectMany(t =>
            {
                var year = $"{t.Year}: {Day.Format(t.YearStart)} to {Day.Format(t.YearLastDay)}";
                if (t.Additions.Count == 0)
                    return [Row(t.ContractId, year, new PdfCell("no additions so far", PdfTone.Muted), "", "", "", "", Figures.Money(0, t.Currency))];
                return t.Additions.Select(a => Row(t.ContractId, year, a.SerialNumber, a.Model, Day.Format(a.CoveredFrom),
                        $"{a.CoveredDays}/{a.YearDays}", Figures.Money(a.AnnualFee, t.Currency), Figures.Money(a.Amount, t.Currency)))
                    .Append(Row(new PdfCell(t.ContractId, Bold: true), new PdfCell(year, Bold: true), new PdfCell("Total", Bold: true), "", "", "", "",
                        new PdfCell(Figures.Money(t.AdditionsTotal, t.Currency), Bold: true)));
            }));
    }

    private static IReadOnlyList<PdfCell> Row(params PdfCell[] cells) => cells;

    private static PdfTone Tone(decimal? attainment, decimal goal) =>
        attainment is null ? PdfTone.Muted : attainment >= goal ? PdfTone.Good : PdfTone.Bad;
}
