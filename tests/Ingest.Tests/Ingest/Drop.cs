using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Files;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>
/// A drop folder written by a test: one valid row per input file (line 2) that tests add bad rows to,
/// so each test states only the row it is about.
/// </summary>
public sealed class Drop : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Headers = InputFiles.All.ToDictionary(f => f.Name, f => string.Join(',', f.Columns.Select(c => c.Name)));

    /// <summary>One valid row per file; they reference each other (A1, S1, C1, SN1, E1, K1).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ValidRows = new Dictionary<string, string[]>
    {
        ["accounts"] = ["A1,Acme,US,sm@vendor.example"],
        ["sites"] = ["S1,A1,HQ,US,ops@acme.example"],
        ["contracts"] = ["C1,A1,S1,SVC-FTS-24x7,SUNNYVALE,2025-01-01,2026-12-31,USD,false"],
        ["installed_base"] = ["SN1,C1,MX204,Routing,2025-01-01,,1000.00,,false"],
        ["representatives"] = ["A1,Rep One,r1@acme.example,JNCIE", "A1,Rep Two,r2@acme.example,"],
        ["engineers"] = ["E1,Eng One,e1@vendor.example,SUNNYVALE,Routing;Switching"],
        ["cases"] = ["K1,A1,S1,SN1,P1,2026-03-02T16:59:00-08:00,2026-03-02T17:10:00-08:00,2026-03-03T10:00:00-08:00,,E1,Router down"],
        ["case_events"] = ["K1,2026-03-02T17:00:00-08:00,priority_changed,P2"],
        ["holidays"] = ["SUNNYVALE,2026-12-25,Christmas Day"],
    };

    private readonly Dictionary<string, List<string>> _lines = new(StringComparer.Ordinal);

    public Drop(bool withValidRows = true)
    {
        Folder = Path.Combine(Path.GetTempPath(), "fts-drop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        if (withValidRows)
            foreach (var (file, rows) in ValidRows) _lines[file] = [Headers[file], .. rows];
    }

    public string Folder { get; }

    /// <summary>Appends data rows to <paramref name="file"/> (created with its header when absent).</summary>
    public Drop Add(string file, params string[] rows)
    {
        if (!_lines.TryGetValue(file, out var lines)) _lines[file] = lines = [Headers[file]];
        lines.AddRange(rows);
        return this;
    }

    /// <summary>Replaces the data rows of <paramref name="file"/>.</summary>
    public Drop Set(string file, params string[] rows)
    {
        _lines[file] = [Headers[file], .. rows];
        return this;
    }

    /// <summary>Drops <paramref name="file"/> from the folder.</summary>
    public Drop Without(string file)
    {
        _lines.Remove(file);
        return this;
    }

    /// <summary>Writes the files (LF line ends) and returns the folder.</summary>
    public string Write()
    {
        foreach (var f in Directory.GetFiles(Folder)) File.Delete(f);
        foreach (var (file, lines) in _lines)
            File.WriteAllText(Path.Combine(Folder, file + ".csv"), string.Join('\n', lines) + "\n");
        return Folder;
    }

    /// <summary>Writes the folder and ingests it into <paramref name="temp"/>.</summary>
    public IngestResult IngestInto(TempWarehouse temp, IClock? clock = null) =>
        new DropFolderIngest(temp.Warehouse, ReferenceData.BuiltIn, clock ?? Clock).Run(Write());

    public static readonly IClock Clock = new FakeClock(Instant.FromUtc(2026, 11, 25, 12, 0));

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
