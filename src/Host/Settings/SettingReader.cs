using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using JuniperFts.Domain;
using Microsoft.Extensions.Configuration;
using MimeKit;
using NodaTime;

namespace JuniperFts.Host.Settings;

/// <summary>
/// The one way a setting is read: every section's binder asks this reader for whole numbers, numbers, dates,
/// choices, e-mail addresses and paths, and every mistake is one line <c>Key:Path: 'value' is not …</c>.
/// </summary>
/// <remarks>
/// The value parsing is <see cref="UserInput"/>'s, the same the command line and the portal use for what a user types;
/// a blank setting is a missing one (the default applies). Range rules that belong to a domain type stay in its
/// constructor: <see cref="Build{T}(string, Func{T})"/> adds the key to the constructor's message.
/// </remarks>
public readonly struct SettingReader(IConfiguration configuration, string path)
{
    /// <summary>The reader of section <paramref name="path"/> (<c>Service</c>, <c>Delivery:Smtp</c>).</summary>
    public static SettingReader Of(IConfiguration configuration, string path) => new(configuration, path);

    /// <summary>The section's own path.</summary>
    public string Path => path;

    /// <summary>The full key of <paramref name="name"/> in this section.</summary>
    public string Key(string name) => $"{path}:{name}";

    /// <summary>The reader of sub-section <paramref name="name"/>.</summary>
    public SettingReader Section(string name) => new(configuration, Key(name));

    /// <summary>The entries of sub-section <paramref name="name"/> (list items or named children), in order.</summary>
    public IEnumerable<IConfigurationSection> Children(string name) => configuration.GetSection(Key(name)).GetChildren();

    /// <summary>The trimmed text of <paramref name="name"/>; null when missing or blank.</summary>
    public string? Text(string name) => configuration[Key(name)]?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>Whether <paramref name="name"/> has a value or children.</summary>
    public bool Has(string name) => configuration.GetSection(Key(name)).Exists();

    /// <summary>The text of <paramref name="name"/> exactly as written (a password); null when missing.</summary>
    public string? Raw(string name) => configuration[Key(name)];

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when missing.</summary>
    public int Whole(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        Text(name) is not { } text ? fallback
        : UserInput.TryWhole(text, min, max, out int value, out var problem) ? value
        : throw Problem(name, problem);

    /// <summary>A number (invariant culture, <c>.</c> for decimals); <paramref name="fallback"/> when missing.</summary>
    public T Number<T>(string name, T fallback) where T : struct, INumber<T> =>
        Text(name) is not { } text ? fallback
        : UserInput.TryNumber(text, out T value, out var problem) ? value
        : throw Problem(name, problem);

    /// <summary>A number within what <paramref name="valid"/> accepts, described by <paramref name="range"/> ("a share from 0 to 1").</summary>
    public double Number(string name, double fallback, Func<double, bool> valid, string range)
    {
        if (Text(name) is not { } text) return fallback;
        var value = Number(name, 0d);
        return valid(value) ? value : throw Problem(name, $"'{text}' is not {range}");
    }

    /// <summary>A date <c>yyyy-MM-dd</c> at <paramref name="entry"/> (a list item).</summary>
    public static LocalDate Date(IConfigurationSection entry) =>
        UserInput.TryDate(entry.Value, out var date, out var problem) ? date : throw new UserError($"{entry.Path}: {problem}");

    /// <summary>One of <paramref name="choices"/> (written as their text, ignoring case); <paramref name="fallback"/> when missing.</summary>
    public T Choice<T>(string name, T fallback, params (string Text, T Value)[] choices)
    {
        if (Text(name) is not { } text) return fallback;
        foreach (var (word, value) in choices)
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase)) return value;
        var words = choices.Select(c => c.Text).ToList();
        throw Problem(name, $"'{text}' is not {string.Join(", ", words.SkipLast(1))} or {words[^1]}");
    }

    /// <summary>true or false; <paramref name="fallback"/> when missing.</summary>
    public bool Flag(string name, bool fallback) => Choice(name, fallback, ("true", true), ("false", false));

    /// <summary>An e-mail address ("Name &lt;a@b.example&gt;" or a bare address); null when missing.</summary>
    public MailboxAddress? Email(string name) =>
        Text(name) is not { } text ? null
        : TryEmail(text, out var address) ? address
        : throw Problem(name, $"'{text}' is not an e-mail address (e.g. \"JuniperFts <fts@vendor.example>\")");

    /// <summary>An e-mail address: what MimeKit parses as a mailbox and has an @ (a bare name parses too). Also <c>fts deliver --to</c>.</summary>
    public static bool TryEmail(string? text, [NotNullWhen(true)] out MailboxAddress? address) =>
        MailboxAddress.TryParse(text, out address) && address!.Address.Contains('@');

    /// <summary>The full path of <paramref name="name"/> (relative to the working folder), or of <paramref name="fallback"/> when missing.</summary>
    public string? FullPath(string name, string? fallback)
    {
        var text = Text(name) ?? fallback;
        if (text is null) return null;
        try
        {
            return System.IO.Path.GetFullPath(text);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Problem(name, $"'{text}' is not a path: {e.Message}");
        }
    }

    /// <summary>Builds a domain value whose constructor checks its own ranges; its complaint is reported against <paramref name="name"/>.</summary>
    public T Build<T>(string name, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is ArgumentException or UserError)
        {
            throw Problem(name, Complaint(e));
        }
    }

    /// <summary>
    /// Builds a domain value from several settings: a constructor's range complaint names its parameter and says what the value
    /// is not, and is reported against that parameter's key with the value as written (<c>Forecast:Shrinkage: '1.5' is not a share from 0 to 1 (excluded)</c>).
    /// </summary>
    /// <param name="keys">Each checked parameter of the constructor and the setting it comes from (<c>("shrinkage", "Shrinkage")</c>).</param>
    public T Build<T>(Func<T> create, params (string Parameter, string Name)[] keys)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e) when (keys.Any(k => k.Parameter == e.ParamName))
        {
            var name = keys.First(k => k.Parameter == e.ParamName).Name;
            // A refused default (one taken from another setting) is not what the user wrote: say which value it was.
            var value = Text(name) is { } text ? $"'{text}'"
                : $"not set, and its default ({string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", (e as ArgumentOutOfRangeException)?.ActualValue)})";
            throw Problem(name, $"{value} {Complaint(e)}");
        }
    }

    /// <summary>An exception's message without the parameter and value .NET appends to it.</summary>
    private static string Complaint(Exception e) => e.Message.Split(" (Parameter")[0];

    /// <summary>The one-line error about <paramref name="name"/>: <c>Section:Name: problem</c>.</summary>
    public UserError Problem(string name, string problem) => new($"{Key(name)}: {problem}");
}
