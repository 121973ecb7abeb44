using UglyToad.PdfPig;

namespace JuniperFts.Reports.Tests.Pdf;

/// <summary>Reads a PDF back with PdfPig: the words of each page, in reading order.</summary>
public static class PdfText
{
    public static IReadOnlyList<IReadOnlyList<string>> WordsPerPage(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (IReadOnlyList<string>)p.GetWords().Select(w => w.Text).ToList()).ToList();
    }

    /// <summary>All words of the document joined by single spaces, for phrase assertions.</summary>
    public static string Joined(byte[] pdf) => string.Join(" ", WordsPerPage(pdf).SelectMany(w => w));

    /// <summary>
    /// Each page as lines of text: words sharing a baseline (to the nearest point), left to right,
    /// lines top to bottom. Stable across runs, so it serves as a golden dump of a rendered PDF.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> LinesPerPage(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (IReadOnlyList<string>)p.GetWords()
                .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
                .OrderByDescending(g => g.Key)
                .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))
                .ToList())
            .ToList();
    }

    /// <summary>The page text of one page, words joined by spaces.</summary>
    public static string Page(byte[] pdf, int index) => string.Join(" ", WordsPerPage(pdf)[index]);
}
