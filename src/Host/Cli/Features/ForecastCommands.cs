using System.CommandLine;
using System.Globalization;
using JuniperFts.Domain;
using JuniperFts.Domain.Forecast;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.ForecastChart;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the Forecast feature.</summary>
public static class ForecastCommands
{
    /// <summary>Columns of <c>fts forecast --format csv</c>; the first four are the cli.md contract.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["iso_week", "region", "platform", "cases", "low", "high", "engineers_needed", "method"];

    public static IEnumerable<Command> Create(CliContext context)
    {
        var horizon = new Option<int?>("--horizon") { Description = "Weeks to forecast after the last complete week (default 13, or Forecast:HorizonWeeks)" };
        var format = CommonOptions.Format("table", "csv", "json");
        var asOf = CommonOptions.AsOf();
        asOf.Description = "History is the ISO weeks that ended by this instant (default: the latest created_at in the data)";
        var retrain = new Option<bool>("--retrain") { Description = "Train and back-test again even if the saved model was trained on the same data" };
        var chart = new Option<string?>("--chart") { Description = "Also write the chart (history, forecast, interval) to this PNG file" };

        var forecast = new Command("forecast", "Weekly forecast of cases per region and platform, engineers needed, and its back-test");
        forecast.Options.Add(horizon);
        forecast.Options.Add(format);
        forecast.Options.Add(asOf);
        forecast.Options.Add(retrain);
        forecast.Options.Add(chart);
        forecast.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            var options = Options(context.Configuration, context.Reference) with { Retrain = pr.GetValue(retrain) };
            if (pr.GetValue(horizon) is { } h) options = options with { Horizon = h };
            var result = WorkloadForecaster.Run(warehouse, options, pr.GetValue(asOf) ?? DefaultAsOf(warehouse));
            var fmt = pr.GetValue(format)!;
            TabularOutput.Write(Rows(result), fmt, context);
            if (fmt == "table")
            {
                context.Out.WriteLine();
                TabularOutput.Write(Engineers(result), fmt, context);
                context.Out.WriteLine();
                context.Out.WriteLine(result.Backtest.Statement);
            }
            else
            {
                // stdout stays machine-readable; the verdict still reaches the person running it.
                context.Error.WriteLine(result.Backtest.Statement);
            }
            if (pr.GetValue(chart) is { Length: > 0 } png) WriteChart(result, png);
            return 0;
        });
        return [forecast];
    }

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IMainJobStep> Steps => [new ForecastStep()];

    /// <summary>Writes <c>forecast.csv</c> and <c>forecast.png</c> into the output folder.</summary>
    private sealed class ForecastStep : IMainJobStep
    {
        public string Name => "forecast";

        public void Run(MainJobRun run)
        {
            var options = Options(run.Cli.Configuration, run.Cli.Reference); // a configuration mistake fails the run
            ForecastResult result;
            try
            {
                result = WorkloadForecaster.Run(run.Warehouse, options, run.AsOf);
            }
            catch (UserError e)
            {
                // A drop folder without case history is not a failed run: the other reports still stand.
                run.Cli.Out.WriteLine($"forecast: skipped ({e.Message})");
                return;
            }
            var csv = Path.Combine(run.OutFolder, "forecast.csv");
            using (var writer = new StreamWriter(csv)) TabularOutput.WriteCsv(Rows(result), writer);
            run.Wrote("forecast", csv);
            var png = Path.Combine(run.OutFolder, "forecast.png");
            WriteChart(result, png);
            run.Wrote("forecast chart", png);
        }
    }

    /// <summary>One row per week × region × platform, as the CSV contract orders them.</summary>
    public static Tabular Rows(ForecastResult result) => new(Columns,
        result.Rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Week.ToString(), r.Region, r.Platform, Round(r.Cases), Round(r.Low), Round(r.High), Round(r.EngineersNeeded),
            result.Method.Code(),
        ]).ToList());

    private static Tabular Engineers(ForecastResult result) => new(
        ["iso_week", "region", "cases", "low", "high", "engineers_needed"],
        result.Regions.Select(r => (IReadOnlyList<object?>)
            [r.Week.ToString(), r.Region, Round(r.Cases), Round(r.Low), Round(r.High), Round(r.EngineersNeeded)]).ToList());

    private static void WriteChart(ForecastResult result, string path)
    {
        try
        {
            File.WriteAllBytes(path, ForecastChartRenderer.RenderPng(result));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write the chart {path}: {e.Message}", e);
        }
    }

    // Adding 0.00m keeps two decimals on every figure (0.00, not 0), so columns read alike.
    private static decimal Round(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    private static Instant DefaultAsOf(Warehouse warehouse) =>
        WorkloadHistoryQuery.LatestCaseCreated(warehouse)
        ?? throw new UserError("the database holds no cases: ingest a drop folder before forecasting");

    /// <summary>The <c>Forecast</c> configuration section over the documented defaults.</summary>
    /// <exception cref="UserError">A value that is not a number or out of its range, naming the key.</exception>
    public static ForecastOptions Options(IConfiguration configuration, ReferenceData reference)
    {
        var section = configuration.GetSection("Forecast");
        var defaults = StaffingPlan.Default;
        double Number(string key, double fallback, Func<double, bool> valid, string range)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !valid(v))
                throw new UserError($"configuration Forecast:{key} = '{text}' must be {range}");
            return v;
        }
        int Whole(string key, int fallback, int min, int max) =>
            (int)Number(key, fallback, v => v == Math.Floor(v) && v >= min && v <= max, $"a whole number from {min} to {max}");

        var hours = Priorities.All.ToDictionary(p => p,
            p => Number($"HandlingHours:{p.Code()}", defaults.HandlingHours[p], v => v >= 0 && double.IsFinite(v), "a number of hours ≥ 0"));
        var staffing = new StaffingPlan(hours,
            Number("HoursPerWeek", defaults.HoursPerWeek, v => v > 0 && v <= 168, "hours between 0 (excluded) and 168"),
            Number("Shrinkage", defaults.Shrinkage, v => v is >= 0 and < 1, "a share from 0 to 1 (excluded)"),
            Number("Occupancy", defaults.Occupancy, v => v is > 0 and <= 1, "a share from 0 (excluded) to 1"));
        var model = new ModelSettings(
            Seed: Whole("Seed", 1, 0, int.MaxValue),
            Trees: Whole("Trees", new ModelSettings().Trees, 1, 5000),
            Leaves: Whole("Leaves", new ModelSettings().Leaves, 2, 512));
        return new ForecastOptions
        {
            Horizon = Whole("HorizonWeeks", 13, 1, 104),
            IntervalCoverage = Number("IntervalCoverage", 0.8, v => v is > 0.5 and < 1, "a share between 0.5 and 1 (both excluded)"),
            Staffing = staffing,
            Model = model,
            Reference = reference,
            ModelFolder = string.IsNullOrWhiteSpace(section["ModelFolder"]) ? null : section["ModelFolder"],
        };
    }
}
