using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>A table column: header, relative width, alignment ("r", "ctr" or null for left).</summary>
internal sealed record DeckColumn(string Header, double Weight, string? Align = null);

/// <summary>
/// Places blocks (text, figure tiles, charts, tables) down the content area of titled slides, starting a
/// "(continued)" slide with the same title and notes when the next block does not fit: nothing runs off a slide,
/// and nothing is set below 12 pt. Heights are estimated from the text (a generous average character width), so
/// the layout needs no font files and stays the same on every machine.
/// </summary>
internal sealed class SlideFlow(DeckPackage deck, string footer)
{
    private const long Gap = 137160, LineFactor = 125; // 1.25 × the type size between lines
    private const long CellMarginX = 73152 * 2, CellMarginY = 36576 * 2;
    /// <summary>Average character width as a share of the type size: wide enough for digits and capitals in Arial or DejaVu Sans.</summary>
    private const double CharWidth = 0.55, BoldCharWidth = 0.6;
    /// <summary>A table cell shows at most this many lines, the last ending in "…" (the full text is in the data and the pack's CSV sources).</summary>
    private const int CellLines = 2;

    private string? _title;
    private string? _notes;
    private readonly List<Func<SlidePart, XElement>> _shapes = [];
    private long _y;
    private bool _continued;

    private long Left => DeckTheme.Margin;
    private long Width => deck.Width - 2 * DeckTheme.Margin;
    private long Bottom => deck.Height - DeckTheme.FooterHeight - DeckTheme.Margin / 2;

    /// <summary>Starts a new slide titled <paramref name="title"/> whose speaker notes are <paramref name="notes"/>.</summary>
    public void Slide(string title, string notes)
    {
        Flush();
        _title = title;
        _notes = notes;
        _continued = false;
        _y = deck.ContentTop;
    }

    /// <summary>Writes the slide being filled.</summary>
    public void Flush()
    {
        if (_title is null) return;
        var title = _continued ? $"{_title} (continued)" : _title;
        var shapes = _shapes.ToList();
        deck.AddSlide(deck.TitleOnlyLayout, slide =>
        [
            DeckXml.Placeholder(0, "Title", "title", null, [DeckXml.Paragraph(title)]),
            .. shapes.Select(s => s(slide)),
            DeckXml.TextBox("Footer", Left, deck.Height - DeckTheme.FooterHeight - DeckTheme.Margin / 2, Width, DeckTheme.FooterHeight,
                [DeckXml.Paragraph(footer, DeckXml.MinSize, tone: DeckTone.Muted)], anchor: "b"),
        ], _notes);
        _shapes.Clear();
    }

    private void Continue()
    {
        var (title, notes) = (_title!, _notes!);
        Flush();
        _title = title;
        _notes = notes;
        _continued = true;
        _y = deck.ContentTop;
    }

    private static long LineHeight(int size) => size * LineFactor * 12700 / 10000;

    private static double TextWidth(string text, int size, bool bold) => text.Length * (bold ? BoldCharWidth : CharWidth) * size / 100.0 * 12700;

    /// <summary>Lines the text takes; wrapping at word ends wastes about a tenth of each line, so more than one line gets that slack.</summary>
    private static int Lines(string text, int size, bool bold, long width)
    {
        var wide = TextWidth(text, size, bold);
        return wide <= width ? 1 : (int)Math.Ceiling(wide * 1.1 / Math.Max(1, width));
    }

    /// <summary>Cuts <paramref name="text"/> to what <paramref name="lines"/> lines of <paramref name="width"/> hold, ending in "…".</summary>
    private static string Fit(string text, int size, bool bold, long width, int lines)
    {
        if (Lines(text, size, bold, width) <= lines) return text;
        var keep = (int)(lines * width / 1.1 / ((bold ? BoldCharWidth : CharWidth) * size / 100.0 * 12700)) - 2;
        return text[..Math.Clamp(keep, 1, text.Length)].TrimEnd() + "…";
    }

    /// <summary>A paragraph across the content width; it starts a new slide when it does not fit below what is there.</summary>
    public void Text(string text, int size = 1400, DeckTone tone = DeckTone.Normal, bool bold = false, int maxLines = 6)
    {
        var inner = Width - 2 * 91440;
        text = Fit(text, size, bold, inner, maxLines);
        var height = Lines(text, size, bold, inner) * LineHeight(size) + 2 * 45720;
        Room(height);
        var y = _y;
        _shapes.Add(_ => DeckXml.TextBox("Text", Left, y, Width, height, [DeckXml.Paragraph(text, size, bold, tone)]));
        _y += height + Gap / 2;
    }

