using JuniperFts.Domain;
using nietras.SeparatedValues;

namespace JuniperFts.Ingest.Files;

/// <summary>Reads an input CSV (RFC 4180, UTF-8, optional BOM, LF or CRLF) with Sep.</summary>
/// <remarks>
/// The parser does not enforce column counts; a row whose field count differs from the header's is
/// marked <see cref="SourceRow.BadShape"/> (a line cut off by a truncated copy must not update a stored row).
/// </remarks>
public sealed class CsvInputReader : IInputReader
{
    private readonly FileStream _file;
    private readonly HashingStream _stream;
    private readonly SepReader _reader;
    private readonly int[] _map;

    public CsvInputReader(string path, InputFile file)
    {
        var name = Path.GetFileName(path);
        _file = DropFolder.OpenRead(path);
        _stream = new HashingStream(_file);
        try
        {
            _reader = Sep.Reader(o => o with { HasHeader = true, DisableColCountCheck = true, Unescape = true, Sep = new Sep(',') }).From(_stream);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
        {
            _stream.Release();
            _file.Dispose();
            throw new UserError($"{name}: cannot read it as CSV: {e.Message}", e);
        }
        try
        {
            if (_reader.Header.IsEmpty) throw new UserError($"{name}: the file is empty (no header row)");
            _map = HeaderMap.Match(name, _reader.Header.ColNames, file);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public long Position => _stream.Position;

    public string Sha256() => _stream.Finish();

    public IEnumerable<SourceRow> Rows()
    {
        var headerFields = _reader.Header.ColNames.Count;
        foreach (var row in _reader)
        {
            // Raw text first: unescaping a column may rewrite the row's buffer.
            // Characters no report can carry (a NUL some exports write) become U+FFFD here, before anything stores them.
            var raw = CarriedText.Of(row.Span.ToString());
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var cells = new string?[_map.Length];
            for (var i = 0; i < _map.Length; i++)
                cells[i] = _map[i] < row.ColCount ? CarriedText.Of(row[_map[i]].ToString()) : null;
            var shape = row.ColCount == headerFields ? null
                : $"the row has {row.ColCount} field{(row.ColCount == 1 ? "" : "s")}, the header {headerFields}";
            yield return new SourceRow(row.LineNumberFrom, raw, cells, shape);
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _stream.Release();
        _file.Dispose();
    }
}

/// <summary>Matches a header row to an input file's columns: case-insensitive, any order, unknown columns ignored.</summary>
public static class HeaderMap
{
    /// <summary>The header index of each column of <paramref name="file"/>; a missing column is a <see cref="UserError"/>.</summary>
    public static int[] Match(string fileName, IReadOnlyList<string> header, InputFile file)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').Trim();
            positions.TryAdd(name, i);
        }
        var missing = file.Columns.Where(c => !positions.ContainsKey(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new UserError($"{fileName}: the header lacks column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (expected {string.Join(",", file.Columns.Select(c => c.Name))})");
        return file.Columns.Select(c => positions[c.Name]).ToArray();
    }
}
