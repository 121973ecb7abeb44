using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using UglyToad.PdfPig;

namespace JuniperFts.Host.Tests.Web;

public class ReportEndpointTests(SeededPortal seeded) : IClassFixture<SeededPortal>
{
    private readonly PortalFactory _portal = seeded.Portal;


    /// <summary>Every cell text of a sheet, for "is this account in the file" questions.</summary>
    private static HashSet<string> CellsOf(byte[] xlsx, string sheet)
    {
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        return workbook.Worksheet(sheet).CellsUsed().Select(c => c.GetString()).ToHashSet();
    }

    [Fact]
    public async Task Workbook_Leadership_EveryAccount()
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/reports/sla.xlsx?quarter=2026Q3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sla-2026Q3.xlsx", response.Content.Headers.ContentDisposition?.FileName);
        var cells = CellsOf(await response.Content.ReadAsByteArrayAsync(), "By account");
        Assert.Superset(new HashSet<string> { "A0001", "A0002", "A0003" }, cells);
    }

    [Fact]
    public async Task Workbook_ServiceManager_OnlyTheirAccountsInTheFile()
    {
        var response = await _portal.As(PortalFactory.ManagerToken).GetAsync("/api/reports/sla.xlsx?quarter=2026Q3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var cells = CellsOf(bytes, "By account");
        Assert.Contains("A0003", cells);
        Assert.DoesNotContain("A0001", cells);
        Assert.DoesNotContain("A0002", cells);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        Assert.DoesNotContain(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString() is "CS-1" or "CS-2" or "CS-3");
    }

    [Fact]
    public async Task Workbook_BadQuarter_400()
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/reports/sla.xlsx?quarter=Q3");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(PortalFactory.LeadershipToken)]
    [InlineData(PortalFactory.FinanceToken)]
    public async Task TrueUp_DueDate_StatementsOfYearsEndedByThen(string token)
    {
        // Every contract runs 2025-01-01 to 2026-12-31: year 1 ended on 2025-12-31, year 2 ends on 2026-12-31.
        var json = JsonDocument.Parse(await _portal.As(token).GetStringAsync("/api/trueup?due=2026-11-24")).RootElement;
        Assert.Equal("2026-11-24", json.GetProperty("due").GetString());
        var statements = json.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(["C-1001/1", "C-1002/1", "C-1003/1"], statements.Select(s => $"{s.GetProperty("contract_id").GetString()}/{s.GetProperty("contract_year").GetInt32()}"));
        Assert.Equal("2025-12-31", statements[0].GetProperty("year_end").GetString());
        Assert.Equal(1, statements[0].GetProperty("baseline").GetProperty("units").GetInt32());
        Assert.Equal("1000.00", statements[0].GetProperty("baseline").GetProperty("annual_fee").GetString());

        var later = JsonDocument.Parse(await _portal.As(token).GetStringAsync("/api/trueup?due=2026-12-31")).RootElement;
        Assert.Equal(6, later.GetProperty("statements").GetArrayLength());
    }

    [Fact]
    public async Task TrueUp_NoOrBadDue_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _portal.As(PortalFactory.FinanceToken).GetAsync("/api/trueup")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _portal.As(PortalFactory.FinanceToken).GetAsync("/api/trueup?due=31/12/2026")).StatusCode);
    }

    [Fact]
    public async Task TrueUpPdf_Finance_TheStatementOfThatYear()
    {
        var response = await _portal.As(PortalFactory.FinanceToken).GetAsync("/api/trueup/C-1002/1.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("TU-C-1002-1.pdf", response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        Assert.Contains(words, w => w.Contains("C-1002", StringComparison.Ordinal));
        Assert.DoesNotContain(words, w => w.Contains("C-1001", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/trueup/C-9999/1.pdf", HttpStatusCode.NotFound)]
    [InlineData("/api/trueup/C-1001/3.pdf", HttpStatusCode.NotFound)]
    [InlineData("/api/trueup/C-1001/one.pdf", HttpStatusCode.BadRequest)]
    public async Task TrueUpPdf_NoSuchStatement_NotFoundOrBadRequest(string path, HttpStatusCode expected)
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/trueup/C-9999/1.pdf", "contract: no contract 'C-9999'")]
    [InlineData("/api/trueup/C-1001/3.pdf", "year: contract C-1001 has contract year")]
    public async Task TrueUpPdf_NoSuchStatement_MessageNamesTheParameterNotACommandLineOption(string path, string start)
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync(path);

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        Assert.StartsWith(start, error);
        Assert.DoesNotContain("--", error);
    }

    [Theory]
    [InlineData(PortalFactory.LeadershipToken)]
    [InlineData(PortalFactory.ManagerToken)]
    public async Task ReviewPack_LeadershipOrTheAccountsManager_PackOfThatAccount(string token)
    {
        var response = await _portal.As(token).GetAsync("/api/accounts/A0003/review-pack.pdf?quarter=2026Q3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("review-pack-A0003-2026Q3.pdf", response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var words = pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        // The header reads "Customer 3 (A0003) · 2026Q3".
        Assert.Contains("(A0003)", words);
        Assert.DoesNotContain(words, w => w.Contains("A0001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewPack_UnknownAccountForLeadership_404()
    {
        var response = await _portal.As(PortalFactory.LeadershipToken).GetAsync("/api/accounts/A9999/review-pack.pdf?quarter=2026Q3");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(PortalFactory.LeadershipToken)]
    [InlineData(PortalFactory.ManagerToken)]
    public async Task ReviewDeck_LeadershipOrTheAccountsManager_ValidDeckOfThatAccount(string token)
    {
        var response = await _portal.As(token).GetAsync("/api/accounts/A0003/review-deck.pptx?quarter=2026Q3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.presentationml.presentation", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("review-deck-A0003-2026Q3.pptx", response.Content.Headers.ContentDisposition?.FileName);
        var deck = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(Reports.Tests.ReviewDeck.DeckReader.Validate(deck));
        var texts = Reports.Tests.ReviewDeck.DeckReader.Read(deck).SelectMany(s => s.Texts).ToList();
        Assert.Contains(texts, t => t.Contains("(A0003)", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("A0001", StringComparison.Ordinal));
    }
}
