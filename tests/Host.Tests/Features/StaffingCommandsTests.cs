using System.Globalization;
using System.Text.Json;
using JuniperFts.Domain.Workload;
using JuniperFts.Host.Cli;
using JuniperFts.Store.Tests.Support;
using NodaTime;
using NodaTime.Testing;

namespace JuniperFts.Host.Tests.Features;

public sealed class StaffingCommandsTests : IDisposable
{
    private readonly TempWarehouse _db = new();

    public StaffingCommandsTests()
    {
        // Schiphol serves S1 around the clock and S2 in business hours (8x5).
        var seed = _db.Seed().Account("A1").Site("S1", "A1").Site("S2", "A1")
            .Contract("C1", "A1", "S1", centre: "SCHIPHOL_RIJK", start: "2025-01-01", end: "2027-12-31")
            .Contract("C2", "A1", "S2", sku: "SVC-FTS-BD", centre: "SCHIPHOL_RIJK", start: "2025-01-01", end: "2027-12-31")
            .Unit("SN1", "C1", "2025-01-01", platform: "Switching")
            .Unit("SN2", "C2", "2025-01-01", platform: "Switching");
        // Weeks 2026-W02..W05: P1 cases on S1 on Mondays from 01:00 UTC (02:00 in Amsterdam), and on S2 P3 cases on
        // Saturdays at 12:00 UTC, which wait for Monday 09:00.
        for (var w = 0; w < 4; w++)
        {
            for (var i = 0; i <= w; i++) seed.Case($"K{w}{i}", "A1", "S1", "SN1", "P1", new DateTime(2026, 1, 5).AddDays(7 * w).AddHours(1 + i));
            seed.Case($"L{w}", "A1", "S2", "SN2", "P3", new DateTime(2026, 1, 10, 12, 0, 0).AddDays(7 * w));
        }
    }

