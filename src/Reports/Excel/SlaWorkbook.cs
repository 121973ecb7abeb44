using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.Excel;

/// <summary>The leadership SLA workbook: what the CLI, <c>fts run</c> and the portal call.</summary>
public static class SlaWorkbook
{
    /// <summary>Writes the workbook for <paramref name="quarter"/> to <paramref name="output"/>.</summary>
    /// <param name="asOf">Unanswered cases are judged at this instant; later cases are left out.</param>
    /// <param name="accounts">A service manager's accounts; null for every account.</param>
    /// <param name="generatedAt">Stamped in the document properties and on each sheet (pass the clock's now).</param>
    /// <param name="forecast">Forecast and staffing settings for the Staffing sheet (default: built-in ones with <paramref name="reference"/>, using the saved model only).</param>
    public static void Write(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf,
        IReadOnlySet<string>? accounts, Stream output, SlaWorkbookOptions options, Instant generatedAt, Forecast.ForecastOptions? forecast = null) =>
        SlaWorkbookRenderer.Write(SlaWorkbookQuery.Build(warehouse, reference, quarter, asOf, accounts, options, generatedAt, forecast), output);

    /// <summary>The file name <c>fts run</c> gives the workbook of a quarter.</summary>
    public static string FileName(Quarter quarter) => $"sla-{quarter}.xlsx";
}
