using System.Globalization;
using System.Text;

namespace JuniperFts.Reports.Files;

/// <summary>
/// Text from the data as a document can hold it: any accepted value (up to 32,767 characters of
/// anything) must render; the full text stays in the warehouse and the CSV outputs.
/// </summary>
internal static class ReportText
{
    /// <summary>The most characters a spreadsheet cell holds.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>Appended where text was cut.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// At most <paramref name="max"/> characters (ellipsis included): cut between text elements, so a
    /// surrogate pair or a letter with its combining marks is never split.
    /// </summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max) return text;
        var keep = 0;
        while (keep < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, keep);
            if (keep + next > max - Ellipsis.Length) break;
            keep += next;
        }
        return text[..keep] + Ellipsis;
    }

    /// <summary>One line of drawable text: line breaks, tabs and other control characters become spaces, lone surrogates U+FFFD.</summary>
    public static string ForDrawing(string text) => Replace(text, char.IsControl, ' ');

    private static string Replace(string text, Func<char, bool> bad, char replacement)
    {
        var i = 0;
        for (; i < text.Length; i++)
        {
            if (IsPairAt(text, i)) { i++; continue; }
            if (bad(text[i]) || char.IsSurrogate(text[i])) break;
        }
        if (i >= text.Length) return text;

        var sb = new StringBuilder(text.Length).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (IsPairAt(text, i)) { sb.Append(c).Append(text[++i]); continue; }
            sb.Append(bad(c) ? replacement : char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.ToString();
    }

    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
}
