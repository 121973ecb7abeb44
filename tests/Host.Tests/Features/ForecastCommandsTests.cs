using JuniperFts.Host.Cli;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Features;

public sealed class ForecastCommandsTests : IDisposable
{
    private readonly TempWarehouse _db = new();

    public ForecastCommandsTests()
    {
        var seed = _db.Seed().Account("A1").Site("S1", "A1")
            .Contract("C1", "A1", "S1", centre: "SCHIPHOL_RIJK", start: "2025-01-01", end: "2027-12-31")
            .Unit("SN1", "C1", "2025-01-01", platform: "Switching");
        // Weeks 2026-W02..W05 with 1, 2, 3, 4 P1 cases; the last case is the default as-of (Monday of W05).
        for (var w = 0; w < 4; w++)
            for (var i = 0; i <= w; i++)
                seed.Case($"K{w}{i}", "A1", "S1", "SN1", "P1", new DateTime(2026, 1, 5).AddDays(7 * w).AddHours(i));
    }

    public void Dispose() => _db.Dispose();

    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 6, 1, 0, 0));

    private Task<Ingest.Fts.Outcome> Fts(IDictionary<string, string?>? settings = null, params string[] args) =>
        Task.FromResult(Ingest.Fts.Run(Clock, settings, [.. args, "--db", _db.DatabasePath]));

    [Fact]
    public async Task Forecast_Csv_ContractHeaderAndOneRowPerWeek()
    {
        // As of Monday of W06: W02..W05 are history; naive (too short to back-test) repeats W05's 4 cases.
        var (exit, output, error) = await Fts(null, "forecast", "--format", "csv", "--horizon", "2", "--as-of", "2026-02-02T00:00:00Z");

        Assert.Equal(0, exit);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("iso_week,region,platform,cases,low,high,engineers_needed,method", lines[0]);
        Assert.StartsWith("2026-W06,EMEA,Switching,4.00,", lines[1]);
        Assert.StartsWith("2026-W07,EMEA,Switching,4.00,", lines[2]);
        // 4 P1 cases × 6 h / 23.8 h = 1.008…
        Assert.EndsWith(",1.01,naive", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("too short to back-test", error);
    }

    [Fact]
    public async Task Forecast_DefaultAsOf_LatestCreatedAtSoItsWeekIsNotHistory()
    {
        // The latest case is Monday 2026-01-26 03:00 (W05): W05 has not ended, so history ends with W04 (3 cases).
        var (exit, output, _) = await Fts(null, "forecast", "--format", "csv", "--horizon", "1");

        Assert.Equal(0, exit);
        Assert.StartsWith("2026-W05,EMEA,Switching,3.00,", output.Split('\n')[1]);
    }

    [Fact]
    public async Task Forecast_Table_PrintsEngineersByRegionAndTheVerdict()
    {
        var (exit, output, _) = await Fts(null, "forecast", "--horizon", "1", "--as-of", "2026-02-02T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("engineers_needed", output);
        Assert.Contains("forecasting with naive", output);
    }

    [Fact]
    public async Task Forecast_ChartOption_WritesPng()
    {
        var png = _db.PathOf("forecast.png");
        var (exit, _, _) = await Fts(null, "forecast", "--format", "csv", "--as-of", "2026-02-02T00:00:00Z", "--chart", png);

        Assert.Equal(0, exit);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png).Take(4));
    }

    [Fact]
    public async Task Forecast_HorizonZero_OneLineUserError()
    {
        var (exit, output, error) = await Fts(null, "forecast", "--horizon", "0");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("", output);
        Assert.Equal("fts: --horizon must be between 1 and 104 weeks, not 0", error.TrimEnd());
    }

    [Fact]
    public async Task Forecast_HorizonSettingZero_NamesTheKeyNotTheOption()
    {
        var (exit, _, error) = await Fts(new Dictionary<string, string?> { ["Forecast:HorizonWeeks"] = "0" }, "forecast");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("fts: Forecast:HorizonWeeks: '0' is not a whole number from 1 to 104", error.TrimEnd());
    }

    /// <summary>The ranges are the types' own (StaffingAssumptions, ModelSettings, ForecastOptions); the binder names the key and the value as written.</summary>
    [Theory]
    [InlineData("Forecast:Shrinkage", "1.5", "fts: Forecast:Shrinkage: '1.5' is not a share from 0 to 1 (excluded)")]
    [InlineData("Forecast:Occupancy", "0", "fts: Forecast:Occupancy: '0' is not a share from 0 (excluded) to 1")]
    [InlineData("Forecast:HoursPerWeek", "200", "fts: Forecast:HoursPerWeek: '200' is not hours between 0 (excluded) and 168")]
    [InlineData("Forecast:HandlingHours:P3", "-1", "fts: Forecast:HandlingHours:P3: '-1' is not a number of hours ≥ 0")]
    [InlineData("Forecast:IntervalCoverage", "0.50", "fts: Forecast:IntervalCoverage: '0.50' is not a share between 0.5 and 1 (both excluded)")]
    [InlineData("Forecast:Regularization", "2e6", "fts: Forecast:Regularization: '2e6' is not a number from 0 to 1000000")]
    [InlineData("Forecast:Seed", "-1", "fts: Forecast:Seed: '-1' is not a whole number of at least 0")]
    [InlineData("Forecast:Shrinkage", "a lot", "fts: Forecast:Shrinkage: 'a lot' is not a number")]
    public async Task Forecast_BadSetting_NamesTheKey(string key, string value, string message)
    {
        var (exit, _, error) = await Fts(new Dictionary<string, string?> { [key] = value }, "forecast");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal(message, error.TrimEnd());
    }

    [Fact]
    public async Task Forecast_GreenGoalOf100_RefusedServiceLevelDefaultNamesItsKeyAndValue()
    {
        var (exit, _, error) = await Fts(new Dictionary<string, string?> { ["Excel:GreenGoalPct"] = "100" }, "forecast");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("fts: Forecast:ServiceLevelGoal: not set, and its default (1) is not a share between 0 and 1 (both excluded)", error.TrimEnd());
    }

    [Fact]
    public async Task Forecast_ConfiguredHandlingHours_ChangeEngineersNeeded()
    {
        var settings = new Dictionary<string, string?> { ["Forecast:HandlingHours:P1"] = "11.9" };
        var (_, output, _) = await Fts(settings, "forecast", "--format", "csv", "--horizon", "1", "--as-of", "2026-02-02T00:00:00Z");

        // 4 cases × 11.9 h / 23.8 h = 2 engineers.
        Assert.EndsWith(",2.00,naive", output.Split('\n')[1]);
    }
}
