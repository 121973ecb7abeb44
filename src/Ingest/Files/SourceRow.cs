namespace JuniperFts.Ingest.Files;

/// <summary>One data row as read: its 1-based physical line (or sheet row), its raw text and its cells per input column.</summary>
/// <param name="Cells">One entry per column of the <see cref="InputFile"/>, in its order; null when the row is too short.</param>
/// <param name="BadShape">Why the row's field count differs from the header's, or null when it matches.</param>
public sealed record SourceRow(long Line, string Raw, string?[] Cells, string? BadShape = null);

/// <summary>Rows of one input file, header already matched to the file's columns.</summary>
public interface IInputReader : IDisposable
{
    /// <summary>Data rows in file order. Blank lines are skipped.</summary>
    IEnumerable<SourceRow> Rows();

    /// <summary>How far reading has got, in bytes of the file (for progress).</summary>
    long Position { get; }

    /// <summary>The SHA-256 (lower-case hex) of the whole file, taken from the same read as the rows; call it after <see cref="Rows"/>.</summary>
    string Sha256();
}
