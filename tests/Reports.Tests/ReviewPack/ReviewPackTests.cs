using System.Globalization;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Sla;
using JuniperFts.Reports.Tests.Pdf;
using NodaTime;
using UglyToad.PdfPig;

namespace JuniperFts.Reports.Tests.ReviewPack;

public class ReviewPackTests(ReviewPackScenarioFixture scenario) : IClassFixture<ReviewPackScenarioFixture>
{
    private static readonly ReferenceData Reference = ReferenceData.BuiltIn;

    private static byte[] Pack(Store.Tests.Support.TempWarehouse temp, string account)
    {
        using var output = new MemoryStream();
        ReviewPacks.Write(temp.Warehouse, Reference, account, ReviewPackScenario.Quarter, ReviewPackScenario.AsOf, output, ReviewPackScenario.Options);
        return output.ToArray();
    }

    [Fact]
    public void Build_Scenario_AttainmentAsComputedByHand()
    {
        var m = scenario.Model("A1");

        Assert.Equal(new ReviewPackHeadline(Cases: 9, Eligible: 7, Met: 5, Breached: 2, Pending: 0, Attainment: 71.43m, OpenUrgent: 1), m.Headline);
        Assert.Equal([50.00m, 50.00m, 100.00m, 100.00m], m.Attainment.ByPriority.Select(l => l.Attainment));
        Assert.Equal([900L, 1800L, 7200L, 14400L], m.Attainment.ByPriority.Select(l => l.TargetSeconds!.Value));
        Assert.Equal([false, false, true, true], m.Attainment.ByPriority.Select(l => l.MeetsGoal!.Value));
        Assert.True(m.QuarterComplete);
    }

    [Fact]
    public void Build_Scenario_TrendStartsAtFourQuartersWhenDataIsYounger()
    {
        var a = scenario.Model("A1").Attainment;

        Assert.Equal(["2025Q2", "2025Q3", "2025Q4", "2026Q1"], a.TrendQuarters.Select(q => q.ToString()));
        var all = a.Trend.Single(t => t.Label == "All priorities");
        Assert.Equal([null, 100.00m, 50.00m, 71.43m], all.Attainment);
        Assert.Equal([0L, 1L, 2L, 7L], all.Eligible);
        Assert.Equal(["All priorities", "P1", "P2", "P3", "P4"], a.Trend.Select(t => t.Label));
    }

    [Fact]
    public void Build_Scenario_CoverListsEngineersMostCasesFirstAndContractsInForce()
    {
        var m = scenario.Model("A1");

        Assert.Equal([("Ada Lovelace", 7L), ("Grace Hopper", 5L)], m.DesignatedEngineers.Select(e => (e.Name, e.Cases)));
        Assert.Equal(["K1", "K2"], m.Contracts.Select(c => c.ContractId));
        var k2 = m.Contracts[1];
        Assert.Equal(("SVC-FTS-BD", "8x5", "HERNDON", "AMERICAS", 24, "P1, P2, P3, P4"), (k2.Sku, k2.Window, k2.SupportCentre, k2.Region, k2.TermMonths, k2.EntitledPriorities));
    }

    [Fact]
    public void Build_Scenario_VolumeAfterHoursBreachesAndOpenCases()
    {
        var m = scenario.Model("A1");

        Assert.Equal([3L, 3L, 2L, 1L], m.Volume.Total.ByPriority);
        Assert.Equal(9, m.Volume.Total.Total);
        var routing = m.Volume.ByPlatform.Single(l => l.Platform == "Routing");
        Assert.Equal([2L, 0L, 1L, 1L], routing.ByPriority);
        Assert.Equal("Unknown", m.Volume.ByPlatform[^1].Platform);
        Assert.Equal(new AfterHoursLine("K2", "HERNDON", 2, 1, 50.0m), Assert.Single(m.Volume.AfterHours));

        Assert.Equal(["C-102", "C-107"], m.BreachedCases.Select(c => c.CaseNumber));
        Assert.Equal((1200L, 300L), (m.BreachedCases[0].ElapsedSeconds!.Value, m.BreachedCases[0].OverBySeconds!.Value));
        Assert.Null(m.BreachedCases[1].FirstResponseAt);
        Assert.Equal("C-107", Assert.Single(m.OpenUrgentCases).CaseNumber);
    }

