using System.Xml.Linq;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>A colour that means something (on goal, below goal, attention), or the theme's own text colour.</summary>
internal enum DeckTone { Normal, Muted, Good, Bad, Warning }

/// <summary>One run of text: its size in hundredths of a point (never below 1200), bold, tone.</summary>
internal sealed record DeckText(string Text, int Size = 1400, bool Bold = false, DeckTone Tone = DeckTone.Normal);

/// <summary>The PresentationML and DrawingML a deck's slides are made of.</summary>
internal static class DeckXml
{
    public static readonly XNamespace P = "http://schemas.openxmlformats.org/presentationml/2006/main";
    public static readonly XNamespace A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    public static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public static readonly XNamespace C = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    /// <summary>The smallest type a deck uses: readable on a screen across a meeting room.</summary>
    public const int MinSize = 1200;

    public static readonly object[] Namespaces =
    [
        new XAttribute(XNamespace.Xmlns + "a", A), new XAttribute(XNamespace.Xmlns + "r", R), new XAttribute(XNamespace.Xmlns + "p", P),
    ];

    public static XElement[] GroupProperties() =>
    [
        new(P + "nvGrpSpPr", new XElement(P + "cNvPr", new XAttribute("id", 1), new XAttribute("name", "")), new XElement(P + "cNvGrpSpPr"), new XElement(P + "nvPr")),
        new(P + "grpSpPr", Transform(A + "xfrm", 0, 0, 0, 0, group: true)),
    ];

    private static XElement Transform(XName name, long x, long y, long cx, long cy, bool group = false) =>
        new(name,
            new XElement(A + "off", new XAttribute("x", x), new XAttribute("y", y)),
            new XElement(A + "ext", new XAttribute("cx", cx), new XAttribute("cy", cy)),
            group ? new XElement(A + "chOff", new XAttribute("x", 0), new XAttribute("y", 0)) : null,
            group ? new XElement(A + "chExt", new XAttribute("cx", 0), new XAttribute("cy", 0)) : null);

    /// <summary>A placeholder of the layout (title, body...): positioned and styled by the layout, so a template restyles it.</summary>
    /// <param name="paragraphs">Null: no text body (a slide image); empty: an empty placeholder the manager types into.</param>
    public static XElement Placeholder(int id, string name, string? type, int? index, IEnumerable<XElement>? paragraphs) =>
        new(P + "sp",
            new XElement(P + "nvSpPr",
                new XElement(P + "cNvPr", new XAttribute("id", id), new XAttribute("name", name)),
                new XElement(P + "cNvSpPr", new XElement(A + "spLocks", new XAttribute("noGrp", 1))),
                new XElement(P + "nvPr", new XElement(P + "ph", type is null ? null : new XAttribute("type", type), index is null ? null : new XAttribute("idx", index)))),
            new XElement(P + "spPr"),
            paragraphs is null ? null : new XElement(P + "txBody", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
                paragraphs.DefaultIfEmpty(new XElement(A + "p", new XElement(A + "endParaRPr", new XAttribute("lang", "en-US"))))));

    /// <summary>A paragraph of one run; with no size it takes the placeholder's.</summary>
    public static XElement Paragraph(string text, int? size = null, bool bold = false, DeckTone tone = DeckTone.Normal, string? align = null) =>
        new(A + "p",
            align is null ? null : new XElement(A + "pPr", new XAttribute("algn", align)),
            new XElement(A + "r", RunProperties(size, bold, tone), new XElement(A + "t", Clean(text))));

    public static XElement Paragraph(DeckText text, string? align = null) => Paragraph(text.Text, text.Size, text.Bold, text.Tone, align);

    private static XElement RunProperties(int? size, bool bold, DeckTone tone) =>
        new(A + "rPr", new XAttribute("lang", "en-US"),
            size is { } s ? new XAttribute("sz", Math.Max(MinSize, s)) : null,
            bold ? new XAttribute("b", 1) : null,
            tone == DeckTone.Normal ? null : Fill(tone));

    public static XElement Fill(DeckTone tone) => tone switch
    {
        DeckTone.Good => Solid("2E7D32"),
        DeckTone.Bad => Solid("C0392B"),
        DeckTone.Warning => Solid("B26A00"),
        DeckTone.Muted => Solid("5F6B7A"),
        _ => Scheme("tx1"),
    };

    public static XElement Solid(string rgb) => new(A + "solidFill", new XElement(A + "srgbClr", new XAttribute("val", rgb)));

    public static XElement Scheme(string name, int? lumMod = null, int? lumOff = null) =>
        new(A + "solidFill", new XElement(A + "schemeClr", new XAttribute("val", name),
            lumMod is { } m ? new XElement(A + "lumMod", new XAttribute("val", m)) : null,
            lumOff is { } o ? new XElement(A + "lumOff", new XAttribute("val", o)) : null));

