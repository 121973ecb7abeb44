using System.Globalization;
using ClosedXML.Excel;
using JuniperFts.Domain;

namespace JuniperFts.Ingest.Files;

/// <summary>Reads the first sheet of an input workbook: row 1 is the header, the sheet row is the line.</summary>
/// <remarks>
/// Cells are turned into the text the CSV would hold, so both go through the same checks: a date
/// cell becomes <c>yyyy-MM-dd</c> (or, in an instant column, that wall time read as UTC), a number
/// cell its invariant digits, a boolean cell <c>true</c>/<c>false</c>.
/// </remarks>
public sealed class XlsxInputReader : IInputReader
{
    private readonly XLWorkbook _workbook;
    private readonly IXLWorksheet _sheet;
    private readonly int[] _map;
    private readonly InputFile _file;
    private readonly int _lastColumn;
    private readonly long _length;
    private readonly string _sha256;
    private long _position;

    public XlsxInputReader(string path, InputFile file)
    {
        var name = Path.GetFileName(path);
        _file = file;
        // One read: the bytes give the hash and the workbook (which needs a seekable stream anyway).
        byte[] bytes;
        using (var stream = DropFolder.OpenRead(path))
        {
            bytes = UserError.OnIo($"cannot read {path}", () =>
            {
                var all = new byte[stream.Length];
                stream.ReadExactly(all);
                return all;
            });
        }
        _length = bytes.Length;
        _sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        try
        {
            _workbook = new XLWorkbook(new MemoryStream(bytes, writable: false));
        }
        catch (UserError) { throw; }
        catch (Exception e)
        {
            throw new UserError($"{name}: cannot read it as an xlsx workbook: {e.Message}", e);
        }

        _sheet = _workbook.Worksheets.FirstOrDefault() ?? throw Fail(name, "the workbook has no sheet");
        var used = _sheet.RangeUsed();
        if (used is null) throw Fail(name, "the first sheet is empty (no header row)");
        _lastColumn = used.LastColumn().ColumnNumber();
        var header = Enumerable.Range(1, _lastColumn).Select(c => _sheet.Cell(1, c).GetString()).ToList();
        try { _map = HeaderMap.Match(name, header, file); }
        catch { _workbook.Dispose(); throw; }
    }

    private UserError Fail(string name, string what)
    {
        _workbook.Dispose();
        return new UserError($"{name}: {what}");
    }

    public long Position => _position;

    public string Sha256() => _sha256;

    public IEnumerable<SourceRow> Rows()
    {
        var last = _sheet.LastRowUsed()?.RowNumber() ?? 1;
        for (var r = 2; r <= last; r++)
        {
            var rawCells = new string[_lastColumn];
            var blank = true;
            for (var c = 1; c <= _lastColumn; c++)
            {
                rawCells[c - 1] = Text(_sheet.Cell(r, c), null);
                if (rawCells[c - 1].Length > 0) blank = false;
            }
            _position = _length * r / Math.Max(1, last);
            if (blank) continue;
            var cells = new string?[_map.Length];
            for (var i = 0; i < _map.Length; i++)
                cells[i] = Text(_sheet.Cell(r, _map[i] + 1), _file.Columns[i].Kind);
            yield return new SourceRow(r, string.Join(',', rawCells.Select(CsvField.Quote)), cells);
        }
    }

    /// <summary>The cell's text as the CSV would hold it, with what no report can carry replaced (<see cref="CarriedText"/>).</summary>
    private static string Text(IXLCell cell, ColumnKind? kind) => CarriedText.Of(CellText(cell, kind));

    private static string CellText(IXLCell cell, ColumnKind? kind)
    {
        if (cell.IsEmpty()) return "";
        switch (cell.DataType)
        {
            case XLDataType.DateTime:
                var t = cell.GetDateTime();
                return kind == ColumnKind.Instant
                    ? t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : kind == ColumnKind.Date || t.TimeOfDay == TimeSpan.Zero
                        ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                        : t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            case XLDataType.Number:
                return cell.GetDouble().ToString("R", CultureInfo.InvariantCulture);
            case XLDataType.Boolean:
                return cell.GetBoolean() ? "true" : "false";
            default:
                return cell.GetString();
        }
    }

    public void Dispose() => _workbook.Dispose();
}
