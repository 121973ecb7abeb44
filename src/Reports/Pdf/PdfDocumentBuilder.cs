using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JuniperFts.Reports.Files;
using JuniperFts.Reports.Pdf.Fonts;
using NodaTime;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace JuniperFts.Reports.Pdf;

/// <summary>
/// A small flowing layout over PDFsharp: title band, headings with bookmarks, wrapped text, key/value
/// lists, metric tiles, notices, tables that repeat their header on every page, chart images,
/// and a footer with the data's as-of and "Page n of N".
/// </summary>
/// <remarks>
/// Content flows top to bottom and breaks onto a new page when the next block does not fit.
/// The creation date comes from the caller and the document ID from the title and that date, so
/// the same content saves to the same bytes. Not thread-safe: one builder per document.
/// </remarks>
public sealed partial class PdfDocumentBuilder : IDisposable
{
    private const double Margin = 42;
    private const double BandHeight = 24;
    private const double TopOfContent = BandHeight + 26;
    private const double FooterHeight = 34;
    private const double CellPadX = 5;
    private const double CellPadY = 3.5;

    // Most lines a block of data text shows; the rest is cut with an ellipsis (the full text stays in
    // the warehouse and the CSV outputs), so one long value never pushes a row or a band off the page.
    private const int CellLines = 4;
    private const int TitleLines = 3;
    private const int HeadingLines = 3;
    private const int ValueLines = 8;
    private const int NoticeLines = 12;
    private const int BookmarkLength = 120;

    private readonly PdfDocument _document = new();
    private readonly XGraphics _measure;
    private readonly Dictionary<(double Size, bool Bold), XFont> _fonts = [];
    private readonly Dictionary<(XFont Font, int CodePoint), double> _advances = [];
    private readonly string _runningTitle;
    private readonly Instant _created;
    private readonly double _pageWidth;
    private readonly double _pageHeight;
    private PdfPage? _page;
    private XGraphics? _gfx;
    private double _y;
    private bool _breakBeforeNext;
    private string? _footer;

