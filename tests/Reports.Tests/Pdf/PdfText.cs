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

    /// <summary>The page text of one page, words joined by spaces.</summary>
    public static string Page(byte[] pdf, int index) => string.Join(" ", WordsPerPage(pdf)[index]);
}
