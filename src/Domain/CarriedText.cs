using System.Buffers;

namespace JuniperFts.Domain;

/// <summary>
/// Text as every report can carry it. The characters XML 1.0 (xlsx) and PDF text cannot hold: the C0 controls other
/// than tab, line feed and carriage return (U+0000 NUL among them), U+FFFE, U+FFFF and unpaired surrogates, each
/// become U+FFFD, the replacement character: one for one, so the rest of the text stays and the change shows.
/// </summary>
/// <remarks>
/// Some exports write a NUL inside a field; stored as it is, DuckDB would cut the text there without a word.
/// Replacing keeps the text whole and visibly marked, where a quarantine would lose the row for one character.
/// </remarks>
public static class CarriedText
{
    /// <summary>What an uncarried character becomes: U+FFFD REPLACEMENT CHARACTER.</summary>
    public const char Replacement = '\uFFFD';

    // Surrogates are here too: a pair is kept, checked on the slow path.
    private static readonly SearchValues<char> Suspect = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r'))
            .Concat(Enumerable.Range(0xD800, 0x800)).Concat([0xFFFE, 0xFFFF])
            .Select(c => (char)c).ToArray());

    /// <summary><paramref name="text"/> with every character xlsx or PDF cannot carry replaced; the same string when there is none.</summary>
    public static string Of(string text)
    {
        var first = FirstUncarried(text);
        if (first < 0) return text;
        return string.Create(text.Length, (text, first), static (target, state) =>
        {
            var (source, start) = state;
            source.AsSpan(0, start).CopyTo(target);
            for (var i = start; i < source.Length; i++)
            {
                if (IsPairAt(source, i))
                {
                    target[i] = source[i];
                    target[++i] = source[i];
                }
                else
                    target[i] = Carried(source[i]) ? source[i] : Replacement;
            }
        });
    }

    /// <summary>Index of the first character to replace, or -1; text without controls or surrogates is one vectorised scan.</summary>
    private static int FirstUncarried(string text)
    {
        var i = text.AsSpan().IndexOfAny(Suspect);
        if (i < 0) return -1;
        for (; i < text.Length; i++)
        {
            if (IsPairAt(text, i)) i++;
            else if (!Carried(text[i])) return i;
        }
        return -1;
    }

    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);

    /// <summary>True when a lone character can be carried (a surrogate cannot on its own).</summary>
    private static bool Carried(char c) => c switch
    {
        '\t' or '\n' or '\r' => true,
        < ' ' => false,
        >= '\uD800' and <= '\uDFFF' => false,
        '\uFFFE' or '\uFFFF' => false,
        _ => true,
    };
}
