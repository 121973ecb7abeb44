using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using static JuniperFts.Reports.Charts.ChartXml;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>One series of a native chart: bars unless <paramref name="Line"/>; <paramref name="Colour"/> a theme colour name (accent1) or RGB hex.</summary>
internal sealed record DeckSeries(string Name, IReadOnlyList<decimal?> Values, string Colour, bool Line = false, bool Dashed = false);

/// <summary>A native chart: categories along the bottom, bars and lines against one value axis.</summary>
/// <param name="NumberFormat">Excel format of the values (axis, labels, the embedded workbook).</param>
/// <param name="BarLabels">Print each bar's value on it.</param>
internal sealed record DeckChartSpec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<DeckSeries> Series,
    string NumberFormat = "General", decimal? Min = null, decimal? Max = null, bool BarLabels = false);

/// <summary>
/// Writes a chart part (c:chartSpace) whose numbers live in its embedded workbook, so PowerPoint's "Edit Data" and
/// Impress's data table show and change them; the caches hold the same numbers for viewers that do not open the workbook.
/// </summary>
internal static class DeckChart
{
    private const string Sheet = "Sheet1";

    /// <summary>Adds the chart to <paramref name="slide"/>; returns its relationship id for the slide's frame.</summary>
    public static string Add(SlidePart slide, DeckChartSpec spec)
    {
        var chart = slide.AddNewPart<ChartPart>();
        var workbook = chart.AddEmbeddedPackagePart(EmbeddedPackagePartType.Xlsx);
        using (var data = DeckWorkbook.Write(Sheet, spec.Categories, spec.Series.Select(s => (s.Name, s.Values)).ToList()))
            workbook.FeedData(data);
        DeckPackage.Feed(chart, Chart(spec, chart.GetIdOfPart(workbook)));
        return slide.GetIdOfPart(chart);
    }

    private static string Column(int index) => ((char)('B' + index)).ToString();

    private static XElement Chart(DeckChartSpec spec, string workbookId)
    {
        const int categoryAxis = 500000001, valueAxis = 500000002;
        var bars = spec.Series.Select((s, i) => (s, i)).Where(x => !x.s.Line).ToList();
        var lines = spec.Series.Select((s, i) => (s, i)).Where(x => x.s.Line).ToList();
        XElement[] Axes() => [Val("axId", categoryAxis), Val("axId", valueAxis)];
        return ChartSpace(spec.Title,
            [
                bars.Count == 0 ? null : new XElement(C + "barChart",
                    Val("barDir", "col"), Val("grouping", "clustered"), Val("varyColors", 0),
                    bars.Select(x => Series(spec, x.s, x.i)),
                    Val("gapWidth", 80), Axes()),
                lines.Count == 0 ? null : new XElement(C + "lineChart",
                    Val("grouping", "standard"), Val("varyColors", 0),
                    lines.Select(x => Series(spec, x.s, x.i)),
                    Val("marker", 1), Axes()),
                new XElement(C + "catAx",
                    Val("axId", categoryAxis),
                    new XElement(C + "scaling", Val("orientation", "minMax")),
                    Val("delete", 0), Val("axPos", "b"),
                    Val("majorTickMark", "out"), Val("minorTickMark", "none"), Val("tickLblPos", "low"),
                    Val("crossAx", valueAxis), Val("crosses", "autoZero"), Val("auto", 1), Val("lblAlgn", "ctr"), Val("lblOffset", 100),
                    Val("noMultiLvlLbl", 0)),
                new XElement(C + "valAx",
                    Val("axId", valueAxis),
                    new XElement(C + "scaling", Val("orientation", "minMax"),
                        spec.Max is { } max ? Val("max", max) : null, spec.Min is { } min ? Val("min", min) : null),
                    Val("delete", 0), Val("axPos", "l"),
                    new XElement(C + "majorGridlines", new XElement(C + "spPr", new XElement(A + "ln", new XAttribute("w", 6350), DeckXml.Solid("D0D6DE")))),
                    new XElement(C + "numFmt", new XAttribute("formatCode", spec.NumberFormat), new XAttribute("sourceLinked", 0)),
                    Val("majorTickMark", "out"), Val("minorTickMark", "none"), Val("tickLblPos", "nextTo"),
                    Val("crossAx", categoryAxis), Val("crosses", "autoZero"), Val("crossBetween", "between")),
            ], "b",
            new XElement(C + "txPr", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
                new XElement(A + "p", new XElement(A + "pPr", new XElement(A + "defRPr", new XAttribute("sz", DeckXml.MinSize))),
                    new XElement(A + "endParaRPr", new XAttribute("lang", "en-US")))),
            new XElement(C + "externalData", new XAttribute(R + "id", workbookId), Val("autoUpdate", 0)));
    }

    private static XElement Colour(string colour) =>
        colour.StartsWith("accent", StringComparison.Ordinal) || colour is "tx1" or "tx2" ? DeckXml.Scheme(colour) : DeckXml.Solid(colour);

