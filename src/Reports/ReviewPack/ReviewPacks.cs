using System.Security.Cryptography;
using System.Text;
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
    /// <param name="options">The goal and forecast settings (default: the built-in ones, with <paramref name="reference"/>, using the saved model).</param>
    public static ReviewPackModel Build(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf,
        ReviewPackOptions? options = null) =>
        Query(warehouse, reference, options).Build(accountId, quarter, asOf);

    /// <summary>Lays out a built pack as PDF into <paramref name="output"/> (left open).</summary>
    public static void Render(ReviewPackModel model, Stream output) => ReviewPackRenderer.Render(model, output);

    /// <summary>Writes one account's pack as PDF to <paramref name="output"/> (left open).</summary>
    /// <exception cref="UserError">The account is not in the data.</exception>
    public static void Write(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf, Stream output,
        ReviewPackOptions? options = null) =>
        ReviewPackRenderer.Render(Build(warehouse, reference, accountId, quarter, asOf, options), output);

    /// <summary>Writes the pack of every account into <paramref name="folder"/> (created when missing); returns the files written, by account.</summary>
    /// <exception cref="UserError">The folder or a pack cannot be written (the message names the path).</exception>
    /// <param name="cancellation">Checked between packs: a stop ends the run within one pack's time, each written pack whole.</param>
    /// <param name="accountIds">Only these accounts' packs (default: every account's).</param>
    public static IReadOnlyList<string> WriteAll(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ReviewPackOptions? options = null, CancellationToken cancellation = default, IReadOnlyList<string>? accountIds = null) =>
        WriteEach(warehouse, reference, quarter, asOf, folder, options, cancellation, accountIds, _ => true, FileName, ReviewPackRenderer.Render);

    /// <summary>
    /// Builds the model of each account (in parallel; the forecast is made once) and, when <paramref name="include"/> takes it,
    /// writes it with <paramref name="render"/> into <paramref name="folder"/>: the one loop of the packs and the decks.
    /// </summary>
    internal static IReadOnlyList<string> WriteEach(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ReviewPackOptions? options, CancellationToken cancellation, IReadOnlyList<string>? accountIds,
        Func<ReviewPackModel, bool> include, Func<string, Quarter, string> fileName, Action<ReviewPackModel, Stream> render)
    {
        UserError.OnIo($"cannot create the folder {folder}", () => Directory.CreateDirectory(folder), "out");
        // Held for the run: DuckDB closes the file when its last connection closes, and opening it again cost each
        // document about 50 ms (a third of a sample-data pack's queries).
        using var open = warehouse.Connect();
        var accounts = accountIds ?? ReviewPackQuery.AccountIds(warehouse);
        var query = Query(warehouse, reference, options, manyAccounts: accounts.Count > 1);
        var paths = accounts.Select(a => Path.Combine(folder, fileName(a, quarter))).ToArray();
        var written = new bool[accounts.Count];
        try
        {
            // Documents are independent: lay them out on every core (the forecast is made once, on first use).
            Parallel.For(0, accounts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, i =>
            {
                var model = query.Build(accounts[i], quarter, asOf);
                if (!include(model)) return;
                ReportFile.Write(paths[i], file => render(model, file));
                written[i] = true;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is UserError first)
        {
            // One line, as if the documents had been written one by one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        return paths.Where((_, i) => written[i]).ToList();
    }

    internal static ReviewPackQuery Query(Warehouse warehouse, ReferenceData reference, ReviewPackOptions? options, bool manyAccounts = false) =>
        new(warehouse, reference, options ?? new ReviewPackOptions { Forecast = new ForecastOptions { Reference = reference, Training = ModelTraining.Never } },
            manyAccounts);

    /// <summary>Every account id in the data, in ordinal order.</summary>
    public static IReadOnlyList<string> AccountIds(Warehouse warehouse) => ReviewPackQuery.AccountIds(warehouse);

    private const int MaxIdInFileName = 60;

    /// <summary>The pack's file name: <c>review-pack-A0001-2026Q3.pdf</c> (characters unsafe in file names become '_').</summary>
    public static string FileName(string accountId, Quarter quarter) => FileName("review-pack", accountId, quarter, "pdf");

    /// <summary><c>{kind}-{account}-{quarter}.{extension}</c>, the account id made safe and at most 60 characters long.</summary>
    internal static string FileName(string kind, string accountId, Quarter quarter, string extension)
    {
        // Unsafe on any common file system, not only this one, since packs are mailed and copied around.
        var safe = new string(accountId.Select(c => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? '_' : c).ToArray());
        // A name holds at most 255 bytes: a longer id keeps its start and a hash of the whole, so names stay distinct.
        if (safe.Length > MaxIdInFileName)
            safe = safe[..(MaxIdInFileName - 9)] + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountId)))[..8];
        return $"{kind}-{safe}-{quarter}.{extension}";
    }
}