    [Fact]
    public void Build_Scenario_ResolutionStatisticsAsComputedByHand()
    {
        var r = scenario.Model("A1").Resolution;

        // Resolved: P1 4 h and 24 h, P2 12 h, P3 3 h, P4 69 h (Saturday 15:00 to Tuesday 12:00).
        Assert.Equal(("P1", 2L, 0L), (r.ByPriority[0].Label, r.ByPriority[0].Resolved, r.ByPriority[0].Unresolved));
        Assert.Equal(14 * 3600, r.ByPriority[0].MedianSeconds!.Value, 3);
        Assert.Equal(22 * 3600, r.ByPriority[0].P90Seconds!.Value, 3);
        Assert.Equal(("All priorities", 5L, 2L), (r.Total.Label, r.Total.Resolved, r.Total.Unresolved));
        Assert.Equal(12 * 3600, r.Total.MedianSeconds!.Value, 3);
        Assert.Equal(51 * 3600, r.Total.P90Seconds!.Value, 3);
    }

    [Fact]
    public void Build_Scenario_RisksListEndOfSupportSerialsAndFindings()
    {
        var r = scenario.Model("A1").Risks;

        var unit = Assert.Single(r.EndOfSupport);
        Assert.Equal(("SN-R1", "K1", 182), (unit.SerialNumber, unit.ContractId, unit.DaysLeft));
        Assert.Equal([("SN-G1", "gray market", "C-105"), ("SN-X9", "unregistered", "C-106")], r.SerialIssues.Select(s => (s.SerialNumber, s.Issue, s.LastCase)));
        Assert.Equal(["representatives_out_of_range", "site_without_primary_contact"], r.Compliance.Select(f => f.Kind));
    }

    [Fact]
    public void Write_Scenario_PdfFiguresEqualSlaSummaryByAccount()
    {
        var summary = new SlaQueries(scenario.Temp.Warehouse, Reference)
            .Summary(ReviewPackScenario.AsOf, ["account"], new SlaFilter(ReviewPackScenario.Quarter, new HashSet<string> { "A1" }))
            .Single();

        var pdf = scenario.A1;

        // The attainment page's total row: All priorities | target (blank) | eligible | met | breached | pending | attainment.
        var total = PdfText.LinesPerPage(pdf)[1].First(l => l.StartsWith("All priorities ", StringComparison.Ordinal)).Split(' ');
        var figures = total[2..];
        Assert.Equal(
            [summary.Eligible.ToString(CultureInfo.InvariantCulture), summary.Met.ToString(CultureInfo.InvariantCulture),
             summary.Breached.ToString(CultureInfo.InvariantCulture), summary.Pending.ToString(CultureInfo.InvariantCulture),
             summary.AttainmentPct!.Value.ToString("0.00", CultureInfo.InvariantCulture), "%"],
            figures);
        // The cover's tiles: attainment, cases (9, excluded included), eligible, breached, open P1/P2 (1).
        Assert.Contains($"{summary.AttainmentPct.Value.ToString("0.00", CultureInfo.InvariantCulture)} % 9 {summary.Eligible} {summary.Breached} 1", PdfText.LinesPerPage(pdf)[0]);
    }

    [Fact]
    public void Write_AccountWithoutCasesInTheQuarter_StillAPackThatSaysSo()
    {
        var pdf = scenario.A2;

        var text = PdfText.Joined(pdf);
        Assert.Contains("No cases were created for this account in 2026Q1.", text);
        Assert.Contains("Quiet Co (A2)", text);
        Assert.Contains("K3", text);
        Assert.Contains("SN-Q1", text);
        Assert.Contains("No engineer handled this account's cases in the last four quarters", text);
    }

    [Fact]
    public void Write_Scenario_OneBookmarkPerSection()
    {
        using var document = PdfDocument.Open(scenario.A1);

        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(["Cover", "SLA attainment", "SLA trend", "Case volume", "Breached cases", "Resolution time", "Installed-base risks", "Next quarter: 2026Q2"],
            bookmarks.GetNodes().Select(n => n.Title));
    }

    [Fact]
    public void Build_Scenario_NextQuarterTheAccountsOwnExpectedCasesAndTrueUpPreview()
    {
        var n = scenario.Model("A1").NextQuarter;

        Assert.Equal("2026Q2", n.Quarter.ToString());
        var expected = Assert.IsType<ExpectedCases>(n.Expected);
        Assert.All(expected.ByPlatform, s => Assert.Equal("AMERICAS", s.Region));
        // The weeks whose Monday falls in 2026Q2: 2026-W15 (6 April) to 2026-W27 (29 June).
        Assert.Equal(("2026-W15", "2026-W27", 13), (expected.Weeks[0].Week, expected.Weeks[^1].Week, expected.Weeks.Count));
        Assert.Equal(expected.Weeks.Sum(w => w.Cases), expected.Cases, 6);
        Assert.Equal(expected.ByPlatform.Sum(s => s.Cases), expected.Cases, 6);
        Assert.InRange(expected.Cases, expected.Low, expected.High);
        Assert.Equal(expected.ByPlatform.Sum(s => s.HistoryCases), expected.HistoryCases);
        Assert.True(expected.HistoryCases > 0);

        Assert.Equal(new LocalDate(2026, 3, 31), n.TrueUpAsOf);
        Assert.Equal(["K1", "K2"], n.TrueUp.Select(t => t.ContractId));
        var k1 = n.TrueUp[0];
        Assert.Equal((2, new LocalDate(2026, 1, 1)), (k1.Year, k1.YearStart));
        var addition = Assert.Single(k1.Additions);
        Assert.Equal(("SN-N1", 320, 365, 3200.00m), (addition.SerialNumber, addition.CoveredDays, addition.YearDays, addition.Amount));
        Assert.Equal(3200.00m, k1.AdditionsTotal);
        Assert.Empty(n.TrueUp[1].Additions);
    }

