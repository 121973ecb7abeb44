namespace JuniperFts.Domain.Tests;

public class CarriedTextTests
{
    [Theory]
    [InlineData("Router\0down", "Router\uFFFDdown")]
    [InlineData("\0", "\uFFFD")]
    [InlineData("a\u0001b\u0007c\u001Bd\u001Fe", "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe")]
    [InlineData("tab\tLF\nCR\r kept", "tab\tLF\nCR\r kept")]
    [InlineData("non-characters \uFFFE\uFFFF", "non-characters \uFFFD\uFFFD")]
    [InlineData("DEL \u007F and NEL \u0085 are XML 1.0 characters", "DEL \u007F and NEL \u0085 are XML 1.0 characters")]
    public void Of_UncarriedCharacters_EachReplacedOneForOneRestKept(string text, string expected)
    {
        var carried = CarriedText.Of(text);

        Assert.Equal(expected, carried);
        Assert.Equal(text.Length, carried.Length);
    }

    [Fact]
    public void Of_Surrogates_PairsKeptLoneOnesReplaced()
    {
        // Built here, not in [InlineData]: the test runner cannot carry a lone surrogate in a test case's name.
        const string high = "\uD83D", low = "\uDE00";
        Assert.Equal($"pair {high}{low} kept", CarriedText.Of($"pair {high}{low} kept"));
        Assert.Equal("lone high \uFFFD end", CarriedText.Of($"lone high {high} end"));
        Assert.Equal("lone low \uFFFD end", CarriedText.Of($"lone low {low} end"));
        Assert.Equal("reversed \uFFFD\uFFFD", CarriedText.Of($"reversed {low}{high}"));
        Assert.Equal($"{high}{low}\uFFFD cut at the end \uFFFD", CarriedText.Of($"{high}{low}\0 cut at the end {high}"));
    }

    [Fact]
    public void Of_NothingToReplace_TheSameString()
    {
        var text = "Router down after upgrade: é 😀";
        Assert.Same(text, CarriedText.Of(text));
    }
}
