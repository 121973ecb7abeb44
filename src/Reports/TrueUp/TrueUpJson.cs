using System.Globalization;
using System.Text;
using System.Text.Json;
using JuniperFts.Domain.TrueUp;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Reports.TrueUp;

/// <summary>The statement as the JSON of <c>fts trueup --format json</c> (cli.md): exact field names, money as two-decimal strings.</summary>
/// <remarks>Written with fixed options and '\n' line ends, so the same statement is always the same bytes.</remarks>
public static class TrueUpJson
{
    public static string Write(TrueUpStatement s)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("contract_id", s.Contract.ContractId);
            json.WriteNumber("contract_year", s.Year.Number);
            json.WriteString("year_start", Date(s.Year.Start));
            json.WriteString("year_end", Date(s.Year.LastDay));
            json.WriteString("currency", s.Contract.Currency);
            WriteTotals(json, "baseline", s.Baseline);
            json.WriteStartArray("additions");
            foreach (var a in s.Additions)
            {
                json.WriteStartObject();
                json.WriteString("serial_number", a.SerialNumber);
                json.WriteString("model", a.Model);
                json.WriteString("covered_from", Date(a.CoveredFrom));
                json.WriteNumber("covered_days", a.CoveredDays);
                json.WriteNumber("year_days", a.YearDays);
                json.WriteString("annual_fee", Money(a.AnnualFee));
                json.WriteString("amount", Money(a.Amount));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("additions_total", Money(s.AdditionsTotal));
            json.WriteStartArray("removals");
            foreach (var r in s.Removals)
            {
                json.WriteStartObject();
                json.WriteString("serial_number", r.SerialNumber);
                json.WriteString("model", r.Model);
                json.WriteString("covered_to", Date(r.CoveredTo));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (s.NextYearTotals is { } next) WriteTotals(json, "next_year", next);
            else json.WriteNull("next_year");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTotals(Utf8JsonWriter json, string name, UnitTotals totals)
    {
        json.WriteStartObject(name);
        json.WriteNumber("units", totals.Units);
        json.WriteString("annual_fee", Money(totals.AnnualFee));
        json.WriteEndObject();
    }

    /// <summary>Money as statement files carry it: two decimals, no grouping (<see cref="Figures.MoneyInFiles"/>).</summary>
    public static string Money(decimal amount) => Figures.MoneyInFiles(amount);

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Reads back the figures of a statement JSON, to compare an issued statement with a corrected one.</summary>
    public static StatementFigures Read(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        static UnitTotals? Totals(JsonElement e) =>
            e.ValueKind == JsonValueKind.Null ? null : new UnitTotals(e.GetProperty("units").GetInt32(), ParseMoney(e.GetProperty("annual_fee")));
        return new StatementFigures(
            Totals(root.GetProperty("baseline"))!,
            root.GetProperty("additions").EnumerateArray().ToDictionary(a => a.GetProperty("serial_number").GetString()!, a => ParseMoney(a.GetProperty("amount")), StringComparer.Ordinal),
            ParseMoney(root.GetProperty("additions_total")),
            root.GetProperty("removals").EnumerateArray().ToDictionary(r => r.GetProperty("serial_number").GetString()!, r => r.GetProperty("covered_to").GetString()!, StringComparer.Ordinal),
            Totals(root.GetProperty("next_year")));
    }

    private static decimal ParseMoney(JsonElement e) => decimal.Parse(e.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}

/// <summary>The figures of a statement that finance compares between an issue and its reissue.</summary>
public sealed record StatementFigures(
    UnitTotals Baseline,
    IReadOnlyDictionary<string, decimal> Additions,
    decimal AdditionsTotal,
    IReadOnlyDictionary<string, string> Removals,
    UnitTotals? NextYear)
{
    /// <summary>What changed from <paramref name="old"/> to this, one line each, in statement order; empty when nothing did.</summary>
    public IReadOnlyList<string> ChangesSince(StatementFigures old)
    {
        var changes = new List<string>();
        if (old.Baseline != Baseline) changes.Add($"baseline: {Units(old.Baseline)} -> {Units(Baseline)}");
        foreach (var serial in old.Additions.Keys.Union(Additions.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.Additions.TryGetValue(serial, out var o) ? TrueUpJson.Money(o) : null;
            var now = Additions.TryGetValue(serial, out var n) ? TrueUpJson.Money(n) : null;
            if (was == now) continue;
            changes.Add(was is null ? $"addition {serial}: new, {now}" : now is null ? $"addition {serial}: dropped, was {was}" : $"addition {serial}: {was} -> {now}");
        }
        if (old.AdditionsTotal != AdditionsTotal) changes.Add($"additions_total: {TrueUpJson.Money(old.AdditionsTotal)} -> {TrueUpJson.Money(AdditionsTotal)}");
        foreach (var serial in old.Removals.Keys.Union(Removals.Keys).Order(StringComparer.Ordinal))
        {
            var was = old.Removals.GetValueOrDefault(serial);
            var now = Removals.GetValueOrDefault(serial);
            if (was == now) continue;
            changes.Add(was is null ? $"removal {serial}: new, covered to {now}" : now is null ? $"removal {serial}: dropped, was covered to {was}" : $"removal {serial}: covered to {was} -> {now}");
        }
        if (old.NextYear != NextYear) changes.Add($"next_year: {Units(old.NextYear)} -> {Units(NextYear)}");
        return changes;
    }

    private static string Units(UnitTotals? t) => t is null ? "none" : $"{t.Units} units, {TrueUpJson.Money(t.AnnualFee)}";
}