    [Fact]
    public void Write_Scenario_NextQuarterPageShowsExpectedCasesAndTrueUpButNoStaffing()
    {
        var text = PdfText.Joined(scenario.A1);

        Assert.Contains("Your expected cases", text);
        // Vendor planning stays out of the customer's pack: no staffing figure, no other customers' volume.
        Assert.DoesNotContain("On shift", text);
        Assert.DoesNotContain("Rostered", text);
        Assert.DoesNotContain("Engineers a week", text);
        Assert.DoesNotContain("every account in the region", text);
        Assert.Contains("K1 2: 2026-01-01 to 2026-12-31 SN-N1 ACX7100 2026-02-15 320/365 3,650.00 USD 3,200.00 USD", text);
        Assert.Contains("Total", text);
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    public void Write_Scenario_MatchesGoldenWordDump(string account)
    {
        var pages = PdfText.LinesPerPage(account == "A1" ? scenario.A1 : scenario.A2);

        var dump = string.Concat(pages.Select((lines, i) => $"--- page {i + 1} ---\n" + string.Concat(lines.Select(l => l + "\n"))));
        Golden.Verify($"review-pack/{account}-2026Q1.txt", dump);
    }

    [Fact]
    public void Write_SameDataTwice_IdenticalBytes()
    {
        Assert.Equal(scenario.A1, scenario.Render("A1"));
    }

    [Fact]
    public void Write_UnknownAccount_UserErrorNamingIt()
    {
        var e = Assert.Throws<UserError>(() => scenario.Render("NOPE"));
        Assert.Contains("'NOPE'", e.Message);
    }

    [Fact]
    public void Write_ManyBreaches_TableContinuesWithItsHeaderOnTheNextPage()
    {
        using var temp = ReviewPackScenario.Create();
        var seed = temp.Seed();
        for (var i = 0; i < 40; i++)
            seed.Case($"C-9{i:D2}", "A2", "S3", "SN-Q1", "P1", new DateTime(2026, 2, 2, 9, 0, 0, DateTimeKind.Utc).AddDays(i % 5), title: "Unanswered");
        SlaRefresh.Run(temp.Warehouse, Reference);

        var pages = PdfText.LinesPerPage(Pack(temp, "A2"));

        // Breach rows carry the window (8x5) after the priority; the open-cases table does not.
        var breachPages = pages.Where(p => p.Any(l => l.StartsWith("C-9", StringComparison.Ordinal) && l.Contains(" P1 8x5 "))).ToList();
        Assert.True(breachPages.Count >= 2, $"expected the 40 breaches to span pages, got {breachPages.Count}");
        Assert.All(breachPages, p => Assert.Contains("Case Priority Window Created Responded Elapsed Target Over by Title", p));
        Assert.Equal(40, pages.SelectMany(p => p).Count(l => l.StartsWith("C-9", StringComparison.Ordinal) && l.Contains(" P1 8x5 ")));
    }

    [Fact]
    public void WriteAll_TwoAccounts_OnePackPerAccount()
    {
        var folder = scenario.Temp.PathOf("packs-" + Guid.NewGuid().ToString("N"));

        var written = ReviewPacks.WriteAll(scenario.Temp.Warehouse, Reference, ReviewPackScenario.Quarter, ReviewPackScenario.AsOf, folder, ReviewPackScenario.Options);

        Assert.Equal(["review-pack-A1-2026Q1.pdf", "review-pack-A2-2026Q1.pdf"], written.Select(Path.GetFileName));
        Assert.Equal(written.Order(StringComparer.Ordinal), Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        Assert.Contains("Acme Networks (A1)", PdfText.Joined(File.ReadAllBytes(written[0])));
    }

    [Fact]
    public void FileName_AccountWithUnsafeCharacters_Replaced()
    {
        Assert.Equal("review-pack-A_1_x-2026Q1.pdf", ReviewPacks.FileName("A/1 x", new Quarter(2026, 1)));
    }
}
