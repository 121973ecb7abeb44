using JuniperFts.Host.Cli;
using JuniperFts.Host.Cli.Features;
using JuniperFts.Reports.Tests.Pdf;
using JuniperFts.Reports.Tests.ReviewDeck;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using UglyToad.PdfPig;

namespace JuniperFts.Host.Tests.ReviewPack;

/// <summary><c>fts run</c> on the bundled sample data once: every deck it writes, validated, read back, and opened with LibreOffice.</summary>
public sealed class ReviewDeckRunTests : IClassFixture<ReviewDeckRunTests.SampleRun>
{
    public sealed class SampleRun : IDisposable
    {
        public TempWarehouse Temp { get; } = new();
        public string Out => Temp.PathOf("out");
        public string Output { get; }

        public SampleRun()
        {
            var repo = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(repo, "JuniperFts.sln"))) repo = Path.GetDirectoryName(repo) ?? throw new InvalidOperationException("no JuniperFts.sln above the tests");
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = FtsCli.RunAsync(["run", "--data", Path.Combine(repo, "sample-data"), "--out", Out, "--db", Temp.DatabasePath],
                TestCli.Context(output, error, new FakeClock(Instant.FromUtc(2026, 10, 2, 8, 0)))).GetAwaiter().GetResult();
            Assert.True(exit == 0, error.ToString());
            Output = output.ToString();
        }

        public IReadOnlyList<string> Decks => Directory.GetFiles(Path.Combine(Out, ReviewPackCommands.DeckFolder), "*.pptx").Order(StringComparer.Ordinal).ToList();

        public string PackOf(string deck) =>
            Path.Combine(Out, ReviewPackCommands.RunFolder, Path.GetFileName(deck).Replace("review-deck-", "review-pack-").Replace(".pptx", ".pdf"));

        public void Dispose() => Temp.Dispose();
    }

    private readonly SampleRun _run;

    public ReviewDeckRunTests(SampleRun run) => _run = run;

    [Fact]
    public void Run_SampleData_EveryDeckValidatesAndEveryFigureIsItsPacks()
    {
        Assert.Contains("review-decks: Review decks 2026Q3 (", _run.Output);
        Assert.NotEmpty(_run.Decks);
        foreach (var deck in _run.Decks)
        {
            var bytes = File.ReadAllBytes(deck);
            Assert.Empty(DeckReader.Validate(bytes));
            var pack = DeckReader.Figures(PdfText.Joined(File.ReadAllBytes(_run.PackOf(deck)))).ToHashSet();
            var slides = DeckReader.Read(bytes);
            var shown = slides.SelectMany(s => s.Texts.Concat(s.Tables.SelectMany(t => t.Skip(1).SelectMany(r => r)))).SelectMany(DeckReader.Figures).ToList();
            Assert.All(shown, f => Assert.True(pack.Contains(f), $"{Path.GetFileName(deck)}: {f} is not in the pack"));
            Assert.All(slides.SelectMany(s => s.Charts), c => Assert.Equal(c.Cached.Select(s => s.Values), c.Workbook.Select(s => s.Values)));
            Assert.Equal("Our commentary and next steps", slides[^1].Title);
        }
    }

    [Fact]
    public void Run_SampleData_LibreOfficeOpensADeckAndShowsTheAccountsAttainment()
    {
        var deck = _run.Decks[0];
        var attainment = AttainmentTile(File.ReadAllBytes(deck));
        using var folder = new TempFolder();

        var pdf = LibreOffice.ToPdf(deck, folder.Path);

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains(attainment, text);
        Assert.Contains(attainment, PdfText.Joined(File.ReadAllBytes(_run.PackOf(deck))));
        Assert.Contains("Our commentary and next steps", text);
    }

    /// <summary>The attainment on the summary slide's first tile, e.g. "87.50 %".</summary>
    private static string AttainmentTile(byte[] deck) =>
        DeckReader.Read(deck).Single(s => s.Title == "Summary").Texts.First(t => t.Contains("SLA attainment", StringComparison.Ordinal)).Split('\n')[0];
}
