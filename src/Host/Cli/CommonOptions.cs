using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using NodaTime;

namespace JuniperFts.Host.Cli;

/// <summary>Options shared by many commands, spelled once.</summary>
public static class CommonOptions
{
    /// <summary><c>--db PATH</c>: the database file; recursive so it may follow any sub-command.</summary>
    public static Option<string?> Db { get; } = new("--db")
    {
        Description = $"Database file (default: FTS_DB, else {Settings.FtsSettings.DefaultDatabase})",
        Recursive = true,
    };

    /// <summary><c>--format</c> with the given allowed values, the first one the default.</summary>
    public static Option<string> Format(params string[] allowed)
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format: " + string.Join(", ", allowed),
            DefaultValueFactory = _ => allowed[0],
        };
        option.CompletionSources.Add(allowed);
        option.Validators.Add(r =>
        {
            // One line, where the parser's own message lists the values on lines of their own.
            if (r.GetValueOrDefault<string>() is { } value && !allowed.Contains(value))
                r.AddError($"--format: '{value}' is not one of {string.Join(", ", allowed)}");
        });
        return option;
    }

    /// <summary><c>--as-of INSTANT</c> (ISO 8601 with offset or Z).</summary>
    public static Option<Instant?> AsOf() => new("--as-of")
    {
        Description = "Evaluate as of this instant (ISO 8601 with offset or Z)",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseInstant(r.Tokens[0].Value, "--as-of", r),
    };

    /// <summary><c>--quarter Q</c> ("2026Q3"); a value that is not a quarter is a parse error naming it.</summary>
    public static Option<Quarter?> Quarter(string description, bool required = false) => new("--quarter")
    {
        Description = description,
        Required = required,
        CustomParser = r => Parsed<Quarter>(r, "--quarter", UserInput.TryQuarter),
    };

    /// <summary>Parses an ISO 8601 instant with an offset or Z, reporting a parse error on <paramref name="result"/>.</summary>
    public static Instant? ParseInstant(string text, string what, System.CommandLine.Parsing.ArgumentResult result) =>
        UserInput.TryInstant(text, out var instant, out var problem) ? instant : Refuse<Instant>(result, what, problem);

    /// <summary>An option holding a whole number from <paramref name="min"/> to <paramref name="max"/> (null when absent).</summary>
    public static Option<T?> WholeNumber<T>(string name, string description, T min, T max) where T : struct, System.Numerics.IBinaryInteger<T>, System.Numerics.IMinMaxValue<T> => new(name)
    {
        Description = description,
        CustomParser = r => Parsed(r, name, (string? text, out T value, out string problem) => UserInput.TryWhole(text, min, max, out value, out problem)),
    };

    /// <summary>Reads an option's one token with <paramref name="parse"/>; a refusal is a parse error naming the option.</summary>
    private static T? Parsed<T>(System.CommandLine.Parsing.ArgumentResult result, string name, TryParse<T> parse) where T : struct
    {
        if (result.Tokens.Count == 0) return null;
        return parse(result.Tokens[0].Value, out var value, out var problem) ? value : Refuse<T>(result, name, problem);
    }

    private delegate bool TryParse<T>(string? text, out T value, out string problem);

    private static T? Refuse<T>(System.CommandLine.Parsing.ArgumentResult result, string name, string problem) where T : struct
    {
        result.AddError($"{name}: {problem}");
        return null;
    }
}
