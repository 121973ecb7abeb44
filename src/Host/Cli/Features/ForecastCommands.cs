using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.Files;
using JuniperFts.Reports.ForecastChart;
using NodaTime;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts</c> commands of the Forecast feature.</summary>
public static class ForecastCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var horizon = CommonOptions.WholeNumber("--horizon", "Weeks to forecast after the last complete week (default 13, or Forecast:HorizonWeeks)",
            int.MinValue, int.MaxValue);
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
            var options = context.Settings.Forecast with { Training = pr.GetValue(retrain) ? ModelTraining.Always : ModelTraining.WhenStale };
            if (pr.GetValue(horizon) is { } h)
            {
                // Forecast:HorizonWeeks is checked when the settings are bound; this is the option's own value.
                if (h is < ForecastOptions.MinHorizon or > ForecastOptions.MaxHorizon)
                    throw new UserError($"--horizon must be between {ForecastOptions.MinHorizon} and {ForecastOptions.MaxHorizon} weeks, not {h}");
                options = options with { Horizon = h };
            }
            var result = WorkloadForecaster.Run(warehouse, options, pr.GetValue(asOf) ?? DefaultAsOf(warehouse));
            var fmt = pr.GetValue(format)!;
            TabularOutput.Write(ForecastTable.Rows(result), fmt, context);
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
            if (pr.GetValue(chart) is { Length: > 0 } png) WriteChart(result, png, "chart");
            return 0;
        });
        return [forecast];
    }

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [new ForecastStep()];

    /// <summary>Writes <c>forecast.csv</c>, <c>forecast.png</c> and, from the same forecast, <c>staffing.csv</c> into the output folder.</summary>
    private sealed class ForecastStep : IFtsRunStep
    {
        public string Name => "forecast";

        public void Run(FtsRun run)
        {
            var options = run.Cli.Settings.Forecast; // a configuration mistake fails the run
            ForecastResult result;
            try
            {
                result = WorkloadForecaster.Run(run.Warehouse, options, run.AsOf);
            }
            catch (UserError e)
            {
                // A drop folder without case history is not a failed run: the other reports still stand.
                run.Done("forecast", $"skipped ({e.Message})");
                return;
            }
            var csv = Path.Combine(run.OutFolder, "forecast.csv");
            ForecastTable.WriteCsv(result, csv, "out");
            var png = Path.Combine(run.OutFolder, "forecast.png");
            WriteChart(result, png, "out");
            run.Done("forecast", $"{result.Rows.Select(r => r.Week).Distinct().Count()} week(s) ahead, {result.Rows.Count} rows, method {result.Method.Code()}", csv, png);
            StaffingCommands.WriteCsv(run, result, options);
        }
    }

    private static Tabular Engineers(ForecastResult result) => new(
        ["iso_week", "region", "cases", "low", "high", "engineers_needed"],
        result.Regions.Select(r => (IReadOnlyList<object?>)
            [r.Week.ToString(), r.Region, Round(r.Cases), Round(r.Low), Round(r.High), Round(r.EngineersNeeded)]).ToList());

    private static void WriteChart(ForecastResult result, string path, string subject) =>
        ReportFile.Write(path, file => file.Write(ForecastChartRenderer.RenderPng(result)), subject);

    private static decimal Round(double value) => ForecastRow.Printed(value);

    /// <summary>The latest <c>created_at</c> in the data: the default as-of of the forecast and the staffing.</summary>
    public static Instant DefaultAsOf(Warehouse warehouse) =>
        WorkloadHistoryQuery.LatestCaseCreated(warehouse)
        ?? throw new UserError("the database holds no cases: ingest a drop folder before forecasting");
}