    public void Dispose() => _db.Dispose();

    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 6, 1, 0, 0));

    private Task<Ingest.Fts.Outcome> Fts(IDictionary<string, string?>? settings = null, params string[] args) =>
        Task.FromResult(Ingest.Fts.Run(Clock, settings, [.. args, "--db", _db.DatabasePath]));

    private static List<Dictionary<string, string>> Csv(string output)
    {
        var lines = output.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Four decimals, half away from zero, as the CSV prints them.</summary>
    private static string Four(double value) =>
        Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero).ToString("0.0000", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staffing_Csv_ContractColumnsAndRowsThatAddUpToTheForecast()
    {
        var (exit, output, error) = await Fts(null, "staffing", "--format", "csv", "--weeks", "2", "--as-of", "2026-02-02T00:00:00Z");
        var (_, forecast, _) = await Fts(null, "forecast", "--format", "csv", "--horizon", "2", "--as-of", "2026-02-02T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Equal("support_center,priority,iso_week,local_day,local_hour,arrivals,offered_load,handling_minutes,target_minutes,service_level_goal,"
            + "engineers_raw,engineers_scheduled,service_level,occupancy", output.Split('\n')[0]);
        Assert.Contains("forecasting with naive", error);
        var rows = Csv(output);
        var forecastRows = Csv(forecast);
        foreach (var week in new[] { "2026-W06", "2026-W07" })
            Assert.Equal(forecastRows.Where(r => r["iso_week"] == week).Sum(r => decimal.Parse(r["cases"], CultureInfo.InvariantCulture)),
                rows.Where(r => r["iso_week"] == week).Sum(r => decimal.Parse(r["arrivals"], CultureInfo.InvariantCulture)));

        // The centre's profile holds Mondays 02:00–05:00 and Saturdays 13:00 (local); P1 (24x7) cases arrive in those hours,
        // while P3 (8x5) cases wait for the week's first opening, Monday 09:00.
        string When(Dictionary<string, string> r) => $"{r["local_day"]} {r["local_hour"]}";
        Assert.Equal(["Mon 2", "Mon 3", "Mon 4", "Mon 5", "Sat 13"],
            rows.Where(r => r["priority"] == "P1" && r["iso_week"] == "2026-W06" && D(r["arrivals"]) > 0).Select(When));
        Assert.Equal(["Mon 9"], rows.Where(r => r["priority"] == "P3" && D(r["arrivals"]) > 0).Select(When).Distinct());
        // Their cases are still in hand in later hours: P1 around the clock (its 6-hour cases drain through the night), P3
        // only while the centre is open (09:00–17:00 on weekdays), its 2-hour cases held overnight.
        var p1 = rows.Where(r => r["priority"] == "P1").ToList();
        Assert.Contains(p1, r => When(r) == "Mon 23" && D(r["arrivals"]) == 0 && D(r["offered_load"]) > 0);
        Assert.Contains(p1, r => When(r) == "Sun 1" && D(r["arrivals"]) == 0 && D(r["offered_load"]) > 0);
        var p3 = rows.Where(r => r["priority"] == "P3").ToList();
        Assert.All(p3, r => Assert.True(r["local_day"] is not ("Sat" or "Sun") && int.Parse(r["local_hour"], CultureInfo.InvariantCulture) is >= 9 and < 17, When(r)));
        Assert.Contains(p3, r => When(r) == "Tue 9" && D(r["arrivals"]) == 0 && D(r["offered_load"]) > 0);
        var monday9 = p3.First(r => When(r) == "Mon 9");
        // P3: 2 handling hours, a 2-hour target.
        Assert.Equal(("SCHIPHOL_RIJK", "120", "120"), (monday9["support_center"], monday9["handling_minutes"], monday9["target_minutes"]));

        foreach (var r in rows)
        {
            // Every row from its own columns: the smallest N above the offered load reaching the goal, raised for 85 % and 30 %.
            var (load, handling, target, goal) = (D(r["offered_load"]), D(r["handling_minutes"]), D(r["target_minutes"]), D(r["service_level_goal"]));
            var raw = int.Parse(r["engineers_raw"], CultureInfo.InvariantCulture);
            Assert.True(D(r["arrivals"]) > 0 || load > 0);
            Assert.Equal(4, r["offered_load"].Split('.')[1].Length);
            Assert.Equal(0.95, goal);
            Assert.True(ErlangC.ServiceLevel(raw, load, target, handling) >= goal);
            Assert.True(raw - 1 <= load || ErlangC.ServiceLevel(raw - 1, load, target, handling) < goal);
            Assert.Equal((int)Math.Ceiling(Math.Max(raw, load / 0.85) / 0.7), int.Parse(r["engineers_scheduled"], CultureInfo.InvariantCulture));
            Assert.Equal(Four(load / raw), r["occupancy"]);
            Assert.Equal(Four(ErlangC.ServiceLevel(raw, load, target, handling)!.Value), r["service_level"]);
        }

        // The load from the rows alone, as docs/forecast.md tells a reader to recompute it: through the hours in order, an
        // hour without a row holding the work in hand, the first week played over until it repeats.
        foreach (var queue in rows.GroupBy(r => r["priority"]))
        {
            var byHour = queue.ToDictionary(r => (r["iso_week"],
                Array.IndexOf(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], r["local_day"]) * 24 + int.Parse(r["local_hour"], CultureInfo.InvariantCulture)));
            var handling = D(queue.First()["handling_minutes"]) / 60;
            double Week(string week, double load, bool check)
            {
                for (var h = 0; h < 168; h++)
                    if (byHour.TryGetValue((week, h), out var r))
                    {
                        var arrivals = D(r["arrivals"]);
                        var average = arrivals * handling + (load - arrivals * handling) * handling * (1 - Math.Exp(-1 / handling));
                        load = arrivals * handling + (load - arrivals * handling) * Math.Exp(-1 / handling);
                        if (check) Assert.Equal(D(r["offered_load"]), average, 0.0001);
                    }
                return load;
            }
            var start = 0.0;
            for (var i = 0; i < 100; i++) start = Week("2026-W06", start, false);
            Week("2026-W07", Week("2026-W06", start, true), true);
        }
    }

    [Fact]
    public async Task Staffing_Json_SameRowsAsObjects()
    {
        var (exit, output, _) = await Fts(null, "staffing", "--format", "json", "--weeks", "1", "--as-of", "2026-02-02T00:00:00Z");

        Assert.Equal(0, exit);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("SCHIPHOL_RIJK", r.GetProperty("support_center").GetString()));
        Assert.All(rows, r => Assert.True(r.GetProperty("engineers_scheduled").GetInt32() >= r.GetProperty("engineers_raw").GetInt32()));
    }

    [Fact]
    public async Task Staffing_Table_PrintsWeeklyTotalsPerCentre()
    {
        var (exit, output, _) = await Fts(null, "staffing", "--weeks", "1", "--as-of", "2026-02-02T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("engineer_hours_scheduled", output);
        Assert.Contains("forecasting with naive", output);
    }

    [Fact]
    public async Task Staffing_GoalDefaultsToTheWorkbookGoal_AndItsOwnSettingWins()
    {
        var excel = await Fts(new Dictionary<string, string?> { ["Excel:GreenGoalPct"] = "90", ["Excel:AmberGoalPct"] = "80" },
            "staffing", "--format", "csv", "--weeks", "1", "--as-of", "2026-02-02T00:00:00Z");
        var own = await Fts(new Dictionary<string, string?> { ["Forecast:ServiceLevelGoal"] = "0.8" },
            "staffing", "--format", "csv", "--weeks", "1", "--as-of", "2026-02-02T00:00:00Z");

        Assert.All(Csv(excel.Out), r => Assert.Equal("0.9", r["service_level_goal"]));
        Assert.All(Csv(own.Out), r => Assert.Equal("0.8", r["service_level_goal"]));
    }

    [Theory]
    [InlineData("Forecast:ServiceLevelGoal", "1", "fts: Forecast:ServiceLevelGoal: '1' is not a share between 0 and 1 (both excluded)")]
    [InlineData("Forecast:HandlingHours:P2", "0", "fts: configuration Forecast:HandlingHours:P2 must be above 0 hours for staffing by Erlang C (was 0)")]
    public async Task Staffing_BadSetting_OneLineNamingTheKey(string key, string value, string message)
    {
        var (exit, output, error) = await Fts(new Dictionary<string, string?> { [key] = value }, "staffing", "--format", "csv");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("", output);
        Assert.Equal(message, error.TrimEnd());
    }

    [Fact]
    public async Task Staffing_WeeksOutOfRange_OneLine()
    {
        var (exit, _, error) = await Fts(null, "staffing", "--weeks", "0");

        Assert.Equal(FtsCli.UserErrorExit, exit);
        Assert.Equal("fts: --weeks must be between 1 and 104, not 0", error.TrimEnd());
    }
}
