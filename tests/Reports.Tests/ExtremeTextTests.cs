using System.Text;
using ClosedXML.Excel;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.ReviewPack;
using JuniperFts.Reports.Sla;
using JuniperFts.Reports.Tests.Pdf;
using NodaTime;
using Sheets = JuniperFts.Reports.Excel.SlaWorkbookRenderer.Sheets;

namespace JuniperFts.Reports.Tests;

/// <summary>
/// Every text the ingest accepts (up to 32,767 characters of anything) renders in the workbook and
/// the review packs: account, engineer, model and case texts of the longest length with no spaces,
/// right-to-left script, combining marks, emoji (one cut in half), control characters, a formula.
/// </summary>
public sealed class ExtremeTextTests : IDisposable
{
    private const int Longest = 32_767;
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly Instant AsOf = Instant.FromUtc(2026, 10, 1, 0, 30);

    /// <summary>Each text once, by what makes it hard.</summary>
    public static readonly IReadOnlyDictionary<string, string> Texts = new Dictionary<string, string>
    {
        ["no-spaces"] = new('W', Longest),
        ["right-to-left"] = Repeat("שלום עולם مرحبا بالعالم "),
        ["combining"] = Repeat("e\u0301\u0302\u0303a\u0308\u0323"),
        // 32,767 is odd: the last emoji's surrogate pair is cut in half, as a careless export would leave it.
        ["emoji"] = Repeat("😀👍🏽👨‍👩‍👧🇳🇱"),
        // No NUL: DuckDB keeps a text only up to its first NUL, so no stored value holds one.
        ["control"] = Repeat("a\u0001b\u0007\t\r\n\u001Bc\u0085\u200B\u007F "),
        ["formula"] = "=" + Repeat("HYPERLINK(\"http://x.example\") ")[1..],
        ["short"] = "ok",
    };

    private readonly TempWarehouse _temp = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fts-extreme-" + Guid.NewGuid().ToString("N"));

    public ExtremeTextTests()
    {
        var seed = _temp.Seed();
        var n = 0;
        foreach (var (kind, text) in Texts)
        {
            var (account, site, contract, serial, engineer) = ($"A-{kind}", $"S-{kind}", $"K-{kind}", $"SN-{kind}", $"E-{kind}");
            seed.Account(account, name: text).Site(site, account)
                .Contract(contract, account, site).Unit(serial, contract, "2025-01-01", model: text, endOfSupport: "2027-01-31")
                .Engineer(engineer, name: text);
            var created = new DateTime(2026, 7, 6, 16, 0, 0, DateTimeKind.Utc).AddHours(n++);
            // Breached (listed with its title), still open (listed among open P1/P2) and excluded, each with the text as title.
            seed.Case($"C-{kind}-1", account, site, serial, "P1", created, created.AddHours(2), engineer: engineer, title: text)
                .Case($"C-{kind}-2", account, site, serial, "P2", created.AddDays(1), engineer: engineer, title: text)
                .Case($"C-{kind}-3", account, site, serial, "P3", created, exclusion: "third_party", engineer: engineer, title: text);
            JuniperFts.Reports.Tests.ReviewPack.ReviewPackScenario.Finding(_temp, "site_without_primary_contact", site, account, text);
        }
        SlaRefresh.Run(_temp.Warehouse, ReferenceData.BuiltIn);
    }

    private static string Repeat(string unit)
    {
        var sb = new StringBuilder(Longest + unit.Length);
        while (sb.Length < Longest) sb.Append(unit);
        return sb.ToString(0, Longest);
    }

    [Fact]
    public void Workbook_ExtremeTexts_RendersAndKeepsEachTitleAsACellHoldsIt()
    {
        using var stream = new MemoryStream();
        SlaWorkbook.Write(_temp.Warehouse, ReferenceData.BuiltIn, Q3, AsOf, null, stream, SlaWorkbookOptions.Default, AsOf);
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);

        var breaches = workbook.Worksheet(Sheets.Breaches).Tables.Single().DataRange.Rows().ToList();
        foreach (var (kind, text) in Texts)
        {
            var row = breaches.Single(r => r.Cell(1).GetString() == $"C-{kind}-1");
            // The full text, except what XML cannot carry (control characters, the cut surrogate) as U+FFFD;
            // reading XML back turns CR LF into LF.
            Assert.Equal(SheetWriter.CellText(text).Replace("\r\n", "\n", StringComparison.Ordinal), row.Cell(15).GetString());
        }
        var accounts = workbook.Worksheet(Sheets.ByAccount).CellsUsed().Select(c => c.GetString()).ToHashSet();
        Assert.All(Texts.Values, text => Assert.Contains(SheetWriter.CellText(text).Replace("\r\n", "\n", StringComparison.Ordinal), accounts));
    }

    [Fact]
    public void ReviewPacks_ExtremeTexts_EveryPackRendersWithItsCasesAndFewPages()
    {
        var files = ReviewPacks.WriteAll(_temp.Warehouse, ReferenceData.BuiltIn, Q3, AsOf, _folder, JuniperFts.Reports.Tests.ReviewPack.ReviewPackScenario.Options);

        Assert.Equal(Texts.Count, files.Count);
        IReadOnlyList<IReadOnlyList<string>> Pages(string kind) =>
            PdfText.WordsPerPage(File.ReadAllBytes(files.Single(f => Path.GetFileName(f) == $"review-pack-A-{kind}-{Q3}.pdf")));
        var ordinary = Pages("short").Count;
        foreach (var kind in Texts.Keys)
        {
            var pages = Pages(kind);
            var words = pages.SelectMany(p => p).ToHashSet();
            Assert.Contains($"C-{kind}-1", words);
            Assert.Contains($"C-{kind}-2", words);
            // Long values are cut in tables and headings, so the pack stays the size of an ordinary one.
            Assert.InRange(pages.Count, ordinary, ordinary + 2);
        }
    }

    [Fact]
    public void ReviewPack_LongFileNameId_IsCutWithAHashUnderTheFileSystemLimit()
    {
        var name = ReviewPacks.FileName(Texts["emoji"], Q3);

        Assert.True(Encoding.UTF8.GetByteCount(name) < 255, name);
        Assert.NotEqual(name, ReviewPacks.FileName(Texts["emoji"][..^2], Q3));
    }

    public void Dispose()
    {
        _temp.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
