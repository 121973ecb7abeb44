// Staffing after the forecast: how long ShiftStaffingPlanner takes to turn a finished forecast into engineers on shift
// per centre × priority × week × local hour (profile query, spread over the centres' calendars, Erlang C per row).
// Usage: dotnet run -c Release --project bench/staffing/StaffingBench -- DB [weeks=13] [runs=5]
//   DB: a database made with `fts sample --out DIR --cases N --seed S` and `fts ingest DIR --db DB`.
using System.Diagnostics;
using System.Globalization;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Ingest.Store;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: StaffingBench DB [weeks=13] [runs=5]");
    return 2;
}
var weeks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 13;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var warehouse = Warehouse.Open(args[0]);
var options = new ForecastOptions { Horizon = weeks, Reference = ReferenceData.BuiltIn };
var asOf = WorkloadHistoryQuery.LatestCaseCreated(warehouse) ?? throw new InvalidOperationException("no cases");

var clock = Stopwatch.StartNew();
var forecast = WorkloadForecaster.Run(warehouse, options, asOf);
Console.WriteLine($"forecast ({forecast.Method}, model {(forecast.Provenance.Reused ? "reused" : "trained")}): {clock.ElapsedMilliseconds} ms");

var times = new List<double>();
IReadOnlyList<JuniperFts.Domain.Forecast.ShiftStaffing> hours = [];
for (var run = 0; run <= runs; run++)
{
    clock.Restart();
    hours = ShiftStaffingPlanner.Plan(warehouse, forecast, options);
    if (run > 0) times.Add(clock.Elapsed.TotalMilliseconds); // run 0 warms up the JIT and DuckDB
}
times.Sort();
var cells = hours.Select(h => (h.Centre, h.Priority)).Distinct().Count();
Console.WriteLine($"staffing rows: {hours.Count:N0} ({hours.Select(h => h.Centre).Distinct().Count()} centres, {cells} centre × priority queues, "
    + $"{hours.Select(h => h.Week).Distinct().Count()} weeks; of {cells * weeks * 168:N0} possible hours)");
Console.WriteLine($"largest hour: {hours.Max(h => h.EngineersRaw)} engineers on shift, {hours.Max(h => h.Arrivals)} cases");
Console.WriteLine($"staffing after the forecast, {runs} runs: median {times[times.Count / 2]:F0} ms, min {times[0]:F0} ms, max {times[^1]:F0} ms");
return 0;
