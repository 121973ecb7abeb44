using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Store;
using NodaTime;
using JuniperFts.Reports.Files;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>The service managers' quarterly review packs: what the CLI, the scheduler and the portal call.</summary>
/// <remarks>Reads <c>sla_evaluations</c> as stored: run <c>SlaRefresh</c> after ingest first (fts run and the scheduler do).</remarks>
public static class ReviewPacks
{
    /// <summary>Computes every figure of one account's pack for <paramref name="quarter"/>, SLA evaluated at <paramref name="asOf"/>.</summary>
    /// <exception cref="UserError">The account is not in the data.</exception>
    /// <param name="forecast">Forecast settings (default: built-in staffing and model settings with <paramref name="reference"/>).</param>
    public static ReviewPackModel Build(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf,
        ForecastOptions? forecast = null) =>
        Query(warehouse, reference, forecast).Build(accountId, quarter, asOf);

    /// <summary>Lays out a built pack as PDF into <paramref name="output"/> (left open).</summary>
    public static void Render(ReviewPackModel model, Stream output) => ReviewPackRenderer.Render(model, output);

    /// <summary>Writes one account's pack as PDF to <paramref name="output"/> (left open).</summary>
    /// <exception cref="UserError">The account is not in the data.</exception>
    public static void Write(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf, Stream output,
        ForecastOptions? forecast = null) =>
        ReviewPackRenderer.Render(Build(warehouse, reference, accountId, quarter, asOf, forecast), output);

    /// <summary>Writes the pack of every account into <paramref name="folder"/> (created when missing); returns the files written, by account.</summary>
    public static IReadOnlyList<string> WriteAll(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ForecastOptions? forecast = null)
    {
        Directory.CreateDirectory(folder);
        var query = Query(warehouse, reference, forecast);
        var accounts = ReviewPackQuery.AccountIds(warehouse);
        var paths = accounts.Select(a => Path.Combine(folder, FileName(a, quarter))).ToArray();
        // Packs are independent: lay them out on every core (the forecast is made once, on first use).
        Parallel.For(0, accounts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            ReportFile.Write(paths[i], file => ReviewPackRenderer.Render(query.Build(accounts[i], quarter, asOf), file)));
        return paths;
    }

    private static ReviewPackQuery Query(Warehouse warehouse, ReferenceData reference, ForecastOptions? forecast) =>
        new(warehouse, reference, forecast ?? new ForecastOptions { Reference = reference });

    /// <summary>Every account id in the data, in ordinal order.</summary>
    public static IReadOnlyList<string> AccountIds(Warehouse warehouse) => ReviewPackQuery.AccountIds(warehouse);

    /// <summary>The pack's file name: <c>review-pack-A0001-2026Q3.pdf</c> (characters unsafe in file names become '_').</summary>
    public static string FileName(string accountId, Quarter quarter)
    {
        // Unsafe on any common file system, not only this one, since packs are mailed and copied around.
        var safe = new string(accountId.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) || char.IsWhiteSpace(c) ? '_' : c).ToArray());
        return $"review-pack-{safe}-{quarter}.pdf";
    }
}
