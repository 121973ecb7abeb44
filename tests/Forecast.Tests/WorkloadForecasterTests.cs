using System.Text.Json;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Forecast.Tests.Support;
using JuniperFts.Store.Tests.Support;
using NodaTime;

namespace JuniperFts.Forecast.Tests;

public sealed class WorkloadForecasterTests : IDisposable
{
    private readonly TempWarehouse _db = new();
    private static readonly ModelSettings Small = new(Seed: 3);

    public void Dispose() => _db.Dispose();

    private ForecastOptions Options(int horizon = 13, bool retrain = false) =>
        new() { Horizon = horizon, Model = Small, ModelFolder = _db.PathOf("forecast"), Training = retrain ? ModelTraining.Always : ModelTraining.WhenStale };

    // 110 weeks from 2024-W01 (2024 and 2025 have 52 weeks) end with 2026-W06 (Monday 2 Feb); the as-of is its end.
    private static readonly Instant AfterHistory = Instant.FromUtc(2026, 2, 9, 0, 0);

    [Fact]
    public void Run_TwoYearsOfCases_OneRowPerHorizonWeekRegionAndPlatform()
    {
        new WorkloadData(_db).Seasonal();

        var result = WorkloadForecaster.Run(_db.Warehouse, Options(horizon: 5), AfterHistory);

        Assert.Equal("2026-W06", result.History.Weeks[^1].ToString());
        Assert.Equal(110, result.History.Weeks.Count);
        Assert.Equal(["AMERICAS/Routing", "EMEA/Security"], result.History.Series.Select(s => $"{s.Region}/{s.Platform}"));
        Assert.Equal(10, result.Rows.Count);
        Assert.Equal(["2026-W07", "2026-W08", "2026-W09", "2026-W10", "2026-W11"], result.Rows.Select(r => r.Week.ToString()).Distinct());
        Assert.All(result.Rows, r => Assert.True(r.Low <= r.Cases && r.Cases <= r.High && r.Low >= 0, $"{r}"));
        Assert.Equal(10, result.Regions.Count);
        Assert.Equal(4, result.Backtest.Origins.Count);
    }

    [Fact]
    public void Load_AsOfMidWeek_LastCompleteWeekCountingExcludedCasesWithDrivers()
    {
        var data = new WorkloadData(_db);
        var monday = new DateTime(2026, 3, 2); // 2026-W10
        data.Weekly("S-AM", "SN-R", monday, 3, w => w + 1) // 1, 2, 3 cases in W10..W12
            .Weekly("S-AM", "SN-R", monday, 1, _ => 2, exclusion: "third_party") // excluded ones are work too
            .Weekly("S-AM", "SN-UNREGISTERED", monday.AddDays(7), 1, _ => 1);
        _db.Seed().Holiday("SUNNYVALE", "2026-03-10").Holiday("HERNDON", "2026-03-10").Holiday("HERNDON", "2026-03-11")
            .Holiday("SCHIPHOL_RIJK", "2026-03-12");

        // Wednesday of W12: W12's cases are not history yet.
        var history = WorkloadHistoryQuery.Load(_db.Warehouse, Domain.Reference.ReferenceData.BuiltIn, Instant.FromUtc(2026, 3, 18, 12, 0), 2);

        Assert.Equal(["2026-W10", "2026-W11"], history.Weeks.Select(w => w.ToString()));
        Assert.Equal(["2026-W12", "2026-W13"], history.Horizon.Select(w => w.ToString()));
        var routing = history.Series.Single(s => s.Platform == "Routing");
        Assert.Equal([3.0, 2.0], routing.Cases);
        var unknown = history.Series.Single(s => s.Platform == "Unknown");
        Assert.Equal("AMERICAS", unknown.Region);
        Assert.Equal([0.0, 1.0], unknown.Cases);
        // W11 has 10 and 11 March as AMERICAS holidays (two centres on the 10th count once).
        Assert.Equal([0, 2, 0, 0], routing.Drivers.Select(d => d.HolidayDays));
        Assert.Equal([1, 1, 1, 1], routing.Drivers.Select(d => d.CoveredUnits));
    }

