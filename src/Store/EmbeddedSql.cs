using System.Collections.Concurrent;
using System.Reflection;

namespace JuniperFts.Store;

/// <summary>
/// SQL kept in <c>.sql</c> files beside the code that runs it, embedded in that code's assembly
/// (<c>&lt;EmbeddedResource Include="**\*.sql" /&gt;</c>), so long queries read and diff as SQL.
/// </summary>
/// <remarks>
/// A file is found by the namespace of <c>anchor</c> (the type that runs it, in the folder of the file) and its
/// name. Parts that vary per call are written <c>{{name}}</c> in the file and filled in by <see cref="Text"/>.
/// </remarks>
public static class EmbeddedSql
{
    private static readonly ConcurrentDictionary<(Assembly, string), string> Files = new();

    /// <summary>The text of <paramref name="file"/> (e.g. <c>SlaEvaluation.sql</c>) beside <paramref name="anchor"/>, each <c>{{name}}</c> replaced.</summary>
    /// <exception cref="InvalidOperationException">The file is not embedded, or a placeholder is left unfilled.</exception>
    public static string Text(Type anchor, string file, params ReadOnlySpan<(string Name, string Value)> fills)
    {
        var resource = $"{anchor.Namespace}.{file}";
        var text = Files.GetOrAdd((anchor.Assembly, resource), key =>
        {
            using var stream = key.Item1.GetManifestResourceStream(key.Item2)
                ?? throw new InvalidOperationException($"{key.Item2} is not embedded in {key.Item1.GetName().Name}");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
        foreach (var (name, value) in fills) text = text.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        var left = text.IndexOf("{{", StringComparison.Ordinal);
        if (left >= 0)
            throw new InvalidOperationException($"{resource}: placeholder {text[left..Math.Min(text.Length, left + 40)].Split('}')[0]}}} is not filled");
        return text;
    }
}
