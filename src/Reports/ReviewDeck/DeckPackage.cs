using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using JuniperFts.Domain;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>
/// The PowerPoint package a deck is written into: the built-in master and theme, or a company template's with its slides
/// removed; slides are added on the layouts found by type, each with its speaker notes.
/// </summary>
internal sealed class DeckPackage : IDisposable
{
    private readonly MemoryStream _buffer;
    private readonly PresentationDocument _document;
    private readonly PresentationPart _presentation;
    private readonly NotesMasterPart _notesMaster;
    private readonly List<SlidePart> _slides = [];

    /// <summary>Slide width and height in EMU (the template's own size when there is one).</summary>
    public long Width { get; }
    public long Height { get; }

    /// <summary>Layouts found by type: the title slide, a title only (figures are placed below it), title and content.</summary>
    public SlideLayoutPart TitleLayout { get; }
    public SlideLayoutPart TitleOnlyLayout { get; }
    public SlideLayoutPart ContentLayout { get; }

    /// <summary>Where content may start: below the title of <see cref="TitleOnlyLayout"/>.</summary>
    public long ContentTop { get; }

    private DeckPackage(MemoryStream buffer, PresentationDocument document)
    {
        _buffer = buffer;
        _document = document;
        _presentation = document.PresentationPart!;
        var presentation = _presentation.Presentation;
        Width = presentation.SlideSize?.Cx?.Value ?? DeckTheme.Width;
        Height = presentation.SlideSize?.Cy?.Value ?? DeckTheme.Height;

        RemoveSlides();
        var layouts = _presentation.SlideMasterParts.First().SlideLayoutParts.ToList();
        SlideLayoutPart? Find(params SlideLayoutValues[] types) =>
            types.Select(t => layouts.FirstOrDefault(l => l.SlideLayout.Type?.Value == t)).FirstOrDefault(l => l is not null);
        TitleOnlyLayout = Find(SlideLayoutValues.TitleOnly, SlideLayoutValues.Object, SlideLayoutValues.Title) ?? layouts[0];
        TitleLayout = Find(SlideLayoutValues.Title) ?? TitleOnlyLayout;
        ContentLayout = Find(SlideLayoutValues.Object, SlideLayoutValues.Text, SlideLayoutValues.TwoObjects) ?? TitleOnlyLayout;
        ContentTop = Math.Max(DeckTheme.ContentTop, TitleBottom(TitleOnlyLayout) + 182880);

        _notesMaster = _presentation.NotesMasterPart ?? AddNotesMaster();
    }

