using JuniperFts.Reports.Pdf.Fonts;
using ScottPlot;
using SkiaSharp;

namespace JuniperFts.Reports.Charts;

/// <summary>Points ScottPlot at the shipped DejaVu Sans faces, so charts render the same on a machine without fonts.</summary>
public static class ChartFonts
{
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the shipped font as ScottPlot's default; call before the first <see cref="Plot"/> (idempotent).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            Fonts.FontResolvers.Insert(0, new ShippedFontResolver());
            Fonts.Default = ShippedFonts.Family;
            _registered = true;
        }
    }

    /// <summary>Answers every family with DejaVu Sans, so no label ever falls back to a system font.</summary>
    private sealed class ShippedFontResolver : IFontResolver
    {
        private readonly SKData _regular = SKData.CreateCopy(ShippedFonts.Bytes(ShippedFonts.RegularFile));
        private readonly SKData _bold = SKData.CreateCopy(ShippedFonts.Bytes(ShippedFonts.BoldFile));

        public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            SKTypeface.FromData(weight >= FontWeight.SemiBold ? _bold : _regular);

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) =>
            SKTypeface.FromData(bold ? _bold : _regular);
    }
}
