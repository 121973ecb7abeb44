using JuniperFts.Ingest.Tests.Ingest;
using JuniperFts.Store.Tests.Support;

namespace JuniperFts.Host.Tests.Ingest;

public class IngestCommandsTests
{
    [Fact]
    public void Ingest_SameFolderTwice_PrintsCountsAndThenSaysNothingChanged()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("cases", "K2,A1,S1,SN1,P9,2026-03-02T16:59:00Z,,,,,");
        var folder = drop.Write();

        var first = Fts.Run("ingest", folder, "--db", temp.DatabasePath);
        var second = Fts.Run("ingest", folder, "--db", temp.DatabasePath);

        Assert.Equal((0, ""), (first.Exit, first.Error.Split('\n').FirstOrDefault(l => l.StartsWith("fts:", StringComparison.Ordinal)) ?? ""));
        var casesLine = first.Out.Split('\n').Single(l => l.StartsWith("cases.csv", StringComparison.Ordinal));
        Assert.Equal(["cases.csv", "2", "1", "1", "1", "0", "0"], casesLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 row rejected: see fts quarantine --batch 1", first.Out);
        Assert.DoesNotContain("nothing changed", first.Out);
        Assert.Contains("nothing changed: every accepted row was already stored with the same values", second.Out);
        Assert.Equal(["cases.csv", "2", "1", "1", "0", "0", "1"], second.Out.Split('\n').Single(l => l.StartsWith("cases.csv", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Ingest_ChangedCases_StoredSlaEvaluationsFollowUnlessBulkLoadSkipsThem()
    {
        using var temp = new TempWarehouse();
        using var bulk = new TempWarehouse();
        using var drop = new Drop();
        var folder = drop.Write();

        Fts.Run("ingest", folder, "--db", temp.DatabasePath);
        var skipped = Fts.Run("ingest", "--no-sla-refresh", folder, "--db", bulk.DatabasePath);

        var cases = temp.Scalar<long>("SELECT count(*) FROM cases");
        Assert.True(cases > 0);
        Assert.Equal(cases, temp.Scalar<long>("SELECT count(*) FROM sla_evaluations"));
        Assert.Equal(0, skipped.Exit);
        Assert.Equal(cases, bulk.Scalar<long>("SELECT count(*) FROM cases"));
        Assert.Equal(0L, bulk.Scalar<long>("SELECT count(*) FROM sla_evaluations"));
    }

    [Fact]
    public void Quarantine_Csv_HasTheContractHeaderAndRowsSortedByBatchFileLine()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop()
            .Add("sites", "S2,A9,Branch,US,")
            .Add("cases", "K3,A1,S1,SN1,P9,2026-03-02T16:59:00Z,,,,,\"Title, with \"\"quotes\"\"\"", "K2,A1,S1,SN1,,2026-03-02T16:59:00Z,,,,,");
        Fts.Run("ingest", drop.Write(), "--db", temp.DatabasePath);
        Fts.Run("ingest", drop.Set("holidays", "MARS,2026-01-01,x").Write(), "--db", temp.DatabasePath);

        var all = Fts.Run("quarantine", "--format", "csv", "--db", temp.DatabasePath);
        var second = Fts.Run("quarantine", "--batch", "2", "--format", "csv", "--db", temp.DatabasePath);

        Assert.Equal(0, all.Exit);
        const string k3 = "\"K3,A1,S1,SN1,P9,2026-03-02T16:59:00Z,,,,,\"\"Title, with \"\"\"\"quotes\"\"\"\"\"\"\"";
        string[] expected =
        [
            "batch_id,file,line,reason,detail,raw",
            "1,cases.csv,3,unknown_priority,priority 'P9' is not P1..P4," + k3,
            "1,cases.csv,4,missing_field,priority is empty,\"K2,A1,S1,SN1,,2026-03-02T16:59:00Z,,,,,\"",
            "1,sites.csv,3,unknown_account,account_id 'A9' is not a known account,\"S2,A9,Branch,US,\"",
            "2,cases.csv,3,unknown_priority,priority 'P9' is not P1..P4," + k3,
            "2,cases.csv,4,missing_field,priority is empty,\"K2,A1,S1,SN1,,2026-03-02T16:59:00Z,,,,,\"",
            "2,holidays.csv,2,unknown_support_center,support_center 'MARS' is not a known support centre,\"MARS,2026-01-01,x\"",
            "2,sites.csv,3,unknown_account,account_id 'A9' is not a known account,\"S2,A9,Branch,US,\"",
        ];
        Assert.Equal(string.Join("\n", expected) + "\n", all.Out);
        Assert.Equal(5, second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.StartsWith("2,", l));
    }

    [Fact]
    public void Quarantine_Json_IsAnArrayOfObjectsWithNumbers()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("holidays", "MARS,2026-01-01,x");
        Fts.Run("ingest", drop.Write(), "--db", temp.DatabasePath);

        var json = Fts.Run("quarantine", "--format", "json", "--db", temp.DatabasePath).Out;

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var row = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal((1, "holidays.csv", 3, "unknown_support_center"),
            (row.GetProperty("batch_id").GetInt32(), row.GetProperty("file").GetString(), row.GetProperty("line").GetInt32(), row.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Compliance_Csv_ListsEachFindingWithItsAccount()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop().Add("sites", "S2,A1,Branch,US,").Add("cases", "K2,A1,S1,SN404,P1,2026-03-02T16:59:00Z,,,,,");
        Fts.Run("ingest", drop.Write(), "--db", temp.DatabasePath);

        var csv = Fts.Run("compliance", "--format", "csv", "--db", temp.DatabasePath).Out;

        Assert.Equal(
            """
            kind,subject,account_id,detail,batch_id
            case_on_unregistered_serial,K2,A1,"case K2 is on serial SN404, not in the installed base of account A1",1
            site_without_primary_contact,S2,A1,site S2 has no primary contact e-mail,1

            """.Replace("\r\n", "\n"), csv);
    }

    [Fact]
    public void Run_DataFolder_IngestsAndEvaluatesAsOfTheLatestInstantInTheData()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();

        var run = Fts.Run("run", "--data", drop.Write(), "--out", temp.PathOf("out"), "--db", temp.DatabasePath);

        Assert.Equal(0, run.Exit);
        Assert.Contains("cases.csv", run.Out);
        // The latest instant: K1 resolved 2026-03-03T10:00:00-08:00.
        Assert.Contains("as of 2026-03-03T18:00:00Z", run.Out);
        Assert.True(Directory.Exists(temp.PathOf("out")));
    }

    [Fact]
    public void Run_AsOfGiven_UsesIt()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();

        var run = Fts.Run("run", "--data", drop.Write(), "--out", temp.PathOf("out"), "--db", temp.DatabasePath, "--as-of", "2026-06-30T00:00:00+02:00");

        Assert.Contains("as of 2026-06-29T22:00:00Z", run.Out);
        // The step line counts the quarter's cases in the users' words, in the CSV's order of statuses.
        var sla = run.Out.Split('\n').Single(l => l.StartsWith("sla: ", StringComparison.Ordinal));
        var words = System.Text.RegularExpressions.Regex.Matches(sla[sla.IndexOf("case(s) (", StringComparison.Ordinal)..], @"\d+ (\w+)")
            .Select(m => m.Groups[1].Value).ToList();
        string[] order = ["met", "breached", "pending", "excluded"];
        Assert.NotEmpty(words);
        Assert.All(words, w => Assert.Contains(w, order));
        Assert.Equal(words.OrderBy(w => Array.IndexOf(order, w)), words);
    }

    [Theory]
    [InlineData("drop folder {0} does not exist", "ingest", "{0}")]
    [InlineData("drop folder {0} does not exist", "run", "--data", "{0}")]
    public void Commands_MissingFolder_OneLineOnStderrAndExit2(string message, params string[] args)
    {
        using var temp = new TempWarehouse();
        var missing = temp.PathOf("missing");
        var before = WarehouseSnapshot.Of(temp, withBatches: true);

        var run = Fts.Run([.. args.Select(a => string.Format(a, missing)), "--db", temp.DatabasePath]);

        Assert.Equal((2, "fts: " + string.Format(message, missing) + "\n"), (run.Exit, run.Error.Replace("\r\n", "\n")));
        Assert.Equal(before, WarehouseSnapshot.Of(temp, withBatches: true));
    }

    [Fact]
    public void Ingest_DatabaseFromFtsDbVariable_IsUsedWithoutDbOption()
    {
        using var temp = new TempWarehouse();
        using var drop = new Drop();

        var run = Fts.Run(new Dictionary<string, string?> { ["FTS_DB"] = temp.DatabasePath }, "ingest", drop.Write());

        Assert.Equal(0, run.Exit);
        Assert.Equal(1, temp.Scalar<long>("SELECT count(*) FROM cases"));
    }

    [Fact]
    public void Sample_SameSeed_WritesTheSameBytesAndADifferentSeedDoesNot()
    {
        using var temp = new TempWarehouse();
        Fts.Run("sample", "--out", temp.PathOf("a"), "--cases", "400", "--seed", "9");
        Fts.Run("sample", "--out", temp.PathOf("b"), "--cases", "400", "--seed", "9");
        Fts.Run("sample", "--out", temp.PathOf("c"), "--cases", "400", "--seed", "10");

        static string Bytes(string folder) => string.Join("|", Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))));
        Assert.Equal(Bytes(temp.PathOf("a")), Bytes(temp.PathOf("b")));
        Assert.NotEqual(Bytes(temp.PathOf("a")), Bytes(temp.PathOf("c")));
        Assert.Equal(9, Directory.GetFiles(temp.PathOf("a"), "*.csv").Length);
    }

    /// <summary>
    /// The generator still writes the bundled sample-data/ with the command its README gives: the 8x5 response clocks start
    /// when the centres' own calendars open (BusinessCalendar), which must match what the data was generated with.
    /// </summary>
    [Fact]
    public void Sample_TheBundledCommand_WritesTheBundledSampleDataByteForByte()
    {
        using var temp = new TempWarehouse();
        var repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "JuniperFts.sln"))) repo = Path.GetDirectoryName(repo) ?? throw new InvalidOperationException("no JuniperFts.sln above the tests");
        var bundled = Path.Combine(repo, "sample-data");

        Fts.Run("sample", "--out", temp.PathOf("s"), "--cases", "6000", "--seed", "2026");

        var csvs = Directory.GetFiles(bundled, "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(csvs, Directory.GetFiles(temp.PathOf("s"), "*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(csvs, name => Assert.True(File.ReadAllBytes(Path.Combine(bundled, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.PathOf("s"), name!))),
            $"{name} differs from sample-data/{name}"));
    }

    [Fact]
    public void Sample_Ingested_QuarantinesEveryReasonCodeAndBalances()
    {
        using var temp = new TempWarehouse();
        Fts.Run("sample", "--out", temp.PathOf("s"), "--cases", "500", "--seed", "1");

        var run = Fts.Run("ingest", temp.PathOf("s"), "--db", temp.DatabasePath);

        Assert.Equal(0, run.Exit);
        string[] codes = ["missing_field", "bad_date", "bad_instant", "bad_number", "unknown_sku", "unknown_priority", "unknown_support_center",
            "unknown_platform", "bad_range", "embargoed_country", "unknown_account", "unknown_site", "unknown_contract", "unknown_case", "conflicting_duplicate"];
        Assert.Equal(codes.Order(StringComparer.Ordinal), temp.Scalar<string>("SELECT string_agg(DISTINCT reason, ',' ORDER BY reason) FROM quarantine")!.Split(','));
        Assert.Equal(0, temp.Scalar<long>("SELECT count(*) FROM ingest_files WHERE rows_read <> rows_accepted + rows_rejected"));
        Assert.Equal(4, temp.Scalar<long>("SELECT count(DISTINCT kind) FROM compliance_findings"));
        Assert.Equal(500, temp.Scalar<long>("SELECT count(*) FROM cases WHERE case_number < 'CS9'"));
    }
}
