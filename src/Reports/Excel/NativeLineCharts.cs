using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using JuniperFts.Reports.Charts;
using static JuniperFts.Reports.Charts.ChartXml;

namespace JuniperFts.Reports.Excel;

/// <summary>A line chart to place on a sheet: cell references for the data plus the values as cached in the chart.</summary>
/// <param name="CategoriesRef">e.g. <c>'Trend'!$A$5:$A$12</c>.</param>
internal sealed record LineChartSpec(
    string Sheet, string Title, string AxisTitle, string CategoriesRef, IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series, ChartAnchor Anchor);

/// <summary>One line: where its name and values are on the sheet, and their current values.</summary>
internal sealed record ChartSeries(string NameRef, string Name, string ValuesRef, IReadOnlyList<decimal?> Values);

/// <summary>Where the chart sits: zero-based column and row of its top-left and bottom-right cells.</summary>
internal sealed record ChartAnchor(int FromColumn, int FromRow, int ToColumn, int ToRow);

/// <summary>
/// Adds native Excel line charts to a saved workbook package with the Open XML SDK 2.20
/// (ClosedXML 0.95.4 has no charts, and pictures would need libgdiplus).
/// </summary>
internal static class NativeLineCharts
{
    private static readonly XNamespace Xdr = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";

    // A palette that stays apart in print and for the common colour-vision deficiencies (Okabe–Ito).
    private static readonly string[] Palette = ["0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000"];