    /// <summary>A text box at a fixed place; the text wraps inside it and never shrinks.</summary>
    public static XElement TextBox(string name, long x, long y, long cx, long cy, IEnumerable<XElement> paragraphs, XElement? fill = null, string anchor = "t") =>
        new(P + "sp",
            new XElement(P + "nvSpPr",
                new XElement(P + "cNvPr", new XAttribute("id", 0), new XAttribute("name", name)),
                new XElement(P + "cNvSpPr", new XAttribute("txBox", 1)),
                new XElement(P + "nvPr")),
            new XElement(P + "spPr", Transform(A + "xfrm", x, y, cx, cy),
                new XElement(A + "prstGeom", new XAttribute("prst", "rect"), new XElement(A + "avLst")),
                fill ?? new XElement(A + "noFill")),
            new XElement(P + "txBody",
                new XElement(A + "bodyPr", new XAttribute("wrap", "square"), new XAttribute("lIns", 91440), new XAttribute("tIns", 45720),
                    new XAttribute("rIns", 91440), new XAttribute("bIns", 45720), new XAttribute("anchor", anchor), new XElement(A + "noAutofit")),
                new XElement(A + "lstStyle"),
                paragraphs));

    /// <summary>One table cell: its text, bold, tone; the column gives the alignment.</summary>
    public sealed record Cell(string Text, bool Bold = false, DeckTone Tone = DeckTone.Normal);

    /// <summary>A real table (a:tbl), header row first; every row's height is given, so the caller knows where it ends.</summary>
    public static XElement Table(string name, long x, long y, IReadOnlyList<long> widths, IReadOnlyList<string?> aligns,
        IReadOnlyList<Cell> header, IEnumerable<(IReadOnlyList<Cell> Cells, long Height, bool Band)> rows, long headerHeight, int size)
    {
        XElement Row(IReadOnlyList<Cell> cells, long height, XElement fill, bool head) =>
            new(A + "tr", new XAttribute("h", height),
                cells.Select((c, i) => new XElement(A + "tc",
                    new XElement(A + "txBody", new XElement(A + "bodyPr"), new XElement(A + "lstStyle"),
                        new XElement(A + "p",
                            aligns[i] is { } align ? new XElement(A + "pPr", new XAttribute("algn", align)) : null,
                            new XElement(A + "r",
                                new XElement(A + "rPr", new XAttribute("lang", "en-US"), new XAttribute("sz", Math.Max(MinSize, size)),
                                    c.Bold || head ? new XAttribute("b", 1) : null,
                                    head ? Scheme("bg1") : Fill(c.Tone)),
                                new XElement(A + "t", Clean(c.Text))))),
                    new XElement(A + "tcPr", new XAttribute("marL", 73152), new XAttribute("marR", 73152), new XAttribute("marT", 36576),
                        new XAttribute("marB", 36576), new XAttribute("anchor", "ctr"), new XElement(fill)))));

        var all = rows.ToList();
        var height = headerHeight + all.Sum(r => r.Height);
        return new XElement(P + "graphicFrame",
            new XElement(P + "nvGraphicFramePr",
                new XElement(P + "cNvPr", new XAttribute("id", 0), new XAttribute("name", name)),
                new XElement(P + "cNvGraphicFramePr", new XElement(A + "graphicFrameLocks", new XAttribute("noGrp", 1))),
                new XElement(P + "nvPr")),
            Transform(P + "xfrm", x, y, widths.Sum(), height),
            new XElement(A + "graphic", new XElement(A + "graphicData", new XAttribute("uri", "http://schemas.openxmlformats.org/drawingml/2006/table"),
                new XElement(A + "tbl",
                    new XElement(A + "tblPr", new XAttribute("firstRow", 1), new XAttribute("bandRow", 1)),
                    new XElement(A + "tblGrid", widths.Select(w => new XElement(A + "gridCol", new XAttribute("w", w)))),
                    Row(header, headerHeight, Scheme("accent1"), head: true),
                    all.Select(r => Row(r.Cells, r.Height, r.Band ? Scheme("bg2") : Scheme("bg1"), head: false))))));
    }

    /// <summary>The frame that shows a chart part on a slide.</summary>
    public static XElement ChartFrame(string name, long x, long y, long cx, long cy, string relationshipId) =>
        new(P + "graphicFrame",
            new XElement(P + "nvGraphicFramePr",
                new XElement(P + "cNvPr", new XAttribute("id", 0), new XAttribute("name", name)),
                new XElement(P + "cNvGraphicFramePr"),
                new XElement(P + "nvPr")),
            Transform(P + "xfrm", x, y, cx, cy),
            new XElement(A + "graphic", new XElement(A + "graphicData", new XAttribute("uri", C.NamespaceName),
                new XElement(C + "chart", new XAttribute(XNamespace.Xmlns + "c", C), new XAttribute(R + "id", relationshipId)))));

    /// <summary>Text as XML may carry it: control characters (which the ingest accepts) become spaces.</summary>
    public static string Clean(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]) || chars[i] is '\uFFFE' or '\uFFFF') chars[i] = ' ';
        }
        return new string(chars);
    }
}
