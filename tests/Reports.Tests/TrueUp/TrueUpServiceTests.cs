using JuniperFts.Domain;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.TrueUp;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Reports.Tests.TrueUp;

public class TrueUpServiceTests
{
    private const string CliExampleYear2Json = """
        {
          "contract_id": "C-1001",
          "contract_year": 2,
          "year_start": "2025-04-01",
          "year_end": "2026-03-31",
          "currency": "USD",
          "baseline": {
            "units": 12,
            "annual_fee": "48000.00"
          },
          "additions": [
            {
              "serial_number": "JN1234",
              "model": "MX204",
              "covered_from": "2025-09-15",
              "covered_days": 198,
              "year_days": 365,
              "annual_fee": "3000.00",
              "amount": "1627.40"
            }
          ],
          "additions_total": "1627.40",
          "removals": [
            {
              "serial_number": "JN9",
              "model": "EX4300",
              "covered_to": "2025-12-31"
            }
          ],
          "next_year": {
            "units": 13,
            "annual_fee": "51000.00"
          }
        }

        """;

    private static TrueUpService Service(TempWarehouse temp, FakeClock? clock = null) => new(temp.Warehouse, clock ?? FakeClock.FromUtc(2027, 4, 2, 9, 0, 0));

    [Fact]
    public void Statement_CliExample_JsonExactlyAsCliMd()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();

