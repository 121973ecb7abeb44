using System.Text.Json;
using JuniperFts.Domain.Reference;

namespace JuniperFts.Domain.Calendars;

/// <summary>Reads the calendar JSON shape of the domain spec (<c>time_zone</c>, <c>hours</c>, <c>holidays</c>, <c>overrides</c>, <c>breaks</c>).</summary>
public static class CalendarJson
{
    /// <summary>Parses <paramref name="json"/>; <paramref name="source"/> names it in error messages (a file name).</summary>
    /// <exception cref="UserError">The text is not JSON or not the calendar shape.</exception>
    public static CalendarDefinition Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UserError($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UserError($"{source}: a calendar is a JSON object");
            var zone = root.TryGetProperty("time_zone", out var z) && z.ValueKind == JsonValueKind.String
                ? z.GetString()!
                : throw new UserError($"{source}: \"time_zone\" is missing or not a string");
            return new CalendarDefinition(
                zone,
                Lists(root, "hours", source),
                OptionalStrings(root, "holidays", source),
                Lists(root, "overrides", source),
                Lists(root, "breaks", source));
        }
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Lists(JsonElement root, string name, string source)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return result;
        if (element.ValueKind != JsonValueKind.Object)
            throw new UserError($"{source}: \"{name}\" must be an object of lists of \"HH:mm-HH:mm\"");
        foreach (var p in element.EnumerateObject())
            result[p.Name] = Strings(p.Value, $"{name}.{p.Name}", source);
        return result;
    }

    private static IReadOnlyList<string> OptionalStrings(JsonElement root, string name, string source) =>
        root.TryGetProperty(name, out var element) ? Strings(element, name, source) : [];

    private static IReadOnlyList<string> Strings(JsonElement element, string where, string source)
    {
        if (element.ValueKind == JsonValueKind.Null) return [];
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new UserError($"{source}: \"{where}\" must be a list of strings");
        return element.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