    /// <summary>Key figures as tiles across the slide: the value large, its label below.</summary>
    public void Tiles(IReadOnlyList<(string Label, string Value, DeckTone Tone)> tiles)
    {
        const long height = 1280160;
        Room(height);
        var width = (Width - Gap * (tiles.Count - 1)) / tiles.Count;
        var y = _y;
        for (var i = 0; i < tiles.Count; i++)
        {
            var (label, value, tone) = tiles[i];
            var x = Left + i * (width + Gap);
            var inner = width - 2 * 91440;
            _shapes.Add(_ => DeckXml.TextBox("Figure", x, y, width, height,
                [DeckXml.Paragraph(Fit(value, 2800, true, inner, 1), 2800, true, tone, "ctr"), DeckXml.Paragraph(Fit(label, 1200, false, inner, 2), 1200, false, DeckTone.Muted, "ctr")],
                DeckXml.Scheme("bg2"), "ctr"));
        }
        _y += height + Gap;
    }

    /// <summary>Native charts side by side, <paramref name="height"/> high (less if the slide has less room, but at least half).</summary>
    public void Charts(long height, params DeckChartSpec[] charts)
    {
        if (Bottom - _y < height / 2 + Gap) Continue();
        height = Math.Min(height, Bottom - _y);
        var width = (Width - Gap * (charts.Length - 1)) / charts.Length;
        var y = _y;
        for (var i = 0; i < charts.Length; i++)
        {
            var (spec, x) = (charts[i], Left + i * (width + Gap));
            _shapes.Add(slide => DeckXml.ChartFrame(spec.Title, x, y, width, height, DeckChart.Add(slide, spec)));
        }
        _y += height + Gap;
    }

    /// <summary>
    /// A real table across the content width, header on every slide it runs onto; <paramref name="size"/> 12 pt for wide tables.
    /// Rows that do not fit continue on the next slide.
    /// </summary>
    public void Table(IReadOnlyList<DeckColumn> columns, IReadOnlyList<IReadOnlyList<DeckXml.Cell>> rows, int size = 1400, long? width = null)
    {
        var total = width ?? Width;
        var weights = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => (long)(total * c.Weight / weights)).ToList();
        var aligns = columns.Select(c => c.Align).ToList();
        (IReadOnlyList<DeckXml.Cell> Cells, long Height) Measure(IReadOnlyList<DeckXml.Cell> cells, bool head)
        {
            var fitted = cells.Select((c, i) => c with { Text = Fit(c.Text, size, c.Bold || head, widths[i] - CellMarginX, CellLines) }).ToList();
            var lines = fitted.Select((c, i) => Lines(c.Text, size, c.Bold || head, widths[i] - CellMarginX)).Max();
            return (fitted, lines * LineHeight(size) + CellMarginY + 18288);
        }
        var header = Measure(columns.Select(c => new DeckXml.Cell(c.Header)).ToList(), head: true);
        var measured = rows.Select(r => Measure(r, head: false)).ToList();
        var next = 0;
        do
        {
            if (Bottom - _y < header.Height + (measured.Count == 0 ? 0 : measured[next].Height)) Continue();
            var used = header.Height;
            var from = next;
            while (next < measured.Count && used + measured[next].Height <= Bottom - _y) used += measured[next++].Height;
            if (next == from && next < measured.Count) used += measured[next++].Height; // never stuck: a row is at most two lines
            var slice = measured.Skip(from).Take(next - from).Select((r, i) => (r.Cells, r.Height, Band: (from + i) % 2 == 1)).ToList();
            var y = _y;
            _shapes.Add(_ => DeckXml.Table("Table", Left, y, widths, aligns, header.Cells, slice, header.Height, size));
            _y += used + Gap;
            if (next < measured.Count) Continue();
        } while (next < measured.Count);
    }

    /// <summary>Starts a continued slide unless <paramref name="height"/> fits below what is there.</summary>
    private void Room(long height)
    {
        if (_y + height > Bottom) Continue();
    }
}
