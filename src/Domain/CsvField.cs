namespace JuniperFts.Domain;

/// <summary>RFC 4180 quoting of one CSV field, as every CSV this product writes uses it.</summary>
public static class CsvField
{
    /// <summary>The field as written: quoted, with quotes doubled, when it holds a comma, quote, CR or LF.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
