using System.Globalization;
using System.Text;
using System.Text.Json;
using JuniperFts.Domain;

namespace JuniperFts.Reports.Files;

/// <summary>Rows with named columns, as commands print them and jobs write them.</summary>
/// <remarks>Values are strings, numbers (long, int, decimal, double), bools or null; null prints empty.</remarks>
public sealed record Tabular(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>Writes a <see cref="Tabular"/> as csv (RFC 4180) or json (array of objects): one writer for the CLI and the jobs.</summary>
public static class TabularWriter
{
    public static void WriteCsv(Tabular data, TextWriter output)
    {
        output.Write(string.Join(',', data.Columns.Select(CsvField.Quote)));
        output.Write('\n');
        foreach (var row in data.Rows)
        {
            output.Write(string.Join(',', row.Select(v => CsvField.Quote(Text(v)))));
            output.Write('\n');
        }
        output.Flush();
    }

    /// <summary>Writes the CSV to <paramref name="path"/> atomically (<see cref="ReportFile.Write"/>); an I/O failure is a user error about <paramref name="subject"/>.</summary>
    public static void WriteCsvFile(Tabular data, string path, string? subject) =>
        ReportFile.Write(path, file =>
        {
            using var writer = new StreamWriter(file);
            WriteCsv(data, writer);
        }, subject);

    public static void WriteJson(Tabular data, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in data.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < data.Columns.Count; i++)
                {
                    json.WritePropertyName(data.Columns[i]);
                    switch (row[i])
                    {
                        case null: json.WriteNullValue(); break;
                        case bool b: json.WriteBooleanValue(b); break;
                        case int n: json.WriteNumberValue(n); break;
                        case long n: json.WriteNumberValue(n); break;
                        case decimal n: json.WriteNumberValue(n); break;
                        case double n: json.WriteNumberValue(n); break;
                        default: json.WriteStringValue(Text(row[i])); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.Write(Encoding.UTF8.GetString(stream.ToArray()));
        output.Write('\n');
        output.Flush();
    }

    /// <summary>A value as printed in csv and tables: invariant culture, booleans lower-case.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