    private static XElement Series(DeckChartSpec spec, DeckSeries series, int index)
    {
        var last = spec.Categories.Count + 1;
        var column = Column(index);
        var shape = series.Line
            ? new XElement(C + "spPr", new XElement(A + "ln", new XAttribute("w", 28575), new XAttribute("cap", "rnd"), Colour(series.Colour),
                series.Dashed ? new XElement(A + "prstDash", new XAttribute("val", "dash")) : null))
            : new XElement(C + "spPr", Colour(series.Colour));
        return new XElement(C + "ser",
            Val("idx", index),
            Val("order", index),
            new XElement(C + "tx", new XElement(C + "strRef", new XElement(C + "f", $"{Sheet}!${column}$1"), StrCache([series.Name]))),
            shape,
            series.Line
                ? new XElement(C + "marker", Val("symbol", series.Dashed ? "none" : "circle"), series.Dashed ? null : Val("size", 5))
                : Val("invertIfNegative", 0),
            !series.Line && spec.BarLabels
                ? new XElement(C + "dLbls",
                    new XElement(C + "numFmt", new XAttribute("formatCode", spec.NumberFormat), new XAttribute("sourceLinked", 0)),
                    Val("showLegendKey", 0), Val("showVal", 1), Val("showCatName", 0), Val("showSerName", 0), Val("showPercent", 0), Val("showBubbleSize", 0))
                : null,
            new XElement(C + "cat", new XElement(C + "strRef", new XElement(C + "f", $"{Sheet}!$A$2:$A${last}"), StrCache(spec.Categories))),
            new XElement(C + "val", new XElement(C + "numRef", new XElement(C + "f", $"{Sheet}!${column}$2:${column}${last}"),
                NumCache(spec.NumberFormat, series.Values))),
            series.Line ? Val("smooth", 0) : null);
    }
}

/// <summary>The small workbook a chart keeps its data in: categories in column A, one series a column, names in row 1.</summary>
internal static class DeckWorkbook
{
    private static readonly XNamespace S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static MemoryStream Write(string sheet, IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<decimal?> Values)> series)
    {
        var output = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var worksheet = workbook.AddNewPart<WorksheetPart>("rId1");
            XElement Text(string reference, string text) =>
                new(S + "c", new XAttribute("r", reference), new XAttribute("t", "inlineStr"), new XElement(S + "is", new XElement(S + "t", DeckXml.Clean(text))));
            var rows = new List<XElement>
            {
                new(S + "row", new XAttribute("r", 1), series.Select((s, i) => Text($"{(char)('B' + i)}1", s.Name))),
            };
            rows.AddRange(categories.Select((category, r) => new XElement(S + "row", new XAttribute("r", r + 2),
                Text($"A{r + 2}", category),
                series.Select((s, i) => s.Values[r] is { } v
                    ? new XElement(S + "c", new XAttribute("r", $"{(char)('B' + i)}{r + 2}"), new XElement(S + "v", v.ToString(CultureInfo.InvariantCulture)))
                    : null))));
            DeckPackage.Feed(worksheet, new XElement(S + "worksheet", new XAttribute(XNamespace.Xmlns + "r", R.NamespaceName), new XElement(S + "sheetData", rows)));
            // The smallest stylesheet Excel takes without a repair prompt: one font, the two fills it requires, one border, one format.
            DeckPackage.Feed(workbook.AddNewPart<WorkbookStylesPart>("rId2"), new XElement(S + "styleSheet",
                new XElement(S + "fonts", new XAttribute("count", 1), new XElement(S + "font", new XElement(S + "sz", new XAttribute("val", 11)), new XElement(S + "name", new XAttribute("val", "Calibri")))),
                new XElement(S + "fills", new XAttribute("count", 2),
                    new XElement(S + "fill", new XElement(S + "patternFill", new XAttribute("patternType", "none"))),
                    new XElement(S + "fill", new XElement(S + "patternFill", new XAttribute("patternType", "gray125")))),
                new XElement(S + "borders", new XAttribute("count", 1), new XElement(S + "border", new XElement(S + "left"), new XElement(S + "right"), new XElement(S + "top"), new XElement(S + "bottom"), new XElement(S + "diagonal"))),
                new XElement(S + "cellStyleXfs", new XAttribute("count", 1), new XElement(S + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0))),
                new XElement(S + "cellXfs", new XAttribute("count", 1), new XElement(S + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0), new XAttribute("fillId", 0), new XAttribute("borderId", 0), new XAttribute("xfId", 0)))));
            DeckPackage.Feed(workbook, new XElement(S + "workbook", new XAttribute(XNamespace.Xmlns + "r", R.NamespaceName),
                new XElement(S + "sheets", new XElement(S + "sheet", new XAttribute("name", sheet), new XAttribute("sheetId", 1), new XAttribute(R + "id", "rId1")))));
        }
        output.Position = 0;
        return output;
    }
}