        Assert.Equal(CliExampleYear2Json.ReplaceLineEndings("\n"), TrueUpJson.Write(Service(temp).Statement("C-1001", 2)));
    }

    [Fact]
    public void Statement_LastYear_NextYearNullAndEmptyLists()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();

        var json = TrueUpJson.Write(Service(temp).Statement("C-1001", 3));

        Assert.Contains("\"additions\": [],", json);
        Assert.Contains("\"removals\": [],", json);
        Assert.Contains("\"next_year\": null", json);
        Assert.Contains("\"baseline\": {\n    \"units\": 13,\n    \"annual_fee\": \"51000.00\"", json);
    }

    [Fact]
    public void Statement_CoTermedEuroContract_CsvLinesHandComputed()
    {
        using var temp = new TempWarehouse();
        temp.Seed().EuroCoTerm();

        var csv = TrueUpCsv.Write(Service(temp).Statement("C-2002", 1));

        Assert.Equal(
            "statement_number,contract_id,contract_year,section,serial_number,model,covered_from,covered_to,covered_days,year_days,annual_fee,amount,currency\n" +
            "TU-C-2002-1,C-2002,1,baseline,EU-1,SRX345,2025-05-15,2025-12-31,,,2000.00,,EUR\n" +
            "TU-C-2002-1,C-2002,1,addition,EU-2,SRX345,2025-10-01,2025-12-31,92,365,3650.00,920.00,EUR\n",
            csv);
    }

    [Fact]
    public void Statement_SameDataInsertedInAnotherOrder_ByteIdenticalJsonAndCsv()
    {
        using var first = new TempWarehouse();
        using var second = new TempWarehouse();
        first.CliExample();
        second.Seed().Account("A-1", name: "Acme Networks").Site("S-1", "A-1")
            .Contract("C-1001", "A-1", "S-1", start: "2024-04-01", end: "2027-03-31")
            .Unit("JN2000", "C-1001", "2026-04-01", annualFee: 4000m)
            .Unit("JN1234", "C-1001", "2025-09-15", annualFee: 3000m)
            .Unit("JN9", "C-1001", "2024-04-01", "2025-12-31", annualFee: 4000m, model: "EX4300");
        second.Execute(
                "INSERT INTO installed_base (serial_number, contract_id, model, platform, covered_from, covered_to, annual_fee, end_of_support, gray_market, batch_id)" +
                "SELECT 'JN' || lpad(CAST(i AS VARCHAR), 4, '0'), 'C-1001', 'MX204', 'Routing', " +
                "DATE '2024-04-01', NULL, 4000, NULL, false, 0 FROM range(11, 0, -1) t(i)");

        for (var year = 1; year <= 3; year++)
        {
            var a = Service(first).Statement("C-1001", year);
            var b = Service(second).Statement("C-1001", year);
            Assert.Equal(TrueUpJson.Write(a), TrueUpJson.Write(b));
            Assert.Equal(TrueUpCsv.Write(a), TrueUpCsv.Write(b));
            Assert.Equal(TrueUpJson.Write(a), TrueUpJson.Write(Service(first).Statement("C-1001", year)));
        }
    }

    [Fact]
    public void Statement_UnknownContract_UserErrorNamesIt()
    {
        using var temp = new TempWarehouse();
        var e = Assert.Throws<UserError>(() => Service(temp).Statement("C-404", 1));
        Assert.Contains("'C-404'", e.Message);
    }

    [Fact]
    public void Statement_YearOutOfRange_UserErrorGivesTheRange()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var e = Assert.Throws<UserError>(() => Service(temp).Statement("C-1001", 4));
        Assert.Contains("years 1 to 3", e.Message);
    }

    [Fact]
    public void IssueDue_ThreeYearContract_OneStatementPerYearWithPdfCsvJson()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var outDir = temp.PathOf("out");

        var run = Service(temp).IssueDue(LocalDateOf("2027-03-31"), outDir, reissue: false);

        Assert.Equal(["TU-C-1001-1", "TU-C-1001-2", "TU-C-1001-3"], run.Statements.Select(s => s.Number));
        Assert.All(run.Statements, s => Assert.Equal(IssueOutcome.Issued, s.Outcome));
        foreach (var ext in new[] { "pdf", "csv", "json" })
            Assert.True(File.Exists(Path.Combine(outDir, $"TU-C-1001-2.{ext}")), ext);
        Assert.Equal(CliExampleYear2Json.ReplaceLineEndings("\n"), File.ReadAllText(Path.Combine(outDir, "TU-C-1001-2.json")));
        Assert.Equal(3, temp.Scalar<int>("SELECT count(*) FROM trueup_statements"));
        Assert.Equal("1627.40", temp.Scalar<string>("SELECT CAST(additions_total AS VARCHAR) FROM trueup_statement_revisions WHERE statement_number = 'TU-C-1001-2'"));
        Assert.True(File.Exists(run.SummaryPath));
    }

    [Fact]
    public void StatementsDue_TwoContracts_ByContractThenYearAndNothingRecorded()
    {
        using var temp = new TempWarehouse();
        temp.CliExample().EuroCoTerm();

        var due = Service(temp).StatementsDue(LocalDateOf("2026-03-31"));

        Assert.Equal(["TU-C-1001-1", "TU-C-1001-2", "TU-C-2002-1"], due.Select(s => s.Number));
        Assert.Equal(920.00m, due[2].AdditionsTotal);
        Assert.Equal(0, temp.Scalar<int>("SELECT count(*) FROM trueup_statements"));
    }

    [Fact]
    public void IssueDue_YearNotOverYet_NotIssued()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();

        var run = Service(temp).IssueDue(LocalDateOf("2026-03-30"), temp.PathOf("out"), reissue: false);

        Assert.Equal(["TU-C-1001-1"], run.Statements.Select(s => s.Number));
    }

    [Fact]
    public void IssueDue_RunTwice_SecondRunIssuesNothingAndWritesTheStatementsAsIssued()
    {
        using var temp = new TempWarehouse();
        temp.CliExample().EuroCoTerm();
        var clock = FakeClock.FromUtc(2027, 1, 4, 9, 0, 0);
        var service = Service(temp, clock);
        service.IssueDue(LocalDateOf("2026-12-31"), temp.PathOf("out"), reissue: false);
        var issued = Contents(temp.PathOf("out"));
        File.Delete(temp.PathOf("out/TU-C-1001-1.pdf"));
        clock.Reset(Instant.FromUtc(2027, 2, 1, 9, 0));

        var again = service.IssueDue(LocalDateOf("2026-12-31"), temp.PathOf("out"), reissue: false);

        Assert.All(again.Statements, s => Assert.Equal(IssueOutcome.AlreadyIssued, s.Outcome));
        Assert.All(again.Statements, s => Assert.Equal(3, s.Files.Count));
        // Byte for byte as issued, the PDF included (its issue date is the first run's, not today's).
        Assert.Equal(issued, Contents(temp.PathOf("out")));
        Assert.Equal(3, temp.Scalar<int>("SELECT count(*) FROM trueup_statement_revisions"));
    }

    [Fact]
    public void IssueDue_DataCorrectedWithoutReissue_WritesTheRevisionInForceNotTheCorrectedFigures()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var service = Service(temp);
        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("first"), reissue: false);
        Correct(temp, "UPDATE installed_base SET covered_from = DATE '2025-10-15' WHERE serial_number = 'JN1234'");

        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("second"), reissue: false);

        Assert.Equal(Contents(temp.PathOf("first")), Contents(temp.PathOf("second")));
        Assert.Contains("\"amount\": \"1627.40\"", File.ReadAllText(temp.PathOf("second/TU-C-1001-2.json")));
    }

    [Fact]
    public void IssueDue_RevisionIssuedBeforeCopiesWereKept_RerenderedWhileUnchangedNotWrittenOnceChanged()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var service = Service(temp);
        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("first"), reissue: false);
        // As a database issued before migration 007 holds them.
        Correct(temp, "UPDATE trueup_statement_revisions SET statement_csv = NULL, statement_pdf = NULL");

        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("unchanged"), reissue: false);
        Correct(temp, "UPDATE installed_base SET covered_from = DATE '2025-10-15' WHERE serial_number = 'JN1234'");
        var changed = service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("changed"), reissue: false);

        Assert.Equal(Contents(temp.PathOf("first")), Contents(temp.PathOf("unchanged")));
        Assert.Empty(changed.Statements.Single(s => s.Number == "TU-C-1001-2").Files);
        Assert.Equal(3, changed.Statements.Single(s => s.Number == "TU-C-1001-1").Files.Count);
        Assert.False(File.Exists(temp.PathOf("changed/TU-C-1001-2.json")));
    }

    /// <summary>Every statement file of a folder (the run's summary workbook aside) with its bytes, by name.</summary>
    private static SortedDictionary<string, string> Contents(string folder) =>
        new(Directory.GetFiles(folder).Where(f => !f.EndsWith(".xlsx", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f)!, f => Convert.ToHexString(File.ReadAllBytes(f))), StringComparer.Ordinal);

    [Fact]
    public void IssueDue_DataCorrectedWithoutReissue_SaysWhatChangedAndKeepsTheIssuedRevision()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var service = Service(temp);
        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);
        Correct(temp, "UPDATE installed_base SET covered_from = DATE '2025-10-15' WHERE serial_number = 'JN1234'");

        var again = Assert.Single(service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false).Statements, s => s.Number == "TU-C-1001-2");

        Assert.Equal(IssueOutcome.AlreadyIssued, again.Outcome);
        Assert.NotEmpty(again.Changes);
        Assert.Equal(1, temp.Scalar<int>("SELECT max(revision) FROM trueup_statement_revisions WHERE statement_number = 'TU-C-1001-2'"));
    }

    [Fact]
    public void IssueDue_ReissueAfterCorrection_SameNumberNewRevisionOldVsNewTotals()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var clock = FakeClock.FromUtc(2026, 4, 2, 9, 0, 0);
        var service = Service(temp, clock);
        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);
        // JN1234 really started 2025-10-15: 2025-10-15..2026-03-31 = 17+30+31+31+28+31 = 168 days; 3000 × 168 / 365 = 1380.82
        Correct(temp, "UPDATE installed_base SET covered_from = DATE '2025-10-15' WHERE serial_number = 'JN1234'");
        clock.Reset(Instant.FromUtc(2026, 4, 20, 9, 0));

        var run = service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: true);

        var year2 = run.Statements.Single(s => s.Number == "TU-C-1001-2");
        Assert.Equal(IssueOutcome.Reissued, year2.Outcome);
        Assert.Equal(2, year2.Issued.Revision);
        Assert.Equal(["addition JN1234: 1627.40 -> 1380.82", "additions_total: 1627.40 -> 1380.82"], year2.Changes);
        Assert.Contains("\"amount\": \"1380.82\"", File.ReadAllText(temp.PathOf("out/TU-C-1001-2.json")));
        // Year 1 did not change: fresh copies, no new revision.
        var year1 = run.Statements.Single(s => s.Number == "TU-C-1001-1");
        Assert.Equal(IssueOutcome.ReissuedUnchanged, year1.Outcome);
        Assert.Equal(1, year1.Issued.Revision);
        Assert.Equal(3, temp.Scalar<int>("SELECT count(*) FROM trueup_statement_revisions"));
        Assert.Equal(2, temp.Scalar<int>("SELECT count(*) FROM trueup_statements"));
        Assert.Equal("2026-04-02", temp.Scalar<string>("SELECT strftime(first_issued_at, '%Y-%m-%d') FROM trueup_statements WHERE statement_number = 'TU-C-1001-2'"));
    }

    [Fact]
    public void IssueDue_ReissueRemovalCorrected_ListsRemovalAndNextYearChange()
    {
        using var temp = new TempWarehouse();
        temp.CliExample();
        var service = Service(temp);
        service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: false);
        Correct(temp, "UPDATE installed_base SET covered_to = NULL WHERE serial_number = 'JN9'");

        var year2 = service.IssueDue(LocalDateOf("2026-03-31"), temp.PathOf("out"), reissue: true).Statements.Single(s => s.Number == "TU-C-1001-2");

        Assert.Equal(["removal JN9: dropped, was covered to 2025-12-31", "next_year: 13 units, 51000.00 -> 14 units, 55000.00"], year2.Changes);
    }

    [Fact]
    public void PreviewForAccount_MidYear_AdditionsSoFarWithTheirCharge()
    {
        using var temp = new TempWarehouse();
        temp.CliExample().EuroCoTerm();

        var preview = Assert.Single(Service(temp).PreviewForAccount("A-1", LocalDateOf("2025-12-01")));

        Assert.Equal(2, preview.Year.Number);
        Assert.Equal("JN1234", Assert.Single(preview.Additions).SerialNumber);
        Assert.Equal(1627.40m, preview.AdditionsTotal);
        Assert.Empty(Service(temp).PreviewForAccount("A-2", LocalDateOf("2026-01-01")));
    }

    internal static LocalDate LocalDateOf(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    private static void Correct(TempWarehouse temp, string sql)
    {
        temp.Execute(sql);
    }
}
