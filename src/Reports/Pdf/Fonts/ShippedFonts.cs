using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace JuniperFts.Reports.Pdf.Fonts;

/// <summary>The DejaVu Sans faces shipped inside this assembly (licence: LICENSE-DejaVu.txt beside them).</summary>
/// <remarks>
/// A fresh machine has no system fonts, so PDFs and charts read their fonts from here only.
/// Call <see cref="Register"/> before the first PDFsharp font operation; it is idempotent and thread-safe.
/// </remarks>
public static class ShippedFonts
{
    /// <summary>The family name every renderer asks for.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>The regular face's resource file name.</summary>
    public const string RegularFile = "DejaVuSans.ttf";

    /// <summary>The bold face's resource file name.</summary>
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);
    private static readonly object Gate = new();
    private static readonly DejaVuFontResolver Resolver = new();

    /// <summary>The bytes of a shipped font file (<see cref="RegularFile"/> or <see cref="BoldFile"/>).</summary>
    public static byte[] Bytes(string file) => Cache.GetOrAdd(file, static f =>
    {
        var name = "JuniperFts.Reports.Pdf.Fonts." + f;
        using var stream = typeof(ShippedFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Makes PDFsharp resolve every family to the shipped DejaVu Sans faces.</summary>
    public static void Register()
    {
        // PDFsharp accepts the resolver once; setting the same instance again is allowed, another one is not.
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Resolver))
                GlobalFontSettings.FontResolver = Resolver;
        }
    }

    /// <summary>Maps any requested family to DejaVu Sans (bold face when asked; italic is simulated).</summary>
    private sealed class DejaVuFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? BoldFile : RegularFile, mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) =>
            faceName is RegularFile or BoldFile ? Bytes(faceName) : null;
    }
}