    /// <summary>Adds <paramref name="charts"/> to the xlsx package held in <paramref name="package"/> (read-write).</summary>
    public static void Add(Stream package, IReadOnlyList<LineChartSpec> charts)
    {
        if (charts.Count == 0) return;
        package.Position = 0;
        using var document = SpreadsheetDocument.Open(package, isEditable: true);
        var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("The package has no workbook.");
        foreach (var onSheet in charts.GroupBy(c => c.Sheet))
        {
            var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name == onSheet.Key)
                ?? throw new InvalidOperationException($"No sheet named {onSheet.Key}.");
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
            var anchors = new List<XElement>();
            var id = 1;
            foreach (var chart in onSheet)
            {
                var chartPart = drawingsPart.AddNewPart<ChartPart>();
                Feed(chartPart, ChartSpace(chart));
                anchors.Add(Anchor(chart, drawingsPart.GetIdOfPart(chartPart), id++));
            }
            Feed(drawingsPart, new XElement(Xdr + "wsDr",
                new XAttribute(XNamespace.Xmlns + "xdr", Xdr), new XAttribute(XNamespace.Xmlns + "a", A), anchors));
            AttachDrawing(worksheetPart, worksheetPart.GetIdOfPart(drawingsPart));
        }
    }

    private static void Feed(OpenXmlPart part, XElement root)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        new XDocument(new XDeclaration("1.0", "utf-8", "yes"), root).Save(stream, SaveOptions.DisableFormatting);
    }

    /// <summary>The worksheet's &lt;drawing&gt; must sit before these elements, or Excel calls the file corrupt.</summary>
    private static void AttachDrawing(WorksheetPart worksheetPart, string relationshipId)
    {
        var worksheet = worksheetPart.Worksheet;
        var drawing = new Drawing { Id = relationshipId };
        var before = worksheet.ChildElements.FirstOrDefault(e =>
            e is LegacyDrawing or LegacyDrawingHeaderFooter or DrawingHeaderFooter or Picture or OleObjects or Controls
                or WebPublishItems or TableParts or WorksheetExtensionList);
        if (before is null) worksheet.Append(drawing);
        else worksheet.InsertBefore(drawing, before);
        worksheet.Save();
    }

    private static XElement Anchor(LineChartSpec chart, string relationshipId, int id) =>
        new(Xdr + "twoCellAnchor", new XAttribute("editAs", "oneCell"),
            Marker("from", chart.Anchor.FromColumn, chart.Anchor.FromRow),
            Marker("to", chart.Anchor.ToColumn, chart.Anchor.ToRow),
            new XElement(Xdr + "graphicFrame", new XAttribute("macro", ""),
                new XElement(Xdr + "nvGraphicFramePr",
                    new XElement(Xdr + "cNvPr", new XAttribute("id", id + 1), new XAttribute("name", chart.Title)),
                    new XElement(Xdr + "cNvGraphicFramePr")),
                new XElement(Xdr + "xfrm",
                    new XElement(A + "off", new XAttribute("x", 0), new XAttribute("y", 0)),
                    new XElement(A + "ext", new XAttribute("cx", 0), new XAttribute("cy", 0))),
                new XElement(A + "graphic",
                    new XElement(A + "graphicData", new XAttribute("uri", C.NamespaceName),
                        new XElement(C + "chart", new XAttribute(XNamespace.Xmlns + "c", C), new XAttribute(XNamespace.Xmlns + "r", R),
                            new XAttribute(R + "id", relationshipId))))),
            new XElement(Xdr + "clientData"));

    private static XElement Marker(string name, int column, int row) =>
        new(Xdr + name,
            new XElement(Xdr + "col", column), new XElement(Xdr + "colOff", 0),
            new XElement(Xdr + "row", row), new XElement(Xdr + "rowOff", 0));

    private static XElement ChartSpace(LineChartSpec chart)
    {
        const int categoryAxis = 500000001, valueAxis = 500000002;
        return ChartXml.ChartSpace(chart.Title,
            [
                new XElement(C + "lineChart",
                    Val("grouping", "standard"),
                    Val("varyColors", 0),
                    chart.Series.Select((s, i) => Series(chart, s, i)),
                    Val("marker", 1),
                    Val("axId", categoryAxis),
                    Val("axId", valueAxis)),
                new XElement(C + "catAx",
                    Val("axId", categoryAxis),
                    new XElement(C + "scaling", Val("orientation", "minMax")),
                    Val("delete", 0),
                    Val("axPos", "b"),
                    Val("tickLblPos", "low"),
                    Val("crossAx", valueAxis),
                    Val("crosses", "autoZero"),
                    Val("auto", 1),
                    Val("lblAlgn", "ctr"),
                    Val("lblOffset", 100),
                    Val("noMultiLvlLbl", 0)),
                new XElement(C + "valAx",
                    Val("axId", valueAxis),
                    new XElement(C + "scaling", Val("orientation", "minMax")),
                    Val("delete", 0),
                    Val("axPos", "l"),
                    new XElement(C + "majorGridlines"),
                    Title(chart.AxisTitle, 1000),
                    new XElement(C + "numFmt", new XAttribute("formatCode", "0\"%\""), new XAttribute("sourceLinked", 0)),
                    Val("majorTickMark", "out"),
                    Val("minorTickMark", "none"),
                    Val("tickLblPos", "nextTo"),
                    Val("crossAx", categoryAxis),
                    Val("crosses", "autoZero"),
                    Val("crossBetween", "between")),
            ], "r");
    }

    private static XElement Series(LineChartSpec chart, ChartSeries series, int index)
    {
        var colour = Palette[index % Palette.Length];
        return new XElement(C + "ser",
            Val("idx", index),
            Val("order", index),
            new XElement(C + "tx", new XElement(C + "strRef", new XElement(C + "f", series.NameRef), StrCache([series.Name]))),
            new XElement(C + "spPr", new XElement(A + "ln", new XAttribute("w", 28575), new XAttribute("cap", "rnd"),
                new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", colour))))),
            new XElement(C + "marker", Val("symbol", "circle"), Val("size", 5),
                new XElement(C + "spPr", new XElement(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", colour))))),
            new XElement(C + "cat", new XElement(C + "strRef", new XElement(C + "f", chart.CategoriesRef), StrCache(chart.Categories))),
            new XElement(C + "val", new XElement(C + "numRef", new XElement(C + "f", series.ValuesRef),
                NumCache("0.00\"%\"", series.Values))),
            Val("smooth", 0));
    }
}
