using System.Globalization;
using JuniperFts.Domain.Reference;
using NodaTime.Text;
using JuniperFts.Store;

namespace JuniperFts.Ingest.Files;

/// <summary>The outcome of the checks a row can pass on its own: typed values, or the first reason to reject it.</summary>
public readonly record struct RowCheck(object?[]? Values, RejectReason Reason, string? Detail)
{
    public bool Accepted => Values is not null;
}

/// <summary>
/// Checks one row of an input file on its own (fields, formats, reference data, ranges, embargo) and
/// converts its text to typed values. References to other rows are checked later, in SQL.
/// </summary>
public sealed class RowValidator(InputFile file, ReferenceData reference)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly OffsetDateTimePattern InstantPattern = OffsetDateTimePattern.ExtendedIso;

    // DuckDB timestamps and .NET DateTime both hold years 1..9999.
    private static readonly NodaTime.Instant MinInstant = NodaTime.Instant.FromUtc(1, 1, 1, 0, 0);
    private static readonly NodaTime.Instant MaxInstant = NodaTime.Instant.FromUtc(9999, 12, 31, 0, 0);

    private readonly (int Start, int End)[] _ranges = file.Ranges.Select(r => (file.IndexOf(r.Start), file.IndexOf(r.End))).ToArray();

    public InputFile File => file;

    /// <summary>Checks <paramref name="text"/> (one entry per column of <see cref="File"/>, null when absent).</summary>
    public RowCheck Check(string?[] text)
    {
        var columns = file.Columns;
        var values = new object?[columns.Count];
        RejectReason? worst = null;
        string? detail = null;

        void Reject(RejectReason reason, string why)
        {
            // Keep the reason that comes first in the spec's list; on a tie, the first column.
            if (worst is null || reason < worst) { worst = reason; detail = why; }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var raw = text[i]?.Trim();
            if (string.IsNullOrEmpty(raw))
            {
                if (column.Required) Reject(RejectReason.MissingField, $"{column.Name} is empty");
                else if (column.Kind == ColumnKind.Flag) values[i] = false;
                continue;
            }
            values[i] = Convert(column, raw, Reject);
        }

        if (file == InputFiles.CaseEvents) CheckEventValue(values, Reject);

        if (worst is null)
        {
            foreach (var (s, e) in _ranges)
            {
                if (values[s] is IComparable start && values[e] is { } end && start.CompareTo(end) > 0)
                {
                    Reject(RejectReason.BadRange, $"{columns[e].Name} {Show(values[e])} is before {columns[s].Name} {Show(values[s])}");
                    break;
                }
            }
        }

        if (worst is null)
        {
            for (var i = 0; i < columns.Count; i++)
                if (columns[i].Kind == ColumnKind.Country && reference.IsEmbargoed(values[i] as string))
                {
                    Reject(RejectReason.EmbargoedCountry, $"{columns[i].Name} {values[i]} is embargoed");
                    break;
                }
        }

        return worst is { } r ? new RowCheck(null, r, detail) : new RowCheck(values, default, null);
    }

    private object? Convert(InputColumn column, string raw, Action<RejectReason, string> reject)
    {
        switch (column.Kind)
        {
            case ColumnKind.Text:
                return raw;
            case ColumnKind.Email:
                return raw.ToLowerInvariant();
            case ColumnKind.Country:
                return raw.ToUpperInvariant();
            case ColumnKind.Date:
            {
                var parsed = DatePattern.Parse(raw);
                if (parsed.Success && parsed.Value.Year is >= 1 and <= 9999) return parsed.Value.ToDateOnly();
                reject(RejectReason.BadDate, $"{column.Name} '{Clip(raw)}' is not a date (yyyy-MM-dd)");
                return null;
            }
            case ColumnKind.Instant:
            {
                var parsed = InstantPattern.Parse(raw);
                if (parsed.Success && parsed.Value.ToInstant() is var instant && instant >= MinInstant && instant < MaxInstant)
                    return StoredTime.ToTimestamp(instant);
                reject(RejectReason.BadInstant, $"{column.Name} '{Clip(raw)}' is not an ISO 8601 instant with an offset or Z");
                return null;
            }
            case ColumnKind.Money:
            {
                if (decimal.TryParse(raw, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    && Math.Abs(amount) < 1e15m)
                    return Math.Round(amount, 2, MidpointRounding.AwayFromZero);
                reject(RejectReason.BadNumber, $"{column.Name} '{Clip(raw)}' is not a number");
                return null;
            }
            case ColumnKind.Flag:
                if (raw.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
                if (raw.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
                // The spec has no code for a bad boolean; it is a malformed value like a bad number.
                reject(RejectReason.BadNumber, $"{column.Name} '{Clip(raw)}' is not true or false");
                return null;
            case ColumnKind.Priority:
                if (Priorities.TryParse(raw, out var p)) return p.Code();
                reject(RejectReason.UnknownPriority, $"{column.Name} '{Clip(raw)}' is not P1..P4");
                return null;
            case ColumnKind.Sku:
                if (reference.FindSku(raw) is { } sku) return sku.Code;
                reject(RejectReason.UnknownSku, $"{column.Name} '{Clip(raw)}' is not a known SKU");
                return null;
            case ColumnKind.SupportCentre:
                if (reference.FindCentre(raw) is { } centre) return centre.Code;
                reject(RejectReason.UnknownSupportCenter, $"{column.Name} '{Clip(raw)}' is not a known support centre");
                return null;
            case ColumnKind.Platform:
                if (Canonical(InputFiles.Platforms, raw) is { } platform) return platform;
                reject(RejectReason.UnknownPlatform, $"{column.Name} '{Clip(raw)}' is not one of {string.Join(", ", InputFiles.Platforms)}");
                return null;
            case ColumnKind.Platforms:
            {
                var list = new List<string>();
                foreach (var part in raw.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Canonical(InputFiles.Platforms, part) is { } one) { if (!list.Contains(one)) list.Add(one); continue; }
                    reject(RejectReason.UnknownPlatform, $"{column.Name}: '{Clip(part)}' is not one of {string.Join(", ", InputFiles.Platforms)}");
                    return null;
                }
                return string.Join(';', list);
            }
            case ColumnKind.Exclusion:
                if (Canonical(InputFiles.Exclusions, raw) is { } exclusion) return exclusion;
                // No dedicated code: a value outside the closed list counts as the field missing its value.
                reject(RejectReason.MissingField, $"{column.Name} '{Clip(raw)}' is not one of {string.Join(", ", InputFiles.Exclusions)}");
                return null;
            case ColumnKind.EventKind:
                if (Canonical(InputFiles.EventKinds, raw) is { } kind) return kind;
                reject(RejectReason.MissingField, $"{column.Name} '{Clip(raw)}' is not one of {string.Join(", ", InputFiles.EventKinds)}");
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Kind, null);
        }
    }

    private static void CheckEventValue(object?[] values, Action<RejectReason, string> reject)
    {
        // The value of a priority change is the new priority; other kinds keep their value as text.
        var kind = values[2] as string;
        var value = (values[3] as string)?.Trim();
        if (kind != "priority_changed") return;
        if (string.IsNullOrEmpty(value)) { reject(RejectReason.MissingField, "value is empty (the new priority of priority_changed)"); return; }
        if (Priorities.TryParse(value, out var p)) values[3] = p.Code();
        else reject(RejectReason.UnknownPriority, $"value '{Clip(value)}' is not P1..P4");
    }

    private static string? Canonical(IReadOnlyList<string> allowed, string raw)
    {
        foreach (var a in allowed)
            if (a.Equals(raw, StringComparison.OrdinalIgnoreCase)) return a;
        return null;
    }

    private static string Show(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>Keeps quarantine details short even for huge fields; the full text is in the raw column.</summary>
    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