    /// <summary>Starts an empty document.</summary>
    /// <param name="title">Document title (PDF metadata and the band at the top of every page).</param>
    /// <param name="created">Creation date written into the PDF; pass the data's as-of so outputs are reproducible.</param>
    /// <param name="landscape">A4 landscape (a deck) or A4 portrait (a statement).</param>
    public PdfDocumentBuilder(string title, Instant created, bool landscape = true)
    {
        ShippedFonts.Register();
        _runningTitle = title;
        _created = created;
        (_pageWidth, _pageHeight) = landscape ? (841.89, 595.28) : (595.28, 841.89);
        _document.Info.Title = ReportText.Clip(ReportText.ForDrawing(title), 2 * BookmarkLength);
        _document.Info.Creator = "JuniperFts";
        _document.Info.CreationDate = created.ToDateTimeUtc();
        _document.Info.ModificationDate = created.ToDateTimeUtc();
        _document.PageLayout = PdfPageLayout.SinglePage;
        _document.PageMode = PdfPageMode.UseOutlines;
        _measure = XGraphics.CreateMeasureContext(new XSize(_pageWidth, _pageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    }

    /// <summary>Width available to content between the margins, in points.</summary>
    public double ContentWidth => _pageWidth - 2 * Margin;

    private double Bottom => _pageHeight - FooterHeight - 12;

    /// <summary>Sets the footer text printed on every page (e.g. "Data as of 2026-09-30 23:59 UTC").</summary>
    public PdfDocumentBuilder Footer(string text)
    {
        _footer = text;
        return this;
    }

    /// <summary>A large title banner, as on a cover page; with <paramref name="bookmark"/> it is also an outline entry.</summary>
    public PdfDocumentBuilder Title(string title, string? subtitle = null, string? bookmark = null)
    {
        var titleFont = Font(24, bold: true);
        var subFont = Font(13, bold: false);
        var width = ContentWidth - 2 * 22;
        var titleLines = Wrap(title, titleFont, width, TitleLines);
        var subLines = subtitle is null ? [] : Wrap(subtitle, subFont, width, TitleLines);
        var height = 26 + titleLines.Count * 24 * PdfTheme.LineFactor + subLines.Count * 13 * PdfTheme.LineFactor + 20;
        Ensure(height);
        if (bookmark is not null) _document.Outlines.Add(Bookmark(bookmark), _page!, true);
        var g = _gfx!;
        g.DrawRectangle(new XSolidBrush(PdfTheme.Primary), Margin, _y, ContentWidth, height);
        g.DrawRectangle(new XSolidBrush(PdfTheme.Accent), Margin, _y + height - 5, ContentWidth, 5);
        var y = _y + 22;
        foreach (var line in titleLines)
        {
            g.DrawString(line, titleFont, XBrushes.White, Margin + 22, y, XStringFormats.TopLeft);
            y += 24 * PdfTheme.LineFactor;
        }
        var subBrush = new XSolidBrush(XColor.FromArgb(0xDD, 0xE6, 0xF0));
        foreach (var line in subLines)
        {
            g.DrawString(line, subFont, subBrush, Margin + 22, y, XStringFormats.TopLeft);
            y += 13 * PdfTheme.LineFactor;
        }
        _y += height + 18;
        return this;
    }

    /// <summary>A section heading; with <paramref name="bookmark"/> it also appears in the PDF's outline.</summary>
    public PdfDocumentBuilder Heading(string text, bool bookmark = true)
    {
        var font = Font(PdfTheme.HeadingSize, bold: true);
        var lines = Wrap(text, font, ContentWidth, HeadingLines);
        var height = lines.Count * PdfTheme.HeadingSize * PdfTheme.LineFactor + 10;
        // Keep the heading with what follows: never leave it alone at the bottom of a page.
        Ensure(height + 80);
        if (_y > TopOfContent) _y += 6;
        if (bookmark) _document.Outlines.Add(Bookmark(text), _page!, true);
        foreach (var line in lines)
        {
            _gfx!.DrawString(line, font, new XSolidBrush(PdfTheme.Primary), Margin, _y, XStringFormats.TopLeft);
            _y += PdfTheme.HeadingSize * PdfTheme.LineFactor;
        }
        _gfx!.DrawRectangle(new XSolidBrush(PdfTheme.Accent), Margin, _y + 1, 46, 2.5);
        _gfx.DrawLine(new XPen(PdfTheme.Rule, 0.6), Margin + 46, _y + 2.25, Margin + ContentWidth, _y + 2.25);
        _y += 14;
        return this;
    }

    /// <summary>A smaller heading inside a section (no bookmark).</summary>
    public PdfDocumentBuilder SubHeading(string text)
    {
        var font = Font(PdfTheme.SubHeadingSize, bold: true);
        var lines = Wrap(text, font, ContentWidth, HeadingLines);
        var lineHeight = PdfTheme.SubHeadingSize * PdfTheme.LineFactor;
        Ensure(lines.Count * lineHeight + 50);
        if (_y > TopOfContent) _y += 4;
        foreach (var line in lines)
        {
            _gfx!.DrawString(line, font, new XSolidBrush(PdfTheme.Primary), Margin, _y, XStringFormats.TopLeft);
            _y += lineHeight;
        }
        _y += 3;
        return this;
    }

    /// <summary>Flowing text, wrapped to the text width; a line break in the text starts a new line.</summary>
    public PdfDocumentBuilder Paragraph(string text, PdfTone tone = PdfTone.Normal, bool bold = false)
    {
        var font = Font(PdfTheme.BodySize, bold);
        var lineHeight = PdfTheme.BodySize * PdfTheme.LineFactor;
        var brush = new XSolidBrush(PdfTheme.Of(tone));
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            Ensure(lineHeight);
            _gfx!.DrawString(line, font, brush, Margin, _y, XStringFormats.TopLeft);
            _y += lineHeight;
        }
        _y += 6;
        return this;
    }

    /// <summary>Label/value pairs in two aligned columns.</summary>
    public PdfDocumentBuilder KeyValues(IEnumerable<(string Key, string Value)> pairs, double keyWidth = 170)
    {
        var keyFont = Font(PdfTheme.BodySize, bold: true);
        var valueFont = Font(PdfTheme.BodySize, bold: false);
        var lineHeight = PdfTheme.BodySize * PdfTheme.LineFactor;
        var valueWidth = ContentWidth - keyWidth;
        foreach (var (key, value) in pairs)
        {
            var keyLines = Wrap(key, keyFont, keyWidth - 10, HeadingLines);
            var valueLines = Wrap(value, valueFont, valueWidth, ValueLines);
            var height = Math.Max(keyLines.Count, valueLines.Count) * lineHeight + 5;
            Ensure(height);
            DrawLines(keyLines, keyFont, PdfTheme.MutedText, Margin, _y + 2, keyWidth - 10, PdfAlign.Left, lineHeight);
            DrawLines(valueLines, valueFont, PdfTheme.Text, Margin + keyWidth, _y + 2, valueWidth, PdfAlign.Left, lineHeight);
            _y += height;
            _gfx!.DrawLine(new XPen(PdfTheme.Rule, 0.4), Margin, _y, Margin + ContentWidth, _y);
        }
        _y += 8;
        return this;
    }

    /// <summary>A row of figure tiles (value large, label small), at most six to a row.</summary>
    public PdfDocumentBuilder Metrics(IReadOnlyList<PdfMetric> metrics)
    {
        const double gap = 10, height = 54;
        foreach (var chunk in metrics.Chunk(6))
        {
            Ensure(height + 4);
            var width = (ContentWidth - gap * (chunk.Length - 1)) / chunk.Length;
            var x = Margin;
            foreach (var m in chunk)
            {
                var g = _gfx!;
                g.DrawRectangle(new XSolidBrush(PdfTheme.Band), x, _y, width, height);
                g.DrawRectangle(new XSolidBrush(m.Tone == PdfTone.Normal ? PdfTheme.Accent : PdfTheme.Of(m.Tone)), x, _y, 3, height);
                var valueFont = Font(17, bold: true);
                var labelFont = Font(PdfTheme.SmallSize, bold: false);
                g.DrawString(Fit(m.Value, valueFont, width - 18), valueFont, new XSolidBrush(m.Tone == PdfTone.Normal ? PdfTheme.Primary : PdfTheme.Of(m.Tone)), x + 12, _y + 9, XStringFormats.TopLeft);
                g.DrawString(Fit(m.Label, labelFont, width - 18), labelFont, new XSolidBrush(PdfTheme.MutedText), x + 12, _y + 35, XStringFormats.TopLeft);
                x += width + gap;
            }
            _y += height + 12;
        }
        return this;
    }

    /// <summary>A shaded box with a coloured edge, for messages such as "No cases in this quarter".</summary>
    public PdfDocumentBuilder Notice(string text, PdfTone tone = PdfTone.Muted)
    {
        var font = Font(PdfTheme.BodySize, bold: false);
        var lineHeight = PdfTheme.BodySize * PdfTheme.LineFactor;
        var lines = Wrap(text, font, ContentWidth - 28, NoticeLines);
        var height = lines.Count * lineHeight + 16;
        Ensure(height);
        _gfx!.DrawRectangle(new XSolidBrush(PdfTheme.Band), Margin, _y, ContentWidth, height);
        _gfx.DrawRectangle(new XSolidBrush(tone is PdfTone.Normal or PdfTone.Muted ? PdfTheme.Accent : PdfTheme.Of(tone)), Margin, _y, 4, height);
        DrawLines(lines, font, tone == PdfTone.Muted ? PdfTheme.Text : PdfTheme.Of(tone), Margin + 16, _y + 8, ContentWidth - 28, PdfAlign.Left, lineHeight);
        _y += height + 10;
        return this;
    }

    /// <summary>
    /// A table that fills the text width; when a row does not fit on the page it moves to the next
    /// page under a repeated header. An empty table shows its header and "None".
    /// </summary>
    public PdfDocumentBuilder Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<PdfCell>> rows)
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        var total = columns.Sum(c => c.Width);
        var widths = columns.Select(c => ContentWidth * c.Width / total).ToArray();
        var headerFont = Font(PdfTheme.TableSize, bold: true);
        var lineHeight = PdfTheme.TableSize * PdfTheme.LineFactor;
        var headerLines = columns.Select((c, i) => Wrap(c.Header, headerFont, widths[i] - 2 * CellPadX)).ToArray();
        var headerHeight = headerLines.Max(l => l.Count) * lineHeight + 2 * CellPadY + 1;

