using ClosedXML.Excel;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.TrueUp;
using UglyToad.PdfPig;
using NodaTime.Testing;

namespace JuniperFts.Reports.Tests.TrueUp;

public class TrueUpRenderingTests
{
    [Fact]
    public void RenderPdf_IssuedStatement_PdfPigReadsNumberAndTotalsBack()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var run = new TrueUpService(temp.Warehouse, FakeClock.FromUtc(2026, 4, 2, 9, 0, 0)).IssueDue(TrueUpServiceTests.LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);
        KeepForLooking(temp.PathOf("out/TU-C-1001-2.pdf"));

        var words = Words(temp.PathOf("out/TU-C-1001-2.pdf"));

        Assert.Contains("TU-C-1001-2", words);
        Assert.Contains("1,627.40", words);   // the addition line and the additions total
        Assert.Contains("48,000.00", words);  // baseline annual fee
        Assert.Contains("51,000.00", words);  // next year's annual fee
        Assert.Contains("JN9", words);
        Assert.Contains("USD", words);
        Assert.Contains("SVC-FTS-24x7", words);
        Assert.Contains("Revision", words);
        Assert.Contains("2026-04-02", words);     // the issue date, from the clock
        Assert.Equal(2, run.Statements.Count);
    }

    [Fact]
    public void RenderPdf_NotIssued_MarkedDraft()
    {
        using var temp = new TempWarehouse();
        temp.Seed().EuroCoTerm();
        var service = new TrueUpService(temp.Warehouse, FakeClock.FromUtc(2026, 1, 5, 9, 0, 0));
        using var pdf = new MemoryStream();

        service.RenderPdf(service.Statement("C-2002", 1), pdf);

        using var doc = PdfDocument.Open(pdf.ToArray());
        var words = doc.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        Assert.Contains("Draft,", words);
        Assert.Contains("920.00", words);
        Assert.Contains("EUR", words);
        Assert.Contains("(co-termed)", words);
    }

    [Fact]
    public void IssueDue_TwoCurrencies_ExcelSummaryReadsBackPerStatementAndPerCurrency()
    {
        using var temp = new TempWarehouse();
        temp.CliExample().EuroCoTerm();

        var run = new TrueUpService(temp.Warehouse, FakeClock.FromUtc(2026, 4, 2, 9, 0, 0)).IssueDue(TrueUpServiceTests.LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);

        Assert.Equal(temp.PathOf("out/trueup-summary-2026-03-31.xlsx"), run.SummaryPath);
        using var book = new XLWorkbook(run.SummaryPath);
        var statements = book.Worksheet("Statements");
        Assert.Equal("statement_number", statements.Cell(1, 1).GetString());
        // C-1001 years 1 and 2, then C-2002 year 1 (contract id order).
        Assert.Equal(["TU-C-1001-1", "TU-C-1001-2", "TU-C-2002-1"], Enumerable.Range(2, 3).Select(r => statements.Cell(r, 1).GetString()));
        Assert.Equal("issued", statements.Cell(3, 2).GetString());
        Assert.Equal(1627.40, statements.Cell(3, 14).GetDouble(), 2);
        Assert.Equal("EUR", statements.Cell(4, 10).GetString());
        Assert.Equal(920.00, statements.Cell(4, 14).GetDouble(), 2);

        var totals = book.Worksheet("Totals");
        Assert.Equal(["EUR", "USD"], [totals.Cell(2, 1).GetString(), totals.Cell(3, 1).GetString()]);
        Assert.Equal(920.00, totals.Cell(2, 4).GetDouble(), 2);
        Assert.Equal(1627.40, totals.Cell(3, 4).GetDouble(), 2);   // year 1 has no additions

        var additions = book.Worksheet("Additions");
        Assert.Equal("JN1234", additions.Cell(2, 4).GetString());
        Assert.Equal("EU-2", additions.Cell(3, 4).GetString());
        Assert.True(additions.Cell(4, 1).IsEmpty());
    }

    private static List<string> Words(string path)
    {
        using var doc = PdfDocument.Open(path);
        return doc.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
    }

    // FTS_KEEP_PDF=DIR copies the rendered statement there, to look at it (pdftoppm -png -r 60).
    private static void KeepForLooking(string path)
    {
        if (Environment.GetEnvironmentVariable("FTS_KEEP_PDF") is { Length: > 0 } dir)
            File.Copy(path, Path.Combine(dir, Path.GetFileName(path)), overwrite: true);
    }
}

public class TrueUpGoldenTests
{
    [Fact]
    public void IssueDue_CliExampleYear2_MatchesGoldenCsvJsonAndPdfWords()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();

        new TrueUpService(temp.Warehouse, FakeClock.FromUtc(2026, 4, 2, 9, 0, 0)).IssueDue(TrueUpServiceTests.LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);

        Golden.Verify("trueup/TU-C-1001-2.csv", File.ReadAllText(temp.PathOf("out/TU-C-1001-2.csv")));
        Golden.Verify("trueup/TU-C-1001-2.json", File.ReadAllText(temp.PathOf("out/TU-C-1001-2.json")));
        using var pdf = PdfDocument.Open(temp.PathOf("out/TU-C-1001-2.pdf"));
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)));
        Golden.Verify("trueup/TU-C-1001-2.pdf.words.txt", string.Join("\n", pages) + "\n");
    }
}
