using DocumentFormat.OpenXml.Packaging;
using JuniperFts.Domain;
using JuniperFts.Reports.ReviewDeck;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Tests.Pdf;
using JuniperFts.Reports.Tests.ReviewPack;
using NodaTime;
using A = DocumentFormat.OpenXml.Drawing;

namespace JuniperFts.Reports.Tests.ReviewDeck;

public sealed class ReviewDeckTests(ReviewPackScenarioFixture scenario) : IClassFixture<ReviewPackScenarioFixture>
{
    internal static byte[] Deck(ReviewPackModel model, ReviewPackOptions? options = null)
    {
        using var output = new MemoryStream();
        ReviewDecks.Render(model, output, options);
        return output.ToArray();
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    public void Render_Scenario_NoValidationErrors(string account)
    {
        Assert.Empty(DeckReader.Validate(Deck(scenario.Model(account))));
    }

    [Fact]
    public void Render_Scenario_SlidesInTheReviewsOrderEachFigureWithItsDefinitionAsOfAndGoal()
    {
        var slides = DeckReader.Read(Deck(scenario.Model("A1")));

        Assert.Equal(
            ["Quarterly service review", "Summary", "Contracts in force in 2026Q1", "SLA attainment by priority", "SLA trend: the last 4 quarters",
             "Case volume by platform and priority", "Arrivals outside business hours on 8x5 contracts", "Breached cases in 2026Q1",
             "P1/P2 cases still open at quarter end", "Resolution time", "Installed-base risks", "Your expected cases in 2026Q2",
             "True-up preview on 2026-03-31", "Our commentary and next steps"],
            slides.Select(s => s.Title).Where(t => !t.EndsWith("(continued)", StringComparison.Ordinal)));
        Assert.Contains("Acme Networks (A1)", slides[0].Texts.SelectMany(t => t.Split('\n')));
        Assert.All(slides.Skip(1).SkipLast(1), s =>
        {
            Assert.Contains("Data as of 2026-04-15 00:00 UTC", s.Notes);
            Assert.Contains("Attainment goal: 95.00 %", s.Notes);
        });
        Assert.Contains("met ÷ (met + breached) of the eligible cases", slides.Single(s => s.Title == "SLA attainment by priority").Notes);
        // The last slide is the manager's: a title and an empty placeholder to type into.
        var last = slides[^1];
        Assert.Equal("Title and Content", last.Layout);
        Assert.Equal(["Our commentary and next steps", ""], last.Texts);
    }

    [Fact]
    public void Render_Scenario_ChartsHoldThePacksFiguresInTheirWorkbooks()
    {
        var model = scenario.Model("A1");
        var charts = DeckReader.Read(Deck(model)).SelectMany(s => s.Charts).ToList();

        Assert.All(charts, c =>
        {
            Assert.Equal(c.Cached.Select(s => s.Name), c.Workbook.Select(s => s.Name));
            Assert.Equal(c.Cached.Select(s => s.Values), c.Workbook.Select(s => s.Values));
        });
        var attainment = charts.Single(c => c.Title == "Attainment by priority, 2026Q1 (%)");
        Assert.Equal(["P1", "P2", "P3", "P4"], attainment.Categories);
        Assert.Equal(model.Attainment.ByPriority.Select(l => l.Attainment), attainment.Cached[0].Values);
        Assert.Equal([50.00m, 50.00m, 100.00m, 100.00m], attainment.Cached[0].Values);
        Assert.All(attainment.Cached[1].Values, v => Assert.Equal(95m, v));
        var outcomes = charts.Single(c => c.Title == "Eligible cases by outcome, 2026Q1");
        Assert.Equal(model.Attainment.ByPriority.Select(l => (decimal?)l.Met), outcomes.Cached[0].Values);
        Assert.Equal(model.Attainment.ByPriority.Select(l => (decimal?)l.Breached), outcomes.Cached[1].Values);
        var trend = charts.Single(c => c.Title == "Attainment by quarter (%)");
        Assert.Equal(model.Attainment.Trend.Select(t => t.Attainment), trend.Cached.Take(model.Attainment.Trend.Count).Select(s => s.Values));
        var volume = charts.Single(c => c.Title == "Cases by platform and priority");
        Assert.Equal(model.Volume.ByPlatform.Select(l => l.Platform), volume.Categories);
        Assert.Equal(model.Volume.ByPlatform.Sum(l => l.Total), volume.Cached.Sum(s => s.Values.Sum()));
        var expected = charts.Single(c => c.Title == "Your expected cases a week, 2026Q2");
        Assert.Equal(model.NextQuarter.Expected!.Weeks.Select(w => w.Week), expected.Categories);
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    public void Render_Scenario_EveryFigureOnTheSlidesIsInThePack(string account)
    {
        var pack = DeckReader.Figures(PdfText.Joined(account == "A1" ? scenario.A1 : scenario.A2)).ToHashSet();
        var slides = DeckReader.Read(Deck(scenario.Model(account)));
        var shown = slides.SelectMany(s => s.Texts.Concat(s.Tables.SelectMany(t => t.Skip(1).SelectMany(r => r)))).SelectMany(DeckReader.Figures).ToList();

        Assert.NotEmpty(shown);
        Assert.All(shown, figure => Assert.Contains(figure, pack));
    }

    [Fact]
    public void Render_ManyBreachesWithLongTitles_TableContinuesOnSlidesNeverBelow12PtNeverOffTheSlide()
    {
        var model = scenario.Model("A1");
        var one = model.BreachedCases[0];
        var breaches = Enumerable.Range(1, 75)
            .Select(i => one with { CaseNumber = $"C-{i:0000}", Title = string.Concat(Enumerable.Repeat($"very long title of case {i} ", 30)) }).ToList();
        var deck = Deck(model with { BreachedCases = breaches });

        Assert.Empty(DeckReader.Validate(deck));
        var slides = DeckReader.Read(deck).Where(s => s.Title.StartsWith("Breached cases", StringComparison.Ordinal)).ToList();
        Assert.True(slides.Count >= 3, $"{slides.Count} slides");
        Assert.All(slides.Skip(1), s => Assert.Equal("Breached cases in 2026Q1 (continued)", s.Title));
        Assert.All(slides, s => Assert.Equal("Case", s.Tables.Single()[0][0]));
        Assert.Equal(breaches.Select(b => b.CaseNumber), slides.SelectMany(s => s.Tables.Single().Skip(1).Select(r => r[0])));
        Assert.All(slides.SelectMany(s => s.Tables.Single().Skip(1)), r => Assert.EndsWith("…", r[^1]));

        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        var size = document.PresentationPart!.Presentation.SlideSize!;
        foreach (var slide in document.PresentationPart.SlideParts)
        {
            Assert.All(slide.Slide.Descendants<A.RunProperties>(), r => Assert.True(r.FontSize is null || r.FontSize.Value >= 1200, $"{r.FontSize?.Value}"));
            foreach (var (offset, extents) in slide.Slide.Descendants<A.Offset>().Zip(slide.Slide.Descendants<A.Extents>()))
            {
                Assert.InRange(offset.X!.Value + extents.Cx!.Value, 0, size.Cx!.Value);
                Assert.InRange(offset.Y!.Value + extents.Cy!.Value, 0, size.Cy!.Value);
            }
            foreach (var frame in slide.Slide.Descendants<DocumentFormat.OpenXml.Presentation.GraphicFrame>())
            {
                var at = frame.Transform!;
                Assert.InRange(at.Offset!.Y!.Value + at.Extents!.Cy!.Value, 0, size.Cy!.Value);
            }
        }
    }

    [Fact]
    public void Render_OnACompanyTemplate_TheDeckHasItsMasterThemeAndLogoAndNoneOfItsSlides()
    {
        using var folder = new TempFolder();
        var template = Path.Combine(folder.Path, "company.potx");
        CompanyTemplate.Write(template, Deck(scenario.Model("A2")));

        var deck = Deck(scenario.Model("A1"), new ReviewPackOptions { DeckTemplate = template });

        Assert.Empty(DeckReader.Validate(deck));
        using var document = PresentationDocument.Open(new MemoryStream(deck), false);
        Assert.Equal(DocumentFormat.OpenXml.PresentationDocumentType.Presentation, document.DocumentType);
        var master = Assert.Single(document.PresentationPart!.SlideMasterParts);
        Assert.Equal(CompanyTemplate.ThemeName, master.ThemePart!.Theme.Name!.Value);
        Assert.Contains(master.SlideMaster.Descendants<DocumentFormat.OpenXml.Presentation.NonVisualDrawingProperties>(), p => p.Name == CompanyTemplate.Logo);
        var slides = DeckReader.Read(deck);
        Assert.DoesNotContain(slides, s => s.Texts.Any(t => t.Contains("Quiet Co", StringComparison.Ordinal)));
        Assert.Contains(slides, s => s.Texts.Any(t => t.Contains("Acme Networks (A1)", StringComparison.Ordinal)));
        Assert.Equal(DeckReader.Read(Deck(scenario.Model("A1"))).Count, slides.Count);
    }

    [Theory]
    [InlineData("missing.potx")]
    [InlineData("not-a-deck.pptx")]
    public void Render_TemplateMissingOrUnreadable_OneLineNamingTheSetting(string name)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, name);
        if (name.StartsWith("not", StringComparison.Ordinal)) File.WriteAllText(path, "plain text");

        var e = Assert.Throws<UserError>(() => Deck(scenario.Model("A1"), new ReviewPackOptions { DeckTemplate = path }));

        Assert.StartsWith("Reports:DeckTemplate: ", e.Message);
        Assert.Contains(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("fts-deck-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>A small company template made from a deck: its own theme (name, colours, font), a logo on the master, saved as .potx with slides in it.</summary>
internal static class CompanyTemplate
{
    public const string ThemeName = "Contoso Corporate";
    public const string Logo = "Contoso logo";

    public static void Write(string path, byte[] deck)
    {
        File.WriteAllBytes(path, deck);
        using var document = PresentationDocument.Open(path, true);
        document.ChangeDocumentType(DocumentFormat.OpenXml.PresentationDocumentType.Template);
        var master = document.PresentationPart!.SlideMasterParts.Single();
        var theme = master.ThemePart!.Theme;
        theme.Name = ThemeName;
        theme.ThemeElements!.ColorScheme!.Accent1Color = new A.Accent1Color(new A.RgbColorModelHex { Val = "FF6600" });
        theme.ThemeElements.FontScheme!.MinorFont!.LatinFont = new A.LatinFont { Typeface = "Georgia" };
        theme.Save();
        var tree = master.SlideMaster.CommonSlideData!.ShapeTree!;
        tree.Append(new DocumentFormat.OpenXml.Presentation.Shape(
            new DocumentFormat.OpenXml.Presentation.NonVisualShapeProperties(
                new DocumentFormat.OpenXml.Presentation.NonVisualDrawingProperties { Id = 90, Name = Logo },
                new DocumentFormat.OpenXml.Presentation.NonVisualShapeDrawingProperties(),
                new DocumentFormat.OpenXml.Presentation.ApplicationNonVisualDrawingProperties()),
            new DocumentFormat.OpenXml.Presentation.ShapeProperties(
                new A.Transform2D(new A.Offset { X = 11000000, Y = 6300000 }, new A.Extents { Cx = 900000, Cy = 400000 }),
                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Ellipse },
                new A.SolidFill(new A.RgbColorModelHex { Val = "FF6600" }))));
        master.SlideMaster.Save();
    }
}