        var any = false;
        var index = 0;
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
                throw new ArgumentException($"Table row {index + 1} has {row.Count} cells for {columns.Count} columns.", nameof(rows));
            var cellLines = row.Select((cell, i) => Wrap(cell.Text, Font(PdfTheme.TableSize, cell.Bold), widths[i] - 2 * CellPadX, CellLines)).ToArray();
            var height = cellLines.Max(l => l.Count) * lineHeight + 2 * CellPadY;
            if (!any)
            {
                Ensure(headerHeight + height);
                DrawTableHeader(columns, widths, headerLines, headerFont, headerHeight, lineHeight);
                any = true;
            }
            else if (_y + height > Bottom || _breakBeforeNext)
            {
                NewPage();
                DrawTableHeader(columns, widths, headerLines, headerFont, headerHeight, lineHeight);
            }
            if (index % 2 == 1) _gfx!.DrawRectangle(new XSolidBrush(PdfTheme.Band), Margin, _y, ContentWidth, height);
            var x = Margin;
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = row[i];
                DrawLines(cellLines[i], Font(PdfTheme.TableSize, cell.Bold), PdfTheme.Of(cell.Tone), x + CellPadX, _y + CellPadY, widths[i] - 2 * CellPadX, columns[i].Align, lineHeight);
                x += widths[i];
            }
            _y += height;
            _gfx!.DrawLine(new XPen(PdfTheme.Rule, 0.4), Margin, _y, Margin + ContentWidth, _y);
            index++;
        }

        if (!any)
        {
            var height = lineHeight + 2 * CellPadY;
            Ensure(headerHeight + height);
            DrawTableHeader(columns, widths, headerLines, headerFont, headerHeight, lineHeight);
            DrawLines(["None"], Font(PdfTheme.TableSize, false), PdfTheme.MutedText, Margin + CellPadX, _y + CellPadY, ContentWidth, PdfAlign.Left, lineHeight);
            _y += height;
            _gfx!.DrawLine(new XPen(PdfTheme.Rule, 0.4), Margin, _y, Margin + ContentWidth, _y);
        }
        _y += 12;
        return this;
    }

    /// <summary>A PNG image (e.g. a chart), <paramref name="width"/> points wide (default: the text width), scaled to fit the page.</summary>
    public PdfDocumentBuilder Image(byte[] png, double? width = null) => Images([png], width);

    /// <summary>PNG images side by side in one row, sharing the text width (or <paramref name="width"/> each).</summary>
    public PdfDocumentBuilder Images(IReadOnlyList<byte[]> pngs, double? width = null)
    {
        if (pngs.Count == 0) return this;
        const double gap = 14;
        var images = pngs.Select(p => XImage.FromStream(new MemoryStream(p, writable: false))).ToArray();
        try
        {
            var each = Math.Min(width ?? double.MaxValue, (ContentWidth - gap * (images.Length - 1)) / images.Length);
            var maxHeight = Bottom - TopOfContent;
            var sizes = images.Select(i =>
            {
                var h = each * i.PixelHeight / i.PixelWidth;
                return h <= maxHeight ? (W: each, H: h) : (W: maxHeight * i.PixelWidth / i.PixelHeight, H: maxHeight);
            }).ToArray();
            var height = sizes.Max(s => s.H);
            Ensure(height);
            // A row narrower than the text width is centred.
            var x = Margin + Math.Max(0, (ContentWidth - sizes.Sum(s => s.W) - gap * (sizes.Length - 1)) / 2);
            for (var i = 0; i < images.Length; i++)
            {
                _gfx!.DrawImage(images[i], x, _y, sizes[i].W, sizes[i].H);
                x += sizes[i].W + gap;
            }
            _y += height + 10;
        }
        finally
        {
            foreach (var i in images) i.Dispose();
        }
        return this;
    }

    /// <summary>Vertical space, in points (never carried over to a new page).</summary>
    public PdfDocumentBuilder Space(double points)
    {
        _y = Math.Min(_y + points, Bottom);
        return this;
    }

    /// <summary>The next block starts on a new page (no blank page when the current one is still empty).</summary>
    public PdfDocumentBuilder PageBreak()
    {
        _breakBeforeNext = true;
        return this;
    }

    /// <summary>Draws the footers and writes the PDF to <paramref name="output"/> (left open).</summary>
    public void Save(Stream output)
    {
        if (_page is null) NewPage();
        _gfx?.Dispose();
        _gfx = null;
        var count = _document.PageCount;
        var font = Font(PdfTheme.SmallSize, bold: false);
        var brush = new XSolidBrush(PdfTheme.MutedText);
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = _pageHeight - FooterHeight;
            g.DrawLine(new XPen(PdfTheme.Rule, 0.6), Margin, y, _pageWidth - Margin, y);
            if (_footer is not null)
                g.DrawString(Fit(_footer, font, ContentWidth - 90), font, brush, Margin, y + 8, XStringFormats.TopLeft);
            g.DrawString($"Page {i + 1} of {count}", font, brush, new XRect(Margin, y + 8, ContentWidth, 12), XStringFormats.TopRight);
        }

        // PDFsharp draws random document IDs; derive them from the content's identity instead.
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{_runningTitle}|{_created}|{count}")))[..32];
        _document.Internals.FirstDocumentID = id;
        _document.Internals.SecondDocumentID = id;
        using var buffer = new MemoryStream();
        _document.Save(buffer, closeStream: false);
        var bytes = buffer.ToArray();
        StabiliseRandomNames(bytes, id);
        output.Write(bytes);
    }

    /// <summary>
    /// PDFsharp tags each embedded font subset with six random letters ("ABCDEF+DejaVuSans") and gives
    /// the XMP metadata random UUIDs; rewrite them from <paramref name="id"/> and the order of appearance.
    /// Every replacement has the original's length, so the cross-reference offsets hold.
    /// </summary>
    private static void StabiliseRandomNames(byte[] pdf, string id)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var uuid = 0;
        foreach (System.Text.RegularExpressions.Match m in XmpUuid().Matches(text))
        {
            var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{id}|{uuid++}"))).ToLowerInvariant();
            var stable = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
            Encoding.Latin1.GetBytes(stable, 0, 36, pdf, m.Groups[1].Index);
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Text.RegularExpressions.Match m in SubsetTag().Matches(text))
        {
            var tag = m.Groups[1].Value;
            if (!tags.TryGetValue(tag, out var stable))
            {
                var n = tags.Count;
                tags[tag] = stable = "JFTS" + (char)('A' + n / 26 % 26) + (char)('A' + n % 26);
            }
            Encoding.Latin1.GetBytes(stable, 0, 6, pdf, m.Groups[1].Index);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    [System.Text.RegularExpressions.GeneratedRegex(@"/([A-Z]{6})\+")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    public void Dispose()
    {
        _gfx?.Dispose();
        _measure.Dispose();
        _document.Dispose();
    }

    private void DrawTableHeader(IReadOnlyList<PdfColumn> columns, double[] widths, List<string>[] headerLines, XFont font, double height, double lineHeight)
    {
        _gfx!.DrawRectangle(new XSolidBrush(PdfTheme.Primary), Margin, _y, ContentWidth, height);
        var x = Margin;
        for (var i = 0; i < columns.Count; i++)
        {
            DrawLines(headerLines[i], font, XColors.White, x + CellPadX, _y + CellPadY, widths[i] - 2 * CellPadX, columns[i].Align, lineHeight);
            x += widths[i];
        }
        _y += height;
    }

    private void DrawLines(IReadOnlyList<string> lines, XFont font, XColor color, double x, double y, double width, PdfAlign align, double lineHeight)
    {
        var brush = new XSolidBrush(color);
        var format = align switch { PdfAlign.Right => XStringFormats.TopRight, PdfAlign.Center => XStringFormats.TopCenter, _ => XStringFormats.TopLeft };
        foreach (var line in lines)
        {
            if (line.Length > 0) _gfx!.DrawString(line, font, brush, new XRect(x, y, width, lineHeight), format);
            y += lineHeight;
        }
    }

    /// <summary>Starts a new page when none exists, a break is pending, or <paramref name="height"/> does not fit.</summary>
    private void Ensure(double height)
    {
        if (_page is null || (_breakBeforeNext && _y > TopOfContent) || (_y + height > Bottom && _y > TopOfContent))
            NewPage();
        _breakBeforeNext = false;
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Width = XUnit.FromPoint(_pageWidth);
        _page.Height = XUnit.FromPoint(_pageHeight);
        _gfx = XGraphics.FromPdfPage(_page);
        _gfx.DrawRectangle(new XSolidBrush(PdfTheme.Primary), 0, 0, _pageWidth, BandHeight);
        _gfx.DrawRectangle(new XSolidBrush(PdfTheme.Accent), 0, BandHeight, _pageWidth, 2);
        var font = Font(PdfTheme.SmallSize, bold: false);
        _gfx.DrawString(Fit(_runningTitle, font, ContentWidth), font, XBrushes.White, Margin, (BandHeight - PdfTheme.SmallSize) / 2 - 1, XStringFormats.TopLeft);
        _y = TopOfContent;
        _breakBeforeNext = false;
    }

    private XFont Font(double size, bool bold)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
            _fonts[(size, bold)] = font = new XFont(ShippedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        return font;
    }

    /// <summary>
    /// Width of one-line text as the sum of its code points' advance widths, each measured once per
    /// font: linear in the text's length (PDFsharp draws without kerning, so the sum is the width), and
    /// safe for any length (PDFsharp's own sum over a very long string overflows).
    /// </summary>
    private double Width(string text, XFont font) => Width(text, 0, text.Length, font);

    private double Width(string text, int start, int length, XFont font)
    {
        var width = 0.0;
        foreach (var rune in text.AsSpan(start, length).EnumerateRunes()) width += Advance(rune, font);
        return width;
    }

    private double Advance(Rune rune, XFont font)
    {
        if (!_advances.TryGetValue((font, rune.Value), out var width))
            _advances[(font, rune.Value)] = width = _measure.MeasureString(rune.ToString(), font).Width;
        return width;
    }

    private static string Bookmark(string text) => ReportText.Clip(ReportText.ForDrawing(text), BookmarkLength);

    /// <summary>Shortens a single line with an ellipsis so it never runs past <paramref name="width"/>.</summary>
    private string Fit(string text, XFont font, double width)
    {
        text = ReportText.ForDrawing(text);
        return Width(text, font) <= width ? text : WithEllipsis(text, font, width);
    }

    /// <summary>The longest start of <paramref name="text"/> that fits <paramref name="width"/> with "…" after it.</summary>
    private string WithEllipsis(string text, XFont font, double width)
    {
        var room = width - Width(ReportText.Ellipsis, font);
        var keep = PrefixFitting(text, 0, font, room, atLeastOne: false);
        return text[..keep].TrimEnd() + ReportText.Ellipsis;
    }

    /// <summary>The length of the longest run of whole text elements from <paramref name="start"/> that fits <paramref name="width"/>.</summary>
    private int PrefixFitting(string text, int start, XFont font, double width, bool atLeastOne)
    {
        var end = start;
        var used = 0.0;
        while (end < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text, end);
            var w = Width(text, end, length, font);
            if (used + w > width && !(atLeastOne && end == start)) break;
            used += w;
            end += length;
        }
        return end - start;
    }

    /// <summary>
    /// Greedy word wrap, linear in the text's length; a word wider than the line is broken between
    /// text elements. Past <paramref name="maxLines"/> lines the last one shown ends with "…".
    /// </summary>
    internal List<string> Wrap(string text, XFont font, double width, int maxLines = int.MaxValue)
    {
        var lines = new List<string>();
        var space = Width(" ", font);
        var cut = false;
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var current = new StringBuilder();
            var currentWidth = 0.0;
            foreach (var word in ReportText.ForDrawing(paragraph).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (lines.Count >= maxLines) break;
                var wordWidth = Width(word, font);
                var candidate = current.Length == 0 ? wordWidth : currentWidth + space + wordWidth;
                if (candidate <= width)
                {
                    if (current.Length > 0) current.Append(' ');
                    current.Append(word);
                    currentWidth = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current.ToString());
                current.Clear();
                var start = 0;
                while (lines.Count < maxLines)
                {
                    var length = PrefixFitting(word, start, font, width, atLeastOne: true);
                    if (start + length == word.Length) break;
                    lines.Add(word.Substring(start, length));
                    start += length;
                }
                current.Append(word, start, word.Length - start);
                currentWidth = Width(word, start, word.Length - start, font);
            }
            lines.Add(current.ToString());
            if (lines.Count > maxLines) { cut = true; break; }
        }
        if (!cut) return lines;
        lines.RemoveRange(maxLines, lines.Count - maxLines);
        lines[^1] = WithEllipsis(lines[^1], font, width);
        return lines;
    }
}
