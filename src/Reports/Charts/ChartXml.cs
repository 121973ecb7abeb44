using System.Globalization;
using System.Xml.Linq;

namespace JuniperFts.Reports.Charts;

/// <summary>The DrawingML chart elements the workbook's and the deck's native charts share.</summary>
internal static class ChartXml
{
    public static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
    public static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    public static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A chart element whose value is its <c>val</c> attribute: <c>&lt;c:axId val="1"/&gt;</c>.</summary>
    public static XElement Val(string name, object value) =>
        new(C + name, new XAttribute("val", value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value));

    /// <summary>The cached text of a series name or of the categories, as the chart shows it without its data.</summary>
    public static XElement StrCache(IReadOnlyList<string> values) =>
        new(C + "strCache", Val("ptCount", values.Count),
            values.Select((v, i) => new XElement(C + "pt", new XAttribute("idx", i), new XElement(C + "v", v))));

    /// <summary>The cached numbers of a series; a missing value is no point (a gap), not zero.</summary>
    public static XElement NumCache(string formatCode, IReadOnlyList<decimal?> values) =>
        new(C + "numCache",
            new XElement(C + "formatCode", formatCode),
            Val("ptCount", values.Count),
            values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p =>
                new XElement(C + "pt", new XAttribute("idx", p.i), new XElement(C + "v", p.v!.Value.ToString(CultureInfo.InvariantCulture)))));

    public static XElement Title(string text, int size) =>
        new(C + "title",
            new XElement(C + "tx", new XElement(C + "rich",
                new XElement(A + "bodyPr"),
                new XElement(A + "p",
                    new XElement(A + "pPr", new XElement(A + "defRPr", new XAttribute("sz", size), new XAttribute("b", 1))),
                    new XElement(A + "r", new XElement(A + "rPr", new XAttribute("lang", "en-US"), new XAttribute("sz", size), new XAttribute("b", 1)),
                        new XElement(A + "t", text))))),
            Val("overlay", 0));

    /// <summary>
    /// The chart part's root: a titled chart whose plot area holds <paramref name="plotArea"/> (the plots, then the axes), a legend,
    /// gaps for missing values (a quarter without a figure is a gap, not a drop to zero); <paramref name="after"/> follows the chart
    /// (text properties, the embedded workbook's link).
    /// </summary>
    public static XElement ChartSpace(string title, IEnumerable<XElement?> plotArea, string legendPosition, params XElement?[] after) =>
        new(C + "chartSpace",
            new XAttribute(XNamespace.Xmlns + "c", C), new XAttribute(XNamespace.Xmlns + "a", A), new XAttribute(XNamespace.Xmlns + "r", R),
            Val("date1904", 0),
            Val("roundedCorners", 0),
            new XElement(C + "chart",
                Title(title, 1400),
                Val("autoTitleDeleted", 0),
                new XElement(C + "plotArea", new XElement(C + "layout"), plotArea),
                new XElement(C + "legend", Val("legendPos", legendPosition), Val("overlay", 0)),
                Val("plotVisOnly", 1),
                Val("dispBlanksAs", "gap")),
            after);
}
