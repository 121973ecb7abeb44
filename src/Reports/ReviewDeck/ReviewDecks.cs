using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Reports.ReviewDeck;

/// <summary>
/// The service managers' review decks: the review pack's model (<see cref="ReviewPacks.Build"/>, the one source of every
/// figure) laid out as an editable PowerPoint deck. What the CLI, the scheduler, the portal and delivery call.
/// </summary>
public static class ReviewDecks
{
    /// <summary>The setting naming the company's PowerPoint template.</summary>
    public const string TemplateSetting = "Reports:DeckTemplate";

    /// <summary>Lays a built pack model out as a deck into <paramref name="output"/> (left open).</summary>
    /// <exception cref="UserError">The template of <paramref name="options"/> cannot be read (the message names <see cref="TemplateSetting"/>).</exception>
    public static void Render(ReviewPackModel model, Stream output, ReviewPackOptions? options = null) =>
        Renderer(options)(model, output);

    /// <summary>Writes one account's deck to <paramref name="output"/> (left open).</summary>
    /// <exception cref="UserError">The account is not in the data, or the template cannot be read.</exception>
    public static void Write(Warehouse warehouse, ReferenceData reference, string accountId, Quarter quarter, Instant asOf, Stream output,
        ReviewPackOptions? options = null)
    {
        var render = Renderer(options);
        render(ReviewPacks.Build(warehouse, reference, accountId, quarter, asOf, options), output);
    }

    /// <summary>
    /// Writes the deck of every account with cases or contracts in <paramref name="quarter"/> into <paramref name="folder"/>;
    /// returns the files written. An account with neither has nothing to review (its pack still says so).
    /// </summary>
    public static IReadOnlyList<string> WriteAll(Warehouse warehouse, ReferenceData reference, Quarter quarter, Instant asOf, string folder,
        ReviewPackOptions? options = null, CancellationToken cancellation = default, IReadOnlyList<string>? accountIds = null) =>
        ReviewPacks.WriteEach(warehouse, reference, quarter, asOf, folder, options, cancellation, accountIds,
            m => !m.NoCases || m.Contracts.Count > 0, FileName, Renderer(options));

    /// <summary>The deck's file name, named like the pack's: <c>review-deck-A0001-2026Q3.pptx</c>.</summary>
    public static string FileName(string accountId, Quarter quarter) => ReviewPacks.FileName("review-deck", accountId, quarter, "pptx");

    /// <summary>Reads the template once (a mistake fails before any deck is written) and returns what lays a model out.</summary>
    private static Action<ReviewPackModel, Stream> Renderer(ReviewPackOptions? options)
    {
        var template = options?.DeckTemplate is { Length: > 0 } path ? DeckPackage.ReadTemplate(path, TemplateSetting) : null;
        return (model, output) =>
        {
            using var deck = template is null ? DeckPackage.BuiltIn() : DeckPackage.FromTemplate(template);
            ReviewDeckRenderer.Render(model, output, deck);
        };
    }
}
