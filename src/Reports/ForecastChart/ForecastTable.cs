using JuniperFts.Forecast;
using JuniperFts.Reports.Files;

namespace JuniperFts.Reports.ForecastChart;

/// <summary>The forecast as a table: what <c>fts forecast</c> prints and the forecast job and <c>fts run</c> write as CSV.</summary>
public static class ForecastTable
{
    /// <summary>Columns of <c>fts forecast --format csv</c>; the first four are the cli.md contract.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["iso_week", "region", "platform", "cases", "low", "high", "engineers_needed", "method"];

    /// <summary>One row per week × region × platform, as the CSV contract orders them.</summary>
    public static Tabular Rows(ForecastResult result) => new(Columns,
        result.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Week.ToString(), r.Region, r.Platform, ForecastRow.Printed(r.Cases), ForecastRow.Printed(r.Low), ForecastRow.Printed(r.High),
            ForecastRow.Printed(r.EngineersNeeded), result.Method.Code(),
        ]).ToList());

    /// <summary>Writes the forecast CSV (the rows of <see cref="Rows"/>) atomically to <paramref name="path"/>.</summary>
    public static void WriteCsv(ForecastResult result, string path, string? subject = null) =>
        TabularWriter.WriteCsvFile(Rows(result), path, subject);
}
