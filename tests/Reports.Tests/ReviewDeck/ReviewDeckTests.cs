using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Tests.Pdf;
using JuniperFts.Reports.Tests.ReviewPack;

namespace JuniperFts.Reports.Tests.ReviewDeck;

public sealed class ReviewDeckTests(ReviewPackScenarioFixture scenario) : IClassFixture<ReviewPackScenarioFixture>
{
    private static byte[] Deck(ReviewPackModel model, ReviewPackOptions? options = null)
    {
        using var output = new MemoryStream();
        ReviewDecks.Render(model, output, options);
        return output.ToArray();
    }

    [Fact]
    public void Scratch_WriteDecks()
    {
        File.WriteAllBytes("/tmp/deck-A1.pptx", Deck(scenario.Model("A1")));
        File.WriteAllBytes("/tmp/deck-A2.pptx", Deck(scenario.Model("A2")));
        Assert.Empty(DeckReader.Validate(File.ReadAllBytes("/tmp/deck-A1.pptx")));
    }
}
