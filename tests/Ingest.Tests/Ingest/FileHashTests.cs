using System.Security.Cryptography;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>Each file is read once for its rows and its hash: the recorded SHA-256 is still that of the whole file.</summary>
public class FileHashTests
{
    [Fact]
    public void Run_CsvAndXlsxFolders_RecordTheSha256OfEachWholeFile()
    {
        using var fromCsv = new TempWarehouse();
        using var fromXlsx = new TempWarehouse();
        // A long title makes cases.csv span several read buffers; the trailing blank lines are never parsed into rows.
        using var drop = new Drop().Add("cases", Enumerable.Range(2, 3000).Select(i => $"K{i},A1,S1,SN1,P3,2026-03-02T09:00:00Z,,,,E1,{new string('t', 40)}").ToArray());
        var csv = drop.Write();
        File.AppendAllText(Path.Combine(csv, "cases.csv"), "\n\n\n");
        var xlsx = XlsxTwinTests.XlsxTwin(csv, fromXlsx.PathOf("xlsx"));

        new DropFolderIngest(fromCsv.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(csv);
        new DropFolderIngest(fromXlsx.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(xlsx);

        foreach (var (temp, folder) in new[] { (fromCsv, csv), (fromXlsx, xlsx) })
        {
            using var c = temp.Warehouse.Connect();
            var recorded = c.Query("SELECT file, sha256 FROM ingest_files ORDER BY file", r => (r.Text(0), r.Text(1)));
            var expected = recorded.Select(f => (f.Item1, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, f.Item1)))))).ToList();
            Assert.Equal(9, recorded.Count);
            Assert.Equal(expected, recorded);
        }
    }
}
