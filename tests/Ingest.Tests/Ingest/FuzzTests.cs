using System.Text;
using JuniperFts.Domain.Reference;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Ingest.Tests.Ingest;

/// <summary>Hostile files never crash ingest, and every file still balances: read = accepted + rejected = what was stored + quarantined.</summary>
public class FuzzTests
{
    private static readonly string[] Alphabet =
        ["A1", "S1", "SN1", "K1", "P1", "P9", "", " ", ",", "\"", "\"\"", "\r\n", "\n", "\r", "\uFEFF", "2026-03-02T16:59:00Z", "2026-13-45", "x", "é", "😀", "\0", ";", "Routing", "TOKYO", "true", "12.5", "-", "'"];

    private static void AssertBalanced(TempWarehouse temp, IngestResult result)
    {
        foreach (var f in result.Files)
        {
            Assert.Equal(f.Read, f.Accepted + f.Rejected);
            Assert.Equal(f.Rejected, temp.Scalar<long>($"SELECT count(*) FROM quarantine WHERE batch_id = {result.BatchId} AND file = '{f.File}'"));
            Assert.True(f.Inserted + f.Updated + f.Unchanged <= f.Accepted, $"{f.File}: more keys written than rows accepted");
        }
    }

    private static IngestResult Ingest(TempWarehouse temp, string folder) =>
        new DropFolderIngest(temp.Warehouse, ReferenceData.BuiltIn, Drop.Clock).Run(folder);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_RandomBytesAfterAValidHeader_NeverCrashesAndBalances(int seed)
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        drop.Write();
        var random = new Random(seed);
        foreach (var file in new[] { "cases", "installed_base", "case_events" })
        {
            var bytes = new byte[20_000];
            random.NextBytes(bytes);
            // Sprinkle line ends so the parser sees many rows, not one.
            for (var i = 0; i < bytes.Length; i += 1 + random.Next(120)) bytes[i] = (byte)'\n';
            using var stream = File.Create(Path.Combine(drop.Folder, file + ".csv"));
            stream.Write(Encoding.UTF8.GetBytes(Drop.Headers[file] + "\n"));
            stream.Write(bytes);
        }

        AssertBalanced(temp, Ingest(temp, drop.Folder));
    }

    [Fact]
    public void Run_TenThousandHostileRows_NeverCrashesAndBalances()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();
        drop.Write();
        var random = new Random(42);
        var text = new StringBuilder("\uFEFF" + Drop.Headers["cases"] + "\r\n");
        for (var row = 0; row < 10_000; row++)
        {
            var cells = random.Next(20); // short, right and long rows
            for (var c = 0; c < cells; c++)
            {
                if (c > 0) text.Append(',');
                var kind = random.Next(10);
                if (kind == 0) text.Append('"').Append(string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Alphabet[random.Next(Alphabet.Length)])).Replace("\"", "\"\"")).Append('"');
                else if (kind == 1 && row % 500 == 0) text.Append(new string('x', 100_000)); // a huge field now and then
                else if (kind < 5) text.Append(Drop.ValidRows["cases"][0].Split(',')[Math.Min(c, 10)]);
                else text.Append(Alphabet[random.Next(Alphabet.Length)].Replace("\"", ""));
            }
            text.Append(random.Next(3) == 0 ? "\n" : "\r\n");
        }
        File.WriteAllText(Path.Combine(drop.Folder, "cases.csv"), text.ToString());

        var result = Ingest(temp, drop.Folder);

        AssertBalanced(temp, result);
        Assert.True(result.Files.Single(f => f.File == "cases.csv").Read > 5_000);
    }

    [Fact]
    public void Run_UnterminatedQuote_ReadsToTheEndAndBalances()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("cases", "K2,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,\"never closed", "K3,A1,S1,SN1,P1,2026-03-02T16:59:00Z,,,,,fine");

        var result = drop.IngestInto(temp);

        AssertBalanced(temp, result);
        Assert.Equal(2, result.Files.Single(f => f.File == "cases.csv").Read);
    }
}
