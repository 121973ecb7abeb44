using PdfSharp.Drawing;

namespace JuniperFts.Reports.Pdf;

/// <summary>How a figure reads at a glance: its text colour in tables, tiles and notices.</summary>
public enum PdfTone
{
    Normal,
    /// <summary>On or better than target.</summary>
    Good,
    /// <summary>Close to target or worth a look.</summary>
    Warning,
    /// <summary>Below target or a breach.</summary>
    Bad,
    /// <summary>Secondary information.</summary>
    Muted,
}

/// <summary>The one colour set and type scale every JuniperFts PDF uses, so statements and packs look alike.</summary>
public static class PdfTheme
{
    /// <summary>Deep navy: title band, headings, table headers.</summary>
    public static XColor Primary { get; } = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    /// <summary>Teal accent: rules under headings, chart series.</summary>
    public static XColor Accent { get; } = XColor.FromArgb(0x2A, 0x9D, 0x8F);
    public static XColor Text { get; } = XColor.FromArgb(0x22, 0x2B, 0x36);
    public static XColor MutedText { get; } = XColor.FromArgb(0x5F, 0x6B, 0x7A);
    public static XColor Rule { get; } = XColor.FromArgb(0xD0, 0xD6, 0xDE);
    public static XColor Band { get; } = XColor.FromArgb(0xF2, 0xF4, 0xF7);
    public static XColor Good { get; } = XColor.FromArgb(0x2E, 0x7D, 0x32);
    public static XColor Warning { get; } = XColor.FromArgb(0xB2, 0x6A, 0x00);
    public static XColor Bad { get; } = XColor.FromArgb(0xC0, 0x39, 0x2B);

    /// <summary>The same colours as hex "#RRGGBB", for charts.</summary>
    public static string Hex(XColor c) => $"#{c.R:X2}{c.G:X2}{c.B:X2}";

    public static XColor Of(PdfTone tone) => tone switch
    {
        PdfTone.Good => Good,
        PdfTone.Warning => Warning,
        PdfTone.Bad => Bad,
        PdfTone.Muted => MutedText,
        _ => Text,
    };

    internal const double BodySize = 9.5;
    internal const double SmallSize = 8;
    internal const double TableSize = 8.5;
    internal const double HeadingSize = 17;
    internal const double SubHeadingSize = 11.5;
    internal const double LineFactor = 1.3;
}