    /// <summary>A new deck on the built-in look.</summary>
    public static DeckPackage BuiltIn()
    {
        var buffer = new MemoryStream();
        using (var document = PresentationDocument.Create(buffer, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var master = presentation.AddNewPart<SlideMasterPart>("rId1");
            var theme = master.AddNewPart<ThemePart>("rId1");
            Feed(theme, DeckTheme.Theme());
            presentation.AddPart(theme, "rId2");
            var layoutIds = new List<string>();
            for (var i = 0; i < DeckTheme.Layouts.Count; i++)
            {
                var layout = master.AddNewPart<SlideLayoutPart>($"rId{i + 2}");
                Feed(layout, DeckTheme.Layouts[i]);
                layout.AddPart(master, "rId1");
                layoutIds.Add($"rId{i + 2}");
            }
            Feed(master, DeckTheme.Master(layoutIds));
            Feed(presentation, $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <p:presentation xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" saveSubsetFonts="1">
                <p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>
                <p:sldSz cx="{DeckTheme.Width}" cy="{DeckTheme.Height}"/><p:notesSz cx="6858000" cy="9144000"/>
                </p:presentation>
                """);
        }
        return Open(buffer);
    }

    /// <summary>Reads and checks a company template (<c>.pptx</c> or <c>.potx</c>) once, for every deck made on it.</summary>
    /// <exception cref="UserError">The template is missing or is not a PowerPoint file; the message names <paramref name="settingKey"/>.</exception>
    public static byte[] ReadTemplate(string path, string settingKey)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            using var buffer = new MemoryStream();
            buffer.Write(bytes);
            using var document = PresentationDocument.Open(buffer, isEditable: true);
            if (document.PresentationPart?.SlideMasterParts.FirstOrDefault()?.SlideLayoutParts.Any() != true)
                throw new UserError($"{settingKey}: the deck template {path} has no slide master with layouts");
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenXmlPackageException or FileFormatException
                                      or InvalidDataException or System.Xml.XmlException or InvalidOperationException or ArgumentException)
        {
            throw new UserError($"{settingKey}: cannot read the deck template {path} ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>A new deck on a template read by <see cref="ReadTemplate"/>: its masters, layouts and theme, none of its slides.</summary>
    public static DeckPackage FromTemplate(byte[] template)
    {
        var buffer = new MemoryStream();
        buffer.Write(template);
        buffer.Position = 0;
        // A .potx is a template: the deck made on it is a presentation.
        using (var document = PresentationDocument.Open(buffer, isEditable: true))
            if (document.DocumentType != DocumentFormat.OpenXml.PresentationDocumentType.Presentation)
                document.ChangeDocumentType(DocumentFormat.OpenXml.PresentationDocumentType.Presentation);
        return Open(buffer);
    }

    private static DeckPackage Open(MemoryStream buffer)
    {
        buffer.Position = 0;
        return new DeckPackage(buffer, PresentationDocument.Open(buffer, isEditable: true));
    }

    /// <summary>Adds a slide on <paramref name="layout"/> holding <paramref name="shapes"/>, with <paramref name="notes"/> as its speaker notes.</summary>
    /// <param name="shapes">Given the slide, so charts can be added to it and framed.</param>
    public SlidePart AddSlide(SlideLayoutPart layout, Func<SlidePart, IEnumerable<XElement>> shapes, string? notes)
    {
        var slide = _presentation.AddNewPart<SlidePart>();
        slide.AddPart(layout);
        var ids = new DeckIds();
        var tree = shapes(slide).ToList();
        Feed(slide, new XElement(DeckXml.P + "sld", DeckXml.Namespaces,
            new XElement(DeckXml.P + "cSld", new XElement(DeckXml.P + "spTree", DeckXml.GroupProperties(), tree.Select(ids.Number))),
            new XElement(DeckXml.P + "clrMapOvr", new XElement(DeckXml.A + "masterClrMapping"))));
        if (notes is not null) AddNotes(slide, notes);
        _slides.Add(slide);
        return slide;
    }

    private void AddNotes(SlidePart slide, string text)
    {
        var notes = slide.AddNewPart<NotesSlidePart>();
        notes.AddPart(_notesMaster);
        notes.AddPart(slide);
        Feed(notes, new XElement(DeckXml.P + "notes", DeckXml.Namespaces,
            new XElement(DeckXml.P + "cSld", new XElement(DeckXml.P + "spTree", DeckXml.GroupProperties(),
                DeckXml.Placeholder(2, "Slide Image", "sldImg", null, null),
                DeckXml.Placeholder(3, "Notes", "body", 1, text.Split('\n').Select(line => DeckXml.Paragraph(line))))),
            new XElement(DeckXml.P + "clrMapOvr", new XElement(DeckXml.A + "masterClrMapping"))));
    }

    /// <summary>Lists the slides in the order added and writes the package to <paramref name="output"/>.</summary>
    public void Save(Stream output)
    {
        var presentation = _presentation.Presentation;
        uint id = 256;
        presentation.SlideIdList = new SlideIdList(_slides.Select(s => new SlideId { Id = id++, RelationshipId = _presentation.GetIdOfPart(s) }));
        presentation.NotesMasterIdList ??= new NotesMasterIdList(new NotesMasterId { Id = _presentation.GetIdOfPart(_notesMaster) });
        presentation.Save();
        _document.Dispose();
        _buffer.Position = 0;
        _buffer.CopyTo(output);
    }

    public void Dispose()
    {
        _document.Dispose();
        _buffer.Dispose();
    }

    private void RemoveSlides()
    {
        var presentation = _presentation.Presentation;
        foreach (var slide in _presentation.SlideParts.ToList()) _presentation.DeletePart(slide);
        presentation.SlideIdList = null;
        presentation.CustomShowList = null;
        presentation.Save();
    }

    private NotesMasterPart AddNotesMaster()
    {
        var notesMaster = _presentation.AddNewPart<NotesMasterPart>();
        var theme = notesMaster.AddNewPart<ThemePart>();
        Feed(theme, DeckTheme.Theme("Notes"));
        Feed(notesMaster, DeckTheme.NotesMaster());
        _presentation.Presentation.NotesMasterIdList = new NotesMasterIdList(new NotesMasterId { Id = _presentation.GetIdOfPart(notesMaster) });
        return notesMaster;
    }

    /// <summary>The bottom of the layout's (or its master's) title placeholder, in EMU; 0 when it has none with a position.</summary>
    private static long TitleBottom(SlideLayoutPart layout)
    {
        static long Bottom(DocumentFormat.OpenXml.OpenXmlElement? tree) =>
            tree?.Descendants<Shape>()
                .Where(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value
                    is PlaceholderValues.Title or PlaceholderValues.CenteredTitle)
                .Select(s => s.ShapeProperties?.Transform2D)
                .Where(t => t?.Offset?.Y is not null && t.Extents?.Cy is not null)
                .Select(t => t!.Offset!.Y!.Value + t.Extents!.Cy!.Value)
                .FirstOrDefault() ?? 0;
        var own = Bottom(layout.SlideLayout.CommonSlideData?.ShapeTree);
        return own > 0 ? own : Bottom(layout.SlideMasterPart?.SlideMaster.CommonSlideData?.ShapeTree);
    }

    public static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        var bytes = Encoding.UTF8.GetBytes(xml);
        stream.Write(bytes);
    }

    public static void Feed(OpenXmlPart part, XElement root)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        new XDocument(new XDeclaration("1.0", "utf-8", "yes"), root).Save(stream, SaveOptions.DisableFormatting);
    }
}

/// <summary>Numbers the shapes of one slide (ids unique within the slide, 1 is the tree).</summary>
internal sealed class DeckIds
{
    private uint _next = 2;

    public XElement Number(XElement shape)
    {
        var properties = shape.Descendants(DeckXml.P + "cNvPr").First();
        properties.SetAttributeValue("id", _next++);
        return shape;
    }
}
