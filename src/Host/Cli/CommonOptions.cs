using System.CommandLine;
using JuniperFts.Domain.Reference;
using NodaTime;
using NodaTime.Text;

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
        option.AcceptOnlyFromAmong(allowed);
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
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return null;
            if (Domain.Reference.Quarter.TryParse(r.Tokens[0].Value, out var q)) return q;
            r.AddError($"--quarter: '{r.Tokens[0].Value}' is not a quarter (expected e.g. 2026Q3)");
            return null;
        },
    };

    /// <summary>Parses an ISO 8601 instant with an offset or Z, reporting a parse error on <paramref name="result"/>.</summary>
    public static Instant? ParseInstant(string text, string what, System.CommandLine.Parsing.ArgumentResult result)
    {
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed.Success) return parsed.Value.ToInstant();
        result.AddError($"{what}: '{text}' is not an ISO 8601 instant with an offset or Z (e.g. 2026-03-02T16:59:00-08:00)");
        return null;
    }
}
