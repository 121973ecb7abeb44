// Staffing after the forecast: how long ShiftStaffingPlanner takes to turn a finished forecast into engineers on shift
// per centre × priority × week × local hour (profile query, spread over the centres' calendars, offered load per queue, Erlang C per row).
// Usage: dotnet run -c Release --project bench/staffing/StaffingBench -- DB [weeks=13] [runs=5]
//   DB: a database made with `fts sample --out DIR --cases N --seed S` and `fts ingest DIR --db DB`.
// Does the plan deliver? dotnet run -c Release --project bench/staffing/StaffingBench -- eval DB [replications=400] [chart.png]
//   simulates every queue of the 13-week plan (Evaluation.cs) and prints the figures of docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Store;

if (args.Length < 1 || args[0] == "eval" && args.Length < 2)
{
    Console.Error.WriteLine("usage: StaffingBench DB [weeks=13] [runs=5] | StaffingBench eval DB [replications=400] [chart.png]");
    return 2;
}
if (args[0] == "eval")
    return JuniperFts.Bench.Staffing.Evaluation.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400,
        args.Length > 3 ? args[3] : null);
var weeks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 13;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var warehouse = Warehouse.Open(args[0]);
var options = new ForecastOptions { Horizon = weeks, Reference = ReferenceData.BuiltIn };
var asOf = WorkloadHistoryQuery.LatestCaseCreated(warehouse) ?? throw new InvalidOperationException("no cases");

var clock = Stopwatch.StartNew();
var forecast = WorkloadForecaster.Run(warehouse, options, asOf);
Console.WriteLine($"forecast ({forecast.Method}, model {(forecast.Provenance.Reused ? "reused" : "trained")}): {clock.ElapsedMilliseconds} ms");

// Wall time and this process's CPU time (all threads, DuckDB's included): on a shared machine the CPU time is the steadier figure.
var times = new List<double>();
var cpu = new List<double>();
IReadOnlyList<JuniperFts.Domain.Workload.ShiftStaffing> hours = [];
var process = Process.GetCurrentProcess();
for (var run = 0; run <= runs; run++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    clock.Restart();
    hours = ShiftStaffingPlanner.Plan(warehouse, forecast, options);
    var wall = clock.Elapsed.TotalMilliseconds;
    process.Refresh();
    if (run == 0) continue; // run 0 warms up the JIT and DuckDB
    times.Add(wall);
    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}
times.Sort();
cpu.Sort();

var cells = hours.Select(h => (h.Centre, h.Priority)).Distinct().Count();
Console.WriteLine($"staffing rows: {hours.Count:N0} ({hours.Select(h => h.Centre).Distinct().Count()} centres, {cells} centre × priority queues, "
    + $"{hours.Select(h => h.Week).Distinct().Count()} weeks; of {cells * weeks * 168:N0} possible hours)");
Console.WriteLine($"largest hour: {hours.Max(h => h.EngineersRaw)} engineers on shift, {hours.Max(h => h.Arrivals)} cases, offered load {hours.Max(h => h.OfferedLoad)}");
Console.WriteLine($"staffing after the forecast, {runs} runs: wall median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}); "
    + $"CPU median {cpu[cpu.Count / 2]:F0} ms (min {cpu[0]:F0}, max {cpu[^1]:F0})");

// Where the time goes: the profile query, the calendars, and the pure part (spread + Erlang C) on its own.
var end = forecast.History.Weeks[^1].End;
var from = end - NodaTime.Duration.FromDays(7 * ShiftStaffingPlanner.ProfileWeeks);
double Median(Action action)
{
    var t = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var sw = Stopwatch.StartNew();
        action();
        if (run > 0) t.Add(sw.Elapsed.TotalMilliseconds);
    }
    t.Sort();
    return t[t.Count / 2];
}
IReadOnlyList<JuniperFts.Domain.Workload.ArrivalCount> history = [];
var query = Median(() => history = ArrivalHistoryQuery.Load(warehouse, options.Reference, from, end));
var horizon = forecast.Rows.Select(r => r.Week).Distinct().ToList();
IReadOnlyDictionary<string, JuniperFts.Domain.Calendars.BusinessCalendar> calendars = null!;
var calendarTime = Median(() =>
{
    using var c = warehouse.Connect();
    calendars = CentreCalendars.Read(c, options.Reference, horizon.Min().Monday.PlusDays(-1), horizon.Max().Monday.PlusDays(8));
});
JuniperFts.Domain.Workload.ArrivalProfile profile = null!;
var profileTime = Median(() => profile = JuniperFts.Domain.Workload.ArrivalProfile.FromHistory(history, options.Reference));
var regionWeeks = ShiftStaffingPlanner.RegionWeeks(forecast).ToList();
var pure = Median(() => ShiftStaffingPlanner.Plan(profile, regionWeeks, calendars, options.Staffing, options.Reference));
Console.WriteLine($"parts (median): profile query {query:F0} ms ({history.Count:N0} quarter-hour buckets), calendars {calendarTime:F0} ms, "
    + $"profile {profileTime:F0} ms, spread + offered load + Erlang C {pure:F0} ms");
return 0;
