using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace JuniperFts.Reports.Tests.ReviewDeck;

/// <summary>A deck read back through the Open XML SDK as a person sees it: slides with their title, text, tables, charts and notes.</summary>
public sealed record DeckSlide(string Title, IReadOnlyList<string> Texts, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables,
    IReadOnlyList<DeckChartData> Charts, string Notes, string Layout);

/// <summary>A chart's data twice: as cached in the chart part and as held in its embedded workbook ("Edit Data").</summary>
public sealed record DeckChartData(string Title, IReadOnlyList<string> Categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> Cached,
    IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> Workbook);

public static partial class DeckReader
{
    /// <summary>The figures of a text: numbers with their separators and units ("71.43 %", "3,200.00", "0:20:00", "2026-02-03").</summary>
    public static IEnumerable<string> Figures(string text) => FigurePattern().Matches(text).Select(m => m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w-])\d[\d,.:\-]*(?: %)?")]
    private static partial System.Text.RegularExpressions.Regex FigurePattern();

    /// <summary>Every error the SDK's validator finds in the package's parts and in each chart's embedded workbook.</summary>
    public static IReadOnlyList<string> Validate(byte[] deck)
    {
        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        foreach (var chart in document.PresentationPart!.SlideParts.SelectMany(s => s.ChartParts))
            if (chart.EmbeddedPackagePart is { } embedded)
            {
                using var stream = embedded.GetStream();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                using var workbook = SpreadsheetDocument.Open(copy, false);
                errors.AddRange(new OpenXmlValidator().Validate(workbook).Select(e => $"{chart.Uri} workbook {e.Path?.XPath}: {e.Description}"));
            }
        return errors;
    }

    public static IReadOnlyList<DeckSlide> Read(byte[] deck)
    {
        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var presentation = document.PresentationPart!;
        return presentation.Presentation.SlideIdList!.Elements<DocumentFormat.OpenXml.Presentation.SlideId>()
            .Select(id => (SlidePart)presentation.GetPartById(id.RelationshipId!.Value!))
            .Select(Slide).ToList();
    }

    private static DeckSlide Slide(SlidePart part)
    {
        var tree = part.Slide.CommonSlideData!.ShapeTree!;
        var shapes = tree.Elements<DocumentFormat.OpenXml.Presentation.Shape>().ToList();
        string Text(DocumentFormat.OpenXml.OpenXmlElement e) => string.Join("\n", e.Descendants<A.Paragraph>().Select(p => string.Concat(p.Descendants<A.Text>().Select(t => t.Text))));
        var title = shapes.FirstOrDefault(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value
            is DocumentFormat.OpenXml.Presentation.PlaceholderValues.Title or DocumentFormat.OpenXml.Presentation.PlaceholderValues.CenteredTitle);
        var tables = tree.Descendants<A.Table>().Select(t => (IReadOnlyList<IReadOnlyList<string>>)t.Elements<A.TableRow>()
            .Select(r => (IReadOnlyList<string>)r.Elements<A.TableCell>().Select(Text).ToList()).ToList()).ToList();
        var charts = part.Slide.Descendants<C.ChartReference>().Select(r => Chart((ChartPart)part.GetPartById(r.Id!.Value!))).ToList();
        var notes = part.NotesSlidePart is { } n ? Text(n.NotesSlide) : "";
        return new DeckSlide(title is null ? "" : Text(title), shapes.Select(Text).ToList(), tables, charts, notes,
            part.SlideLayoutPart!.SlideLayout.CommonSlideData!.Name?.Value ?? "");
    }

    private static DeckChartData Chart(ChartPart part)
    {
        var space = part.ChartSpace;
        var title = string.Concat(space.Descendants<C.Title>().First().Descendants<A.Text>().Select(t => t.Text));
        var series = space.Descendants<C.Values>().Select(v => v.Parent!).ToList();
        var categories = series[0].GetFirstChild<C.CategoryAxisData>()!.Descendants<C.StringPoint>().Select(p => p.NumericValue!.Text).ToList();
        var cached = series.Select(s =>
        {
            var name = s.GetFirstChild<C.SeriesText>()!.Descendants<C.NumericValue>().First().Text;
            var points = s.GetFirstChild<C.Values>()!.Descendants<C.NumericPoint>().ToDictionary(p => (int)p.Index!.Value, p => decimal.Parse(p.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            return (name, (IReadOnlyList<decimal?>)categories.Select((_, i) => points.TryGetValue(i, out var v) ? v : (decimal?)null).ToList());
        }).ToList();

        using var stream = part.EmbeddedPackagePart!.GetStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var workbook = new XLWorkbook(copy);
        var sheet = workbook.Worksheet(1);
        var fromWorkbook = cached.Select((s, i) => (sheet.Cell(1, i + 2).GetString(),
            (IReadOnlyList<decimal?>)categories.Select((_, r) => sheet.Cell(r + 2, i + 2).IsEmpty() ? null : (decimal?)sheet.Cell(r + 2, i + 2).GetValue<decimal>()).ToList())).ToList();
        Assert.Equal(categories, categories.Select((_, r) => sheet.Cell(r + 2, 1).GetString()));
        return new DeckChartData(title, categories, cached, fromWorkbook);
    }
}
