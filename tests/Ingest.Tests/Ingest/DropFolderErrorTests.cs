using JuniperFts.Domain;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>A drop folder that cannot be ingested is one clear error, and the database stays as it was.</summary>
public class DropFolderErrorTests
{
    private static string Fails(TempWarehouse temp, string folder)
    {
        var before = IngestRulesTests.Snapshot(temp);
        var batches = temp.Scalar<long>("SELECT count(*) FROM ingest_batches");
        var e = Assert.Throws<UserError>(() => new DropFolderIngest(temp.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(folder));
        Assert.Equal(before, IngestRulesTests.Snapshot(temp));
        Assert.Equal(batches, temp.Scalar<long>("SELECT count(*) FROM ingest_batches"));
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static TempWarehouse Loaded()
    {
        var temp = new TempWarehouse();
        using var drop = new Drop();
        drop.IngestInto(temp);
        return temp;
    }

    [Fact]
    public void Run_MissingFolder_NamesIt()
    {
        using var temp = Loaded();
        Assert.Equal($"drop folder {temp.PathOf("nope")} does not exist", Fails(temp, temp.PathOf("nope")));
    }

    [Fact]
    public void Run_FolderWithoutInputFiles_SaysWhichFilesItExpects()
    {
        using var temp = Loaded();
        var empty = temp.PathOf("empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "hello");
        Assert.StartsWith($"drop folder {empty} holds none of the input files (accounts.csv, sites.csv", Fails(temp, empty));
    }

    [Fact]
    public void Run_HeaderLacksAColumn_NamesTheFileAndTheColumn()
    {
        using var temp = Loaded();
        using var drop = new Drop();
        drop.Write();
        File.WriteAllText(Path.Combine(drop.Folder, "cases.csv"), "case_number,account_id,site_id,serial_number,priority,first_response_at,resolved_at,exclusion,engineer_id,title\nK9,A1,S1,SN1,P1,,,,,\n");
        Assert.StartsWith("cases.csv: the header lacks column created_at (expected case_number,", Fails(temp, drop.Folder));
    }

    [Fact]
    public void Run_EmptyFile_SaysItHasNoHeader()
    {
        using var temp = Loaded();
        using var drop = new Drop();
        drop.Write();
        File.WriteAllText(Path.Combine(drop.Folder, "holidays.csv"), "");
        Assert.Equal("holidays.csv: the file is empty (no header row)", Fails(temp, drop.Folder));
    }

    [Fact]
    public void Run_SameFileAsCsvAndXlsx_AsksToKeepOne()
    {
        using var temp = Loaded();
        using var drop = new Drop();
        drop.Write();
        File.WriteAllText(Path.Combine(drop.Folder, "holidays.xlsx"), "");
        Assert.Contains("holds holidays twice (holidays.csv and holidays.xlsx); keep one", Fails(temp, drop.Folder));
    }

    [Fact]
    public void Run_XlsxThatIsNotAWorkbook_NamesTheFile()
    {
        using var temp = Loaded();
        using var drop = new Drop().Without("holidays");
        drop.Write();
        File.WriteAllText(Path.Combine(drop.Folder, "holidays.xlsx"), "this is not a zip");
        Assert.StartsWith("holidays.xlsx: cannot read it as an xlsx workbook", Fails(temp, drop.Folder));
    }

    [Fact]
    public void Run_UnreadableFile_NamesIt()
    {
        // A dangling link is unreadable even for root, unlike a file without read permission.
        using var temp = Loaded();
        using var drop = new Drop().Without("cases");
        drop.Write();
        var path = Path.Combine(drop.Folder, "cases.csv");
        File.CreateSymbolicLink(path, temp.PathOf("gone.csv"));
        Assert.StartsWith($"cannot read {path}", Fails(temp, drop.Folder));
    }

    [Fact]
    public void Run_PathIsAFile_SaysItIsNotAFolder()
    {
        using var temp = Loaded();
        Assert.Equal($"{temp.DatabasePath} is a file, not a drop folder", Fails(temp, temp.DatabasePath));
    }
}