    [Fact]
    public void Load_UnitsUnderSeveralRows_EachCountsOnceOnEveryMondayItIsCovered()
    {
        var data = new WorkloadData(_db); // SN-S (Security, EMEA) is covered under C-EU2 from 2024 on
        data.Weekly("S-EU", "SN-S", new DateTime(2026, 3, 2), 2, _ => 1);
        // Mondays: W10 2 March, W11 9 March, W12 16 March, W13 23 March; both contracts are of S-EU, so one group.
        _db.Seed()
            .Unit("SN-S", "C-EU1", "2026-03-03", "2026-03-16", platform: "Security") // overlaps its other row: still one unit
            .Unit("SN-T", "C-EU1", "2026-03-09", "2026-03-09", platform: "Security") // W11's Monday alone
            .Unit("SN-T", "C-EU2", "2026-03-16", "2026-03-23", platform: "Security") // then W12 and W13, next to it
            .Unit("SN-U", "C-EU2", "2026-03-10", "2026-03-15", platform: "Security") // covered on no Monday
            .Unit("SN-V", "C-EU2", "2026-03-17", platform: "Security"); // from W13's Monday to the contract's end

        var history = WorkloadHistoryQuery.Load(_db.Warehouse, Domain.Reference.ReferenceData.BuiltIn, Instant.FromUtc(2026, 3, 18, 12, 0), 2);

        var security = history.Series.Single(s => s.Platform == "Security");
        Assert.Equal([1, 2, 2, 3], security.Drivers.Select(d => d.CoveredUnits));
    }

