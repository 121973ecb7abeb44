using ClosedXML.Excel;
using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;
using UglyToad.PdfPig;
using Sheets = JuniperFts.Reports.Excel.SlaWorkbookRenderer.Sheets;

namespace JuniperFts.Host.Tests.Ingest;

/// <summary>
/// A NUL and other control characters inside text fields, as some exports write them: the whole text is stored with
/// each such character replaced by U+FFFD (never cut at the NUL), and the workbook and the review pack render it.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    // (A lone surrogate, the other thing xlsx cannot carry, cannot be written in a UTF-8 file at all: CarriedTextTests.)
    private const string Title = "Router\0 down\u0001 after\u001F upgrade\u000B of \u0008 line cards";
    private const string Stored = "Router\uFFFD down\uFFFD after\uFFFD upgrade\uFFFD of \uFFFD line cards";
    private const string Name = "Acme\0 Networks";

    private readonly TempWarehouse _store = new();
    private readonly Drop _drop = new Drop()
        .Set("accounts", $"A1,{Name},US,sm@vendor.example")
        // Breached (four hours to answer a P1 on a 24x7 contract), so the workbook and the pack list its title.
        .Add("cases", $"K2,A1,S1,SN1,P1,2026-03-03T10:00:00Z,2026-03-03T14:00:00Z,2026-03-04T10:00:00Z,,E1,{Title}");

    public void Dispose()
    {
        _store.Dispose();
        _drop.Dispose();
    }

    public static TheoryData<string> Formats => new() { "csv", "xlsx" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Ingest_NulAndControlCharactersInText_StoredWholeWithReplacementsAndReportsRender(string format)
    {
        var folder = _drop.Write();
        if (format == "xlsx") folder = XlsxTwinTests.XlsxTwin(folder, _store.PathOf("xlsx"));

        var ingest = Fts.Run("ingest", folder, "--db", _store.DatabasePath);

        Assert.Equal(0, ingest.Exit);
        Assert.Equal(Stored, _store.Scalar<string>("SELECT title FROM cases WHERE case_number = 'K2'"));
        Assert.Equal("Acme\uFFFD Networks", _store.Scalar<string>("SELECT name FROM accounts WHERE account_id = 'A1'"));
        Assert.Equal(0L, _store.Scalar<long>("SELECT count(*) FROM quarantine"));

        var xlsx = _store.PathOf("sla.xlsx");
        var pdf = _store.PathOf("pack.pdf");
        Assert.Equal(0, Fts.Run("report", "excel", "--quarter", "2026Q1", "--as-of", "2026-04-01T00:00:00Z", "--out", xlsx, "--db", _store.DatabasePath).Exit);
        Assert.Equal(0, Fts.Run("report", "review-pack", "--account", "A1", "--quarter", "2026Q1", "--as-of", "2026-04-01T00:00:00Z", "--out", pdf, "--db", _store.DatabasePath).Exit);

        using (var workbook = new XLWorkbook(xlsx))
        {
            var breach = workbook.Worksheet(Sheets.Breaches).Tables.Single().DataRange.Rows().Single(r => r.Cell(1).GetString() == "K2");
            Assert.Equal(Stored, breach.Cell(15).GetString());
        }
        using var document = PdfDocument.Open(pdf);
        var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("K2", words);
        // The words after the NUL made it into the pack: nothing was cut.
        Assert.Contains("upgrade", words);
        Assert.Contains("Networks", words);
    }
}
