// SLA benchmark: generate N cases into a fresh DuckDB file, then time, in the same run,
//   1. SlaRefresh.RunAll (evaluate every case: coverage, tie-break, calendar, store) + the
//      priority x region x window summary,
//   2. the summary alone from the stored evaluations (what a report or the portal pays),
//   3. an incremental refresh with nothing changed (what every later ingest pays at least),
//   4. a plain DuckDB GROUP BY over the same cases table (the yardstick).
// Usage: dotnet run -c Release --project bench/sla -- [--cases 1000000] [--db PATH] [--runs 3]
using System.Diagnostics;
using JuniperFts.Domain.Reference;
using JuniperFts.Ingest.Store;
using JuniperFts.Reports.Sla;
using JuniperFts.Bench.Sla;
using NodaTime;

var cases = Arg("--cases", 1_000_000);
var runs = Arg("--runs", 3);
var db = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), $"fts-bench-sla-{Guid.NewGuid():N}.duckdb");
if (File.Exists(db)) File.Delete(db);

var warehouse = Warehouse.Open(db);
var sw = Stopwatch.StartNew();
Generator.Fill(warehouse, cases);
Console.WriteLine($"generated {cases:N0} cases in {sw.Elapsed.TotalSeconds:F1} s ({db})");

var reference = ReferenceData.BuiltIn;
var asOf = Instant.FromUtc(2027, 1, 1, 0, 0);
string[] by = ["priority", "region", "window"];
var queries = new SlaQueries(warehouse, reference);

var full = Measure("evaluate all + summary", () => { SlaRefresh.RunAll(warehouse, reference); queries.Summary(asOf, by, new SlaFilter()); });
var summary = Measure("summary from stored evaluations", () => queries.Summary(asOf, by, new SlaFilter()));
var incremental = Measure("incremental refresh, nothing changed", () => SlaRefresh.Run(warehouse, reference));
var baseline = Measure("plain DuckDB GROUP BY over cases", () =>
{
    using var c = warehouse.Connect();
    using var cmd = c.CreateCommand();
    cmd.CommandText = """
        SELECT priority, count(*) AS cases, count(first_response_at) AS answered,
               avg(epoch(first_response_at) - epoch(created_at)) AS mean_response
        FROM cases GROUP BY priority ORDER BY priority
        """;
    using var r = cmd.ExecuteReader();
    while (r.Read()) { }
});

Console.WriteLine();
Console.WriteLine($"ratio evaluate all + summary / GROUP BY: {full / baseline:F1}x");
Console.WriteLine($"ratio summary from stored / GROUP BY:    {summary / baseline:F1}x");
Console.WriteLine($"ratio no-change refresh / GROUP BY:      {incremental / baseline:F1}x");
File.Delete(db);
return 0;

double Measure(string what, Action action)
{
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var t = Stopwatch.StartNew();
        action();
        times.Add(t.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"{what,-40} median {median,9:F0} ms   (runs: {string.Join(", ", times.Select(x => x.ToString("F0")))})");
    return median;
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
