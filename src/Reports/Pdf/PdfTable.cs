namespace JuniperFts.Reports.Pdf;

/// <summary>Horizontal alignment of a table column.</summary>
public enum PdfAlign
{
    Left,
    Right,
    Center,
}

/// <summary>A table column: its header, relative width and alignment.</summary>
/// <param name="Width">A weight: widths are scaled so the columns fill the text width.</param>
public sealed record PdfColumn(string Header, double Width = 1, PdfAlign Align = PdfAlign.Left)
{
    public double Width { get; } = Width > 0 ? Width : throw new ArgumentOutOfRangeException(nameof(Width), Width, "A column width weight must be positive.");
}

/// <summary>One table cell: its text and how it reads (a string converts to a plain cell).</summary>
public readonly record struct PdfCell(string Text, PdfTone Tone = PdfTone.Normal, bool Bold = false)
{
    public static implicit operator PdfCell(string text) => new(text);
}

/// <summary>A labelled figure shown as a tile (e.g. "SLA attainment 97.50 %").</summary>
public sealed record PdfMetric(string Label, string Value, PdfTone Tone = PdfTone.Normal);