    [Fact]
    public void Run_SameDataTwice_ReusesTheSavedModelWithTheSameNumbers()
    {
        new WorkloadData(_db).Seasonal();

        var first = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);
        var second = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);

        Assert.False(first.Provenance.Reused);
        Assert.True(second.Provenance.Reused);
        Assert.Equal(first.Rows, second.Rows);
        Assert.Equal(first.Backtest.Statement, second.Backtest.Statement);
    }

    [Fact]
    public void Run_RetrainWithTheSameSeed_SameForecast()
    {
        new WorkloadData(_db).Seasonal();

        var first = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);
        var again = WorkloadForecaster.Run(_db.Warehouse, Options(retrain: true), AfterHistory);

        Assert.False(again.Provenance.Reused);
        Assert.Equal(first.Rows, again.Rows);
        Assert.Equal(first.Backtest.Overall, again.Backtest.Overall);
    }

    [Fact]
    public void Run_NeverTrainWithoutASavedModel_NoForecastYetAndNoFilesWritten()
    {
        new WorkloadData(_db).Seasonal();

        var error = Assert.Throws<Domain.UserError>(() =>
            WorkloadForecaster.Run(_db.Warehouse, Options() with { Training = ModelTraining.Never }, AfterHistory));

        Assert.StartsWith("no forecast has been made yet", error.Message);
        Assert.False(Directory.Exists(_db.PathOf("forecast")));
    }

    [Fact]
    public void Run_NeverTrainAfterAForecastOnOlderData_UsesTheSavedModelOnTheNewHistoryWithoutSaving()
    {
        var data = new WorkloadData(_db).Seasonal();
        var saved = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);
        var metadata = File.ReadAllText(saved.Provenance.MetadataPath);
        data.Weekly("S-AM", "SN-R", new DateTime(2026, 2, 9), 1, _ => 9);

        var read = WorkloadForecaster.Run(_db.Warehouse, Options() with { Training = ModelTraining.Never }, AfterHistory.Plus(Duration.FromDays(7)));

        Assert.True(read.Provenance.Reused);
        Assert.Equal("2026-W07", read.History.Weeks[^1].ToString());
        Assert.Equal(saved.Backtest.Statement, read.Backtest.Statement);
        Assert.Equal(metadata, File.ReadAllText(saved.Provenance.MetadataPath));
    }

    [Fact]
    public void Run_NeverTrainAfterANewPlatformAppeared_SaysWhichSeriesTheSavedForecastLacks()
    {
        var data = new WorkloadData(_db).Seasonal();
        WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);
        // A case on a unit the installed base does not know: platform Unknown, a series the saved model never saw.
        data.Weekly("S-AM", null, new DateTime(2026, 2, 9), 1, _ => 2);

        var error = Assert.Throws<Domain.UserError>(() =>
            WorkloadForecaster.Run(_db.Warehouse, Options() with { Training = ModelTraining.Never }, AfterHistory.Plus(Duration.FromDays(7))));

        Assert.Equal("the latest forecast (history to 2026-W06) does not cover AMERICAS/Unknown, new since; the next forecast will " +
                     "(the forecast job, fts forecast and fts run make one)", error.Message);
    }

    [Theory]
    // A model.json written by a version with other features: same settings and series, a column this one lacks.
    [InlineData("\"year_end\"", "\"christmas\"")]
    // Fitted another way (levels taken differently, say) with the same columns: its weights would be misread.
    [InlineData(CaseModel.Version, "an older fit")]
    public void Run_NeverTrainAfterTheFeaturesOrTheFitChanged_SaysAnEarlierVersionMadeTheSavedForecast(string saved, string earlier)
    {
        new WorkloadData(_db).Seasonal();
        var path = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory).Provenance.MetadataPath;
        File.WriteAllText(path, File.ReadAllText(path).Replace(saved, earlier));

        var error = Assert.Throws<Domain.UserError>(() =>
            WorkloadForecaster.Run(_db.Warehouse, Options() with { Training = ModelTraining.Never }, AfterHistory));

        Assert.Equal("the latest forecast (history to 2026-W06) was made by an earlier version of the forecaster; the next forecast will " +
                     "replace it (the forecast job, fts forecast and fts run make one)", error.Message);
    }

    [Fact]
    public void Run_NeverTrainWithOtherModelSettings_NoForecastYet()
    {
        new WorkloadData(_db).Seasonal();
        WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);

        Assert.Throws<Domain.UserError>(() => WorkloadForecaster.Run(_db.Warehouse,
            Options() with { Training = ModelTraining.Never, Model = Small with { Seed = 7 } }, AfterHistory));
    }

    [Fact]
    public void Run_HorizonOutOfRange_MessageNamesTheValueNotAnOption()
    {
        var error = Assert.Throws<Domain.UserError>(() => WorkloadForecaster.Run(_db.Warehouse, Options(horizon: 0), AfterHistory));

        Assert.Equal("the horizon must be between 1 and 104 weeks, not 0", error.Message);
        Assert.Equal("horizon", error.Subject);
    }

    [Fact]
    public void Run_DamagedMetadata_TrainsAgainAndRewritesIt()
    {
        new WorkloadData(_db).Seasonal();
        var first = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);
        File.WriteAllText(first.Provenance.MetadataPath, "{ not json");

        var again = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);

        Assert.False(again.Provenance.Reused);
        Assert.Equal(first.Rows, again.Rows);
        Assert.Contains(first.Provenance.DataHash, File.ReadAllText(first.Provenance.MetadataPath));
    }

    [Fact]
    public void Run_NewWeekOfData_TrainsAgain()
    {
        var data = new WorkloadData(_db).Seasonal();
        var first = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);

        data.Weekly("S-AM", "SN-R", new DateTime(2026, 2, 9), 1, _ => 9);
        var next = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory.Plus(Duration.FromDays(7)));

        Assert.False(next.Provenance.Reused);
        Assert.NotEqual(first.Provenance.DataHash, next.Provenance.DataHash);
    }

    [Fact]
    public void Run_Saved_MetadataNamesDataRangeFeaturesAndBacktest()
    {
        new WorkloadData(_db).Seasonal();

        var result = WorkloadForecaster.Run(_db.Warehouse, Options(), AfterHistory);

        using var json = JsonDocument.Parse(File.ReadAllText(result.Provenance.MetadataPath));
        var root = json.RootElement;
        Assert.Equal(result.Provenance.DataHash, root.GetProperty("data_hash").GetString());
        Assert.Equal("2024-W01", root.GetProperty("first_week").GetString());
        Assert.Equal("2026-W06", root.GetProperty("last_week").GetString());
        Assert.Equal(CaseModel.FeaturesOf(result.History).Names, root.GetProperty("features").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, root.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.Equal(4, root.GetProperty("backtest").GetProperty("origins").GetArrayLength());
        Assert.Equal(result.Method == ForecastMethod.Model, File.Exists(Path.Combine(_db.PathOf("forecast"), "model.zip")));
    }

    [Fact]
    public void Run_AllP1Region_EngineersAreCasesTimesSixHoursOverProductiveHours()
    {
        new WorkloadData(_db).Seasonal();

        var result = WorkloadForecaster.Run(_db.Warehouse, Options(horizon: 2), AfterHistory);

        // S-EU's cases are all P1: 6 h each over 40 × 0.7 × 0.85 = 23.8 productive hours.
        Assert.All(result.Rows.Where(r => r.Region == "EMEA"), r => Assert.Equal(r.Cases * 6 / 23.8, r.EngineersNeeded, 9));
        var week = result.Regions.First(r => r.Region == "AMERICAS");
        Assert.Equal(result.Rows.Where(r => r.Region == "AMERICAS" && r.Week == week.Week).Sum(r => r.EngineersNeeded), week.EngineersNeeded, 9);
    }

    [Fact]
    public void Run_ShortHistory_SaysItCannotBacktestAndUsesNaive()
    {
        new WorkloadData(_db).Weekly("S-AM", "SN-R", new DateTime(2026, 1, 5), 10, w => w);

        var result = WorkloadForecaster.Run(_db.Warehouse, Options(horizon: 3), Instant.FromUtc(2026, 3, 16, 0, 0));

        Assert.Equal(ForecastMethod.Naive, result.Method);
        Assert.Contains("too short to back-test", result.Backtest.Statement);
        Assert.All(result.Rows, r => Assert.Equal(9, r.Cases));
    }

    [Fact]
    public void RegionHistory_TwoWeeks_PlatformsSummedPerRegion()
    {
        var data = new WorkloadData(_db);
        var monday = new DateTime(2026, 3, 2);
        data.Weekly("S-AM", "SN-R", monday, 2, w => w + 1).Weekly("S-AM", null, monday, 2, _ => 2);

        var result = WorkloadForecaster.Run(_db.Warehouse, Options(horizon: 1), Instant.FromUtc(2026, 3, 16, 0, 0));

        Assert.Equal([(new IsoWeek(2026, 10), "AMERICAS", 3.0), (new IsoWeek(2026, 11), "AMERICAS", 4.0)], result.RegionHistory(52));
    }

    [Fact]
    public void Run_NoCasesBeforeAsOf_UserError()
    {
        new WorkloadData(_db).Weekly("S-AM", "SN-R", new DateTime(2026, 3, 2), 1, _ => 1);

        var e = Assert.Throws<UserError>(() => WorkloadForecaster.Run(_db.Warehouse, Options(), Instant.FromUtc(2026, 3, 4, 0, 0)));
        Assert.Contains("nothing to forecast", e.Message);
    }

    [Fact]
    public void LatestCaseCreated_Cases_TheLatestCreatedAt()
    {
        new WorkloadData(_db).Weekly("S-AM", "SN-R", new DateTime(2026, 3, 2), 2, _ => 2);
        // Week 2 (9 March), second case at 02:00.
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 2, 0), WorkloadHistoryQuery.LatestCaseCreated(_db.Warehouse));
    }
}
