using CsCheck;
using JuniperFts.Reports.Charts;
using JuniperFts.Reports.Pdf;
using JuniperFts.Reports.Pdf.Fonts;
using NodaTime;
using PdfSharp.Drawing;
using UglyToad.PdfPig;

namespace JuniperFts.Reports.Tests.Pdf;

public class PdfDocumentBuilderTests
{
    private static readonly Instant Created = Instant.FromUtc(2026, 9, 30, 23, 59);

    private static byte[] Build(Action<PdfDocumentBuilder> content, bool landscape = true)
    {
        using var builder = new PdfDocumentBuilder("Test document", Created, landscape);
        content(builder);
        using var output = new MemoryStream();
        builder.Save(output);
        return output.ToArray();
    }

    [Fact]
    public void Save_HeadingParagraphAndKeyValues_PdfPigReadsTheTextBack()
    {
        var pdf = Build(b => b
            .Title("Quarterly review", "Account A0001 · 2026Q3")
            .Heading("Summary")
            .Paragraph("Attainment rose this quarter.")
            .KeyValues([("Service manager", "sm@vendor.example"), ("Window", "24x7")]));

        var text = PdfText.Joined(pdf);
        Assert.Contains("Quarterly review", text);
        Assert.Contains("Account A0001 · 2026Q3", text);
        Assert.Contains("Attainment rose this quarter.", text);
        Assert.Contains("Service manager sm@vendor.example", text);
        Assert.Contains("Window 24x7", text);
    }

    [Fact]
    public void Table_LongerThanAPage_RepeatsItsHeaderOnEveryPage()
    {
        var rows = Enumerable.Range(1, 90).Select(i => (IReadOnlyList<PdfCell>)[$"C-{i:D3}", "P1", new PdfCell("breached", PdfTone.Bad)]).ToList();
        var pdf = Build(b => b.Heading("Breaches").Table([new PdfColumn("Case number", 2), new("Priority"), new("Status")], rows));

        var pages = PdfText.WordsPerPage(pdf);
        Assert.True(pages.Count >= 3, $"expected the table to span at least 3 pages, got {pages.Count}");
        foreach (var words in pages)
        {
            var text = string.Join(" ", words);
            Assert.Contains("Case number Priority Status", text);
        }
        // Every row appears once, in order, across the pages.
        var cases = pages.SelectMany(w => w).Where(w => w.StartsWith("C-", StringComparison.Ordinal)).ToList();
        Assert.Equal(rows.Select(r => r[0].Text), cases);
    }

    [Fact]
    public void Table_NoRows_ShowsHeaderAndNone()
    {
        var pdf = Build(b => b.Table([new PdfColumn("Serial"), new PdfColumn("Model")], []));

        Assert.Contains("Serial Model None", PdfText.Joined(pdf));
    }

    [Fact]
    public void Table_RowWithWrongCellCount_Throws()
    {
        using var builder = new PdfDocumentBuilder("T", Created);

        Assert.Throws<ArgumentException>(() => builder.Table([new PdfColumn("A"), new PdfColumn("B")], [["only one"]]));
    }

    [Fact]
    public void Save_ThreePages_NumbersEveryPageAndPrintsTheFooter()
    {
        var pdf = Build(b => b.Footer("Data as of 2026-09-30 23:59 UTC")
            .Paragraph("one").PageBreak().Paragraph("two").PageBreak().Paragraph("three"));

        var pages = PdfText.WordsPerPage(pdf);
        Assert.Equal(3, pages.Count);
        for (var i = 0; i < 3; i++)
        {
            var text = string.Join(" ", pages[i]);
            Assert.Contains($"Page {i + 1} of 3", text);
            Assert.Contains("Data as of 2026-09-30 23:59 UTC", text);
        }
    }

    [Fact]
    public void PageBreak_OnAnEmptyPage_AddsNoBlankPage()
    {
        var pdf = Build(b => b.PageBreak().Paragraph("first").PageBreak().PageBreak().Paragraph("second"));

        Assert.Equal(2, PdfText.WordsPerPage(pdf).Count);
    }

    [Fact]
    public void Heading_WithBookmark_AppearsInTheOutlineOnItsPage()
    {
        var pdf = Build(b => b.Heading("Cover").Paragraph("x").PageBreak().Heading("Breached cases").Heading("Not bookmarked", bookmark: false));

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var titles = bookmarks.GetNodes().Select(n => n.Title).ToList();
        Assert.Equal(["Cover", "Breached cases"], titles);
        var breached = Assert.IsType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>(bookmarks.GetNodes().Single(n => n.Title == "Breached cases"));
        Assert.Equal(2, breached.PageNumber);
    }

