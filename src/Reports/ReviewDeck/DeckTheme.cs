namespace JuniperFts.Reports.ReviewDeck;

/// <summary>
/// The built-in look of a deck made without a company template: a 16:9 master with three layouts (title, title only,
/// title and content), a theme in the pack's navy/teal palette with Arial, and a notes master.
/// </summary>
/// <remarks>Kept as the XML PowerPoint itself writes, so it reads as what it is; the SDK validator checks it in the tests.</remarks>
internal static class DeckTheme
{
    public const long Width = 12192000, Height = 6858000;

    private const string Ns =
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " +
        "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

    private const string GroupProperties =
        "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>" +
        "<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>";

    /// <summary>The theme: its name is what a deck made without a template shows as its design.</summary>
    public static string Theme(string name = "JuniperFts") => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements>
        <a:clrScheme name="{name}">
        <a:dk1><a:srgbClr val="222B36"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>
        <a:dk2><a:srgbClr val="1F3A5F"/></a:dk2><a:lt2><a:srgbClr val="F2F4F7"/></a:lt2>
        <a:accent1><a:srgbClr val="1F3A5F"/></a:accent1><a:accent2><a:srgbClr val="2A9D8F"/></a:accent2>
        <a:accent3><a:srgbClr val="E9A23B"/></a:accent3><a:accent4><a:srgbClr val="8E5EA2"/></a:accent4>
        <a:accent5><a:srgbClr val="C0392B"/></a:accent5><a:accent6><a:srgbClr val="5F6B7A"/></a:accent6>
        <a:hlink><a:srgbClr val="2A9D8F"/></a:hlink><a:folHlink><a:srgbClr val="8E5EA2"/></a:folHlink>
        </a:clrScheme>
        <a:fontScheme name="{name}">
        <a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
        <a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
        </a:fontScheme>
        <a:fmtScheme name="{name}">
        <a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst>
        <a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="28575"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst>
        <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>
        <a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst>
        </a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>
        """;

    private static string Placeholder(int id, string name, string ph, long x, long y, long cx, long cy, string body = "") => $"""
        <p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>
        <p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>
        <p:txBody><a:bodyPr{body}/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>
        """;

    // The title band every content slide shares; content starts below ContentTop.
    public const long Margin = 457200, TitleTop = 228600, TitleHeight = 868680, ContentTop = 1188720, FooterHeight = 320040;

    private static string Level(int level, int size, int indent) =>
        $"<a:lvl{level}pPr marL=\"{indent}\" indent=\"{(level == 1 ? 0 : -228600)}\"><a:spcBef><a:spcPts val=\"600\"/></a:spcBef>" +
        $"<a:buNone/><a:defRPr sz=\"{size}\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl{level}pPr>";

    public static string Master(IReadOnlyList<string> layoutRelationshipIds) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:sldMaster {Ns}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{GroupProperties}
        {Placeholder(2, "Title", "<p:ph type=\"title\"/>", Margin, TitleTop, Width - 2 * Margin, TitleHeight, " anchor=\"b\"")}
        {Placeholder(3, "Text", "<p:ph type=\"body\" idx=\"1\"/>", Margin, ContentTop, Width - 2 * Margin, Height - ContentTop - FooterHeight - Margin)}
        <p:cxnSp><p:nvCxnSpPr><p:cNvPr id="4" name="Title rule"/><p:cNvCxnSpPr/><p:nvPr userDrawn="1"/></p:nvCxnSpPr>
        <p:spPr><a:xfrm><a:off x="{Margin}" y="{TitleTop + TitleHeight + 45720}"/><a:ext cx="{Width - 2 * Margin}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>
        <a:ln w="28575"><a:solidFill><a:schemeClr val="accent2"/></a:solidFill></a:ln></p:spPr></p:cxnSp>
        </p:spTree></p:cSld>
        <p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>
        <p:sldLayoutIdLst>{string.Concat(layoutRelationshipIds.Select((id, i) => $"<p:sldLayoutId id=\"{2147483649L + i}\" r:id=\"{id}\"/>"))}</p:sldLayoutIdLst>
        <p:txStyles>
        <p:titleStyle><a:lvl1pPr algn="l"><a:defRPr sz="2800" b="1"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill><a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr></p:titleStyle>
        <p:bodyStyle>{Level(1, 2000, 0)}{Level(2, 1800, 457200)}{Level(3, 1600, 914400)}</p:bodyStyle>
        <p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>{Level(1, 1400, 0)}</p:otherStyle>
        </p:txStyles></p:sldMaster>
        """;

    /// <summary>The layouts, in the order <see cref="Master"/> lists them: their <c>type</c> is how a deck finds one, in a template too.</summary>
    public static IReadOnlyList<string> Layouts { get; } =
    [
        Layout("title", "Title Slide", showMaster: false, shapes: $"""
            {Placeholder(2, "Title", "<p:ph type=\"ctrTitle\"/>", Margin, 2057400, Width - 2 * Margin, 1325880, " anchor=\"b\"")}
            {Placeholder(3, "Subtitle", "<p:ph type=\"subTitle\" idx=\"1\"/>", Margin, 3474720, Width - 2 * Margin, 1645920)}
            """),
        Layout("titleOnly", "Title Only", Placeholder(2, "Title", "<p:ph type=\"title\"/>", Margin, TitleTop, Width - 2 * Margin, TitleHeight, " anchor=\"b\"")),
        Layout("obj", "Title and Content", $"""
            {Placeholder(2, "Title", "<p:ph type=\"title\"/>", Margin, TitleTop, Width - 2 * Margin, TitleHeight, " anchor=\"b\"")}
            {Placeholder(3, "Content", "<p:ph idx=\"1\"/>", Margin, ContentTop, Width - 2 * Margin, Height - ContentTop - FooterHeight - Margin)}
            """),
    ];

    private static string Layout(string type, string name, string shapes, bool showMaster = true) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:sldLayout {Ns} type="{type}" preserve="1"{(showMaster ? "" : " showMasterSp=\"0\"")}><p:cSld name="{name}"><p:spTree>{GroupProperties}{shapes}</p:spTree></p:cSld>
        <p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>
        """;

    public static string NotesMaster() => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:notesMaster {Ns}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{GroupProperties}
        <p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr>
        <p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp>
        {Placeholder(3, "Notes", "<p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/>", 685800, 4400550, 5486400, 3600450)}
        </p:spTree></p:cSld>
        <p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>
        <p:notesStyle><a:lvl1pPr marL="0" algn="l"><a:defRPr sz="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr></p:notesStyle>
        </p:notesMaster>
        """;
}
