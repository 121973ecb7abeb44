using System.Net;
using System.Text.Json;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Sla;
using JuniperFts.Reports.TrueUp;

namespace JuniperFts.Host.Tests.Web;

/// <summary>The drill-down endpoints of web.md over <see cref="PortalData"/>: trend, accounts, an account's cases, a case's explanation, the statements' files.</summary>
public class AccountEndpointTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    private readonly PortalFactory _portal = seeded.Portal;

    private async Task<JsonElement> GetJsonAsync(string token, string path)
    {
        var response = await _portal.As(token).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Trend_TwoQuarters_TotalThenPerPriority_OldestFirst()
    {
        var trend = await GetJsonAsync(PortalFactory.LeadershipToken, "/api/sla/trend?quarters=2&by=priority&quarter=2026Q3");

        Assert.Equal(["2026Q2", "2026Q3"], trend.GetProperty("quarters").EnumerateArray().Select(q => q.GetString()));
        var lines = trend.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([null, "P1", "P2", "P3"], lines.Select(l => l.GetProperty("key").GetString()));
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("points")[0].GetProperty("attainment_pct").ValueKind);
        Assert.Equal(60.00m, lines[0].GetProperty("points")[1].GetProperty("attainment_pct").GetDecimal());
        Assert.Equal(5, lines[0].GetProperty("points")[1].GetProperty("eligible").GetInt32());
        Assert.Equal(50.00m, lines[1].GetProperty("points")[1].GetProperty("attainment_pct").GetDecimal());
    }

    [Fact]
    public async Task Accounts_ServiceManager_OwnAccountOnlyWithItsFigures()
    {
        var answer = await GetJsonAsync(PortalFactory.ManagerToken, "/api/accounts?quarter=2026Q3");

        var account = Assert.Single(answer.GetProperty("accounts").EnumerateArray());
        Assert.Equal("A0003", account.GetProperty("account_id").GetString());
        Assert.Equal("Customer 3", account.GetProperty("name").GetString());
        Assert.Equal("SM3@vendor.example", account.GetProperty("service_manager").GetString());
        Assert.Equal(50.00m, account.GetProperty("attainment_pct").GetDecimal());
        Assert.Equal((2, 1, 0), (account.GetProperty("eligible").GetInt32(), account.GetProperty("breached").GetInt32(), account.GetProperty("open_p1_p2").GetInt32()));

        var all = await GetJsonAsync(PortalFactory.LeadershipToken, "/api/accounts?quarter=2026Q3");
        Assert.Equal(["A0001", "A0002", "A0003"], all.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account_id").GetString()));
    }

    [Fact]
    public async Task Cases_FilteredByStatus_AsSlaCasesNamesThem_BadStatus400()
    {
        var breached = await GetJsonAsync(PortalFactory.ManagerToken, "/api/accounts/A0003/cases?quarter=2026Q3&status=breached");
        var only = Assert.Single(breached.GetProperty("cases").EnumerateArray());
        Assert.Equal(("CS-5", "breached", 2400L, 1800L), (only.GetProperty("case_number").GetString(), only.GetProperty("status").GetString(),
            only.GetProperty("elapsed_seconds").GetInt64(), only.GetProperty("target_seconds").GetInt64()));

        var all = await GetJsonAsync(PortalFactory.LeadershipToken, "/api/accounts/A0001/cases?quarter=2026Q3");
        Assert.Equal(["CS-1", "CS-2"], all.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("case_number").GetString()));

        var bad = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/accounts/A0001/cases?status=late");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status: 'late' is not one of", await bad.Content.ReadAsStringAsync());
        var none = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/accounts/A9999/cases");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Theory]
    [InlineData("CS-1")]
    [InlineData("CS-2")]
    [InlineData("CS-3")]
    [InlineData("CS-4")]
    [InlineData("CS-5")]
    public async Task Explain_StepsAreTheLinesOfSlaExplain_BesideTheStoredRow(string number)
    {
        var json = await GetJsonAsync(PortalFactory.LeadershipToken, $"/api/cases/{number}/explain");

        // What `fts sla explain` prints is SlaExplanation.Lines(), line by line.
        var cli = SlaExplanation.Of(_portal.Store.Warehouse, ReferenceData.BuiltIn, number, _portal.Clock.GetCurrentInstant());
        Assert.Equal(cli.Lines(), json.GetProperty("steps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(cli.Status.Code(), json.GetProperty("verdict").GetProperty("status").GetString());
        Assert.Equal(number, json.GetProperty("stored").GetProperty("case_number").GetString());
        Assert.True(json.GetProperty("agrees").GetBoolean());
        Assert.Single(json.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("wins").GetBoolean());
    }

    [Fact]
    public async Task Explain_ServiceManagerOwnCase_AndUnknownCaseForLeadership404()
    {
        var mine = await GetJsonAsync(PortalFactory.ManagerToken, "/api/cases/CS-5/explain");
        Assert.Equal("breached", mine.GetProperty("verdict").GetProperty("status").GetString());
        Assert.Equal(2400, mine.GetProperty("verdict").GetProperty("elapsed_seconds").GetInt32());

        var none = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/cases/NOPE/explain");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task TrueUpFiles_CsvJsonAndSummaryWorkbook_AsTheStatementStands()
    {
        var finance = _portal.As(PortalFactory.FinanceToken);
        var statement = new TrueUpService(_portal.Store.Warehouse, _portal.Clock).Statement("C-1001", 1);

        Assert.Equal(TrueUpJson.Write(statement), await finance.GetStringAsync("/api/trueup/C-1001/1.json"));
        var csv = await finance.GetAsync("/api/trueup/C-1001/1.csv");
        Assert.Equal("TU-C-1001-1.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith(TrueUpCsv.Header, await csv.Content.ReadAsStringAsync());

        var summary = await finance.GetAsync("/api/trueup/summary.xlsx?due=2026-06-30");
        Assert.Equal("trueup-summary-2026-06-30.xlsx", summary.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await summary.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Statements");
        Assert.Equal(["TU-C-1001-1", "TU-C-1002-1", "TU-C-1003-1"], Enumerable.Range(2, 3).Select(r => sheet.Cell(r, 1).GetString()));
        Assert.Equal("due, not issued yet", sheet.Cell(2, 2).GetString());
    }

    [Fact]
    public async Task Summary_ANewBatch_VisibleAtTheNextRequest()
    {
        using var portal = new PortalFactory();
        PortalData.Seed(portal.Store);
        var client = portal.As(PortalFactory.LeadershipToken);
        async Task<long> P1Eligible() => JsonDocument.Parse(await client.GetStringAsync("/api/sla/summary?quarter=2026Q3&by=priority"))
            .RootElement.GetProperty("rows")[0].GetProperty("eligible").GetInt64();
        Assert.Equal(2, await P1Eligible());
        Assert.Equal(2, await P1Eligible()); // the same answer, from the cache

        // A batch arrives (as an ingest writes it) with one more P1 case, and the SLA refresh evaluates it.
        PortalData.Case(portal.Store.Seed(), "CS-10", "A0001", "P1", new DateTime(2026, 7, 3, 10, 0, 0, DateTimeKind.Utc), minutes: 5);
        portal.Store.Execute("INSERT INTO ingest_batches (batch_id, started_at, finished_at, source_folder) VALUES (7, now(), now(), 'drop/next')");
        SlaRefresh.RunAll(portal.Store.Warehouse, ReferenceData.BuiltIn);

        Assert.Equal(3, await P1Eligible());
    }
}