    [Fact]
    public void Paragraph_LongTextAndLongWord_StaysInsideTheMargins()
    {
        var longWord = new string('X', 300);
        var pdf = Build(b => b.Paragraph(string.Join(" ", Enumerable.Repeat("wrapping text", 200)) + " " + longWord), landscape: false);

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
            foreach (var word in page.GetWords())
            {
                Assert.True(word.BoundingBox.Left >= 40, $"'{word.Text}' starts at {word.BoundingBox.Left}");
                Assert.True(word.BoundingBox.Right <= page.Width - 40, $"'{word.Text}' ends at {word.BoundingBox.Right} on a page {page.Width} wide");
            }
        Assert.Equal(300, PdfText.WordsPerPage(pdf).SelectMany(w => w).Where(w => w.All(c => c == 'X')).Sum(w => w.Length));
    }

    [Fact]
    public void Save_SameContentTwice_GivesIdenticalBytes()
    {
        static void Content(PdfDocumentBuilder b) => b.Footer("as of").Heading("H").Paragraph("Body text").Table([new PdfColumn("A")], [["1"], ["2"]]);

        Assert.Equal(Build(Content), Build(Content));
    }

    [Fact]
    public void Image_ChartPng_IsEmbeddedOnThePage()
    {
        var png = ChartPng.Bars(new ChartSpec("Cases", ["P1", "P2"], [new ChartSeries("Cases", [3, 5])]));
        var pdf = Build(b => b.Heading("Chart").Image(png, 300));

        using var document = PdfDocument.Open(pdf);
        var image = Assert.Single(document.GetPage(1).GetImages());
        Assert.Equal(300, image.BoundingBox.Width, 1);
    }

    // Words, spaces and line breaks mixed with what breaks naive layout: long words, right-to-left
    // letters, combining marks, emoji pairs, zero-width and control characters.
    private static readonly Gen<string> MixedText = Gen.OneOf(
            "a", "Wide", " ", "  ", "\n", "\r\n", "ש", "مرحبا", "e\u0301", "😀", "👍🏽", "\u0001", "\t", "\u200B", "-", new string('X', 90))
        .Array[0, 300].Select(string.Concat);

    private static string Visible(IEnumerable<char> text) => new(text.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());

    [Fact]
    public void Wrap_AnyText_EveryLineFitsAndNothingVisibleIsLostOrReordered()
    {
        using var builder = new PdfDocumentBuilder("T", Created);
        var font = new XFont(ShippedFonts.Family, 9);
        using var measure = XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);

        Gen.Select(MixedText, Gen.Double[15, 300]).Sample((text, width) =>
        {
            var lines = builder.Wrap(text, font, width);
            // A line wider than the width can only be one text element (a glyph wider than a narrow column).
            Assert.All(lines, line => Assert.True(measure.MeasureString(line, font).Width <= width + 1e-6
                || System.Globalization.StringInfo.ParseCombiningCharacters(line).Length == 1, $"'{line}' is wider than {width}"));
            Assert.Equal(Visible(text), Visible(string.Concat(lines)));
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Wrap_WithALineLimit_KeepsThatManyAndEndsTheLastWithAnEllipsis()
    {
        using var builder = new PdfDocumentBuilder("T", Created);
        var font = new XFont(ShippedFonts.Family, 9);

        Gen.Select(MixedText, Gen.Double[40, 300], Gen.Int[1, 4]).Sample((text, width, max) =>
        {
            var all = builder.Wrap(text, font, width);
            var cut = builder.Wrap(text, font, width, max);
            if (all.Count <= max) Assert.Equal(all, cut);
            else
            {
                Assert.Equal(max, cut.Count);
                Assert.Equal(all.Take(max - 1), cut.Take(max - 1));
                Assert.EndsWith("…", cut[^1]);
            }
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Table_CellOfTheLongestTextWithoutSpaces_IsCutToAFewLinesWithAnEllipsis()
    {
        var longest = new string('W', 32_767);
        var pdf = Build(b => b.Table([new PdfColumn("Case"), new PdfColumn("Title", 3)], [["C-1", longest], ["C-2", "short"]]));

        var pages = PdfText.WordsPerPage(pdf);
        var page = Assert.Single(pages);
        Assert.Contains("C-2", page);
        var shown = page.Where(w => w.StartsWith('W')).ToList();
        Assert.InRange(shown.Count, 2, 4);
        Assert.EndsWith("…", shown[^1]);
    }
}
