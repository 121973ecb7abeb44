// Forecast benchmark: generates an estate with seasonal, trending, holiday-affected case loads, holds back the
// last 13 weeks, forecasts them, and compares the error per region with seasonal naive's. Also times the run.
// Usage: dotnet run -c Release --project bench/forecast/ForecastBench -- eval [--out DIR] [--estates A,B] (A20 only when named) [--no-r]   (the rolling-origin evaluation, Evaluation.cs)
//    or: dotnet run -c Release --project bench/forecast/ForecastBench -- [years=3] [out-folder=$TMPDIR/fts-forecast-bench] [regularization]
//    or: dotnet run -c Release --project bench/forecast/ForecastBench -- --db PATH HOLDOUT-MONDAY [regularization]
using System.Diagnostics;
using System.Globalization;
using JuniperFts.Bench.Forecast;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Forecast;
using JuniperFts.Store;
using JuniperFts.Reports.ForecastChart;
using NodaTime;

if (args.Length > 0 && args[0] == "eval") return Evaluation.Run(args[1..]);

// Two modes: generate an estate (default), or "--db PATH HOLDOUT-START" to hold out the 13 weeks from a
// Monday of an existing warehouse (e.g. one filled by `fts sample` + `fts ingest`).
Warehouse warehouse;
Instant asOf;
string outFolder;
string[] modelArgs;
var heldOut = 13;
if (args.Length >= 3 && args[0] == "--db")
{
    warehouse = Warehouse.Open(args[1]);
    asOf = NodaTime.Text.LocalDatePattern.Iso.Parse(args[2]).Value.AtMidnight().InUtc().ToInstant();
    outFolder = Path.Combine(Path.GetTempPath(), "fts-forecast-bench-db");
    Directory.CreateDirectory(outFolder);
    modelArgs = args[3..];
}
else
{
    var years = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
    outFolder = Path.GetFullPath(args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "fts-forecast-bench"));
    if (Directory.Exists(outFolder)) Directory.Delete(outFolder, recursive: true);
    Directory.CreateDirectory(outFolder);
    warehouse = Warehouse.Open(Path.Combine(outFolder, "fts.duckdb"));
    var first = new IsoWeek(2023, 1);
    var weeks = years * 52 + heldOut;
    var generated = Estate.Generate(warehouse, new Shape("A", 2026, first, weeks));
    Console.WriteLine($"generated {generated.Cases:N0} cases over {weeks} weeks ({first}..{first.Plus(weeks - 1)}), {generated.Units:N0} units");
    // The model sees everything up to 13 weeks before the end; those 13 weeks are the unseen test.
    asOf = first.Plus(weeks - heldOut).Start;
    modelArgs = args.Length > 2 ? args[2..] : [];
}

var settings = new ModelSettings();
if (modelArgs.Length >= 1) settings = settings with { Regularization = double.Parse(modelArgs[0], CultureInfo.InvariantCulture) };
Console.WriteLine($"model: {settings}");
var options = new ForecastOptions { Horizon = heldOut, ModelFolder = Path.Combine(outFolder, "model"), Model = settings, Training = ModelTraining.Always };

var clock = Stopwatch.StartNew();
var result = WorkloadForecaster.Run(warehouse, options, asOf);
var trained = clock.Elapsed;
clock.Restart();
var reused = WorkloadForecaster.Run(warehouse, options with { Training = ModelTraining.WhenStale }, asOf);
var reuse = clock.Elapsed;
Console.WriteLine($"{result.History.Series.Count} series x {result.History.Weeks.Count} weeks ({result.History.Weeks[0]}..{result.History.Weeks[^1]})");
Console.WriteLine($"train + back-test + forecast: {trained.TotalSeconds:0.00} s; reuse of the saved model: {reuse.TotalSeconds:0.00} s (reused: {reused.Provenance.Reused})");
Console.WriteLine(result.Backtest.Statement);
foreach (var r in result.Backtest.Regions)
    Console.WriteLine($"  back-test {r.Region,-9} MASE model {r.Scores.Model?.Mase:0.000}  seasonal naive {r.Scores.SeasonalNaive.Mase:0.000}  naive {r.Scores.Naive.Mase:0.000}");

// Unseen weeks: actual region totals against the forecast and against seasonal naive from the same history.
// The actuals are read with the same region and platform rules, from a history that reaches past the test.
var history = result.History;
var later = WorkloadHistoryQuery.Load(warehouse, JuniperFts.Domain.Reference.ReferenceData.BuiltIn, history.Horizon[^1].End, 1);
var actual = history.Horizon.SelectMany(w => later.Regions.Select(region => (region, w))).ToDictionary(k => k,
    k => later.Series.Where(s => s.Region == k.region).Sum(s => s.Cases[later.Weeks.ToList().IndexOf(k.w)]));
Console.WriteLine($"unseen {history.Horizon[0]}..{history.Horizon[^1]}: MAE per region (forecast with {result.Method.Code()})");
var ratios = new List<double>();
foreach (var region in history.Regions)
{
    var seasonal = Baselines.SeasonalNaive(history.RegionTotal(region), heldOut);
    var forecast = history.Horizon.Select(w => result.Regions.Single(r => r.Week == w && r.Region == region).Cases).ToList();
    var truth = history.Horizon.Select(w => actual.GetValueOrDefault((region, w))).ToList();
    var maeModel = ErrorMetrics.MeanAbsoluteError(truth, forecast);
    var maeSeasonal = ErrorMetrics.MeanAbsoluteError(truth, seasonal);
    ratios.Add(maeModel / maeSeasonal);
    Console.WriteLine($"  {region,-9} forecast MAE {maeModel,7:0.00}  seasonal naive MAE {maeSeasonal,7:0.00}  ratio {maeModel / maeSeasonal:0.000}  sMAPE {ErrorMetrics.Smape(truth, forecast):0.0}% vs {ErrorMetrics.Smape(truth, seasonal):0.0}%");
}
Console.WriteLine($"mean ratio {ratios.Average():0.000} (goal: at most 0.85 per region)");

File.WriteAllBytes(Path.Combine(outFolder, "forecast.png"), ForecastChartRenderer.RenderPng(result));
Console.WriteLine($"chart: {Path.Combine(outFolder, "forecast.png")}");
return 0;
