// SLA benchmark: generate N cases into a fresh DuckDB file, then time, in the same run,
//   1. SlaRefresh.RunAll (evaluate every case from the inputs: coverage, tie-break, calendar, store) + the
//      priority x region x window summary: a first load, or a change of the reference data,
//   3. SlaRefresh.Run + the summary: what `fts sla summary` and every report run (the evaluation is
//      incremental and stored; with nothing changed it is a check),
//   4. the same after a later batch changed 1% of the cases (priority changes),
//   5. the summary alone, and with the resolution median and p90 (`--resolution`),
//   6. a plain DuckDB GROUP BY over the same cases table (the yardstick),
//   7. copying the cases table inside DuckDB (what storing one row per case costs at the least),
// each opening the database as a CLI command does; then 3, 5 and 6 again with a connection held open for the
// whole run, as `fts serve` holds one (the database stays loaded, so only the queries are timed).
using System.Diagnostics;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.Sla;
using JuniperFts.Bench.Sla;
using NodaTime;

var cases = Arg("--cases", 1_000_000);
var runs = Arg("--runs", 3);
// An existing --db is reused as it is and kept (to compare two builds on the same data); otherwise a temp file.
var keep = ArgText("--db") is { } given && File.Exists(given);
var db = ArgText("--db") ?? Path.Combine(Path.GetTempPath(), $"fts-bench-sla-{Guid.NewGuid():N}.duckdb");

var warehouse = Warehouse.Open(db);
if (!keep)
{
    var sw = Stopwatch.StartNew();
    Generator.Fill(warehouse, cases);
    Console.WriteLine($"generated {cases:N0} cases in {sw.Elapsed.TotalSeconds:F1} s ({db})");
}

var reference = ReferenceData.BuiltIn;
var asOf = Instant.FromUtc(2027, 1, 1, 0, 0);
string[] by = ["priority", "region", "window"];
var queries = new SlaQueries(warehouse, reference);

var full = Measure("evaluate all + summary", () => { SlaRefresh.RunAll(warehouse, reference); queries.Summary(asOf, by, new SlaFilter()); });
if (ArgText("--dump") is { } dump)
{
    using var c = warehouse.Connect();
    c.Execute($"COPY (SELECT * FROM sla_evaluations ORDER BY case_number) TO '{dump.Replace("'", "''")}' (HEADER, DELIMITER ',')");
    Console.WriteLine($"wrote the evaluations to {dump}");
}
var perRequest = Measure("refresh (nothing changed) + summary", () => { SlaRefresh.Run(warehouse, reference); queries.Summary(asOf, by, new SlaFilter()); });
long batch;
using (var c = warehouse.Connect())
    batch = c.Scalar<long>("SELECT coalesce(max(batch_id), 0) + 1 FROM case_events");
var changed = Measure("refresh after 1% changed + summary", () =>
{
    // A later batch: a priority change on every 100th case, so the refresh re-evaluates 1% of them.
    using (var c = warehouse.Connect())
        c.Execute($"""
            INSERT INTO case_events SELECT case_number, created_at + to_microseconds({batch}), 'priority_changed', 'P1', {batch}
            FROM cases WHERE hash(case_number) % 100 = 0
            """);
    batch++;
    SlaRefresh.Run(warehouse, reference);
    queries.Summary(asOf, by, new SlaFilter());
});
var summary = Measure("summary from stored evaluations", () => queries.Summary(asOf, by, new SlaFilter()));
var withResolution = Measure("summary with resolution median and p90", () => queries.Summary(asOf, by, new SlaFilter(), withResolution: true));
var incremental = Measure("incremental refresh, nothing changed", () => SlaRefresh.Run(warehouse, reference));
var baseline = Measure("plain DuckDB GROUP BY over cases", GroupBy);
var copy = Measure("copy cases into a new table (write floor)", () =>
{
    using var c = warehouse.Connect();
    c.Execute("CREATE OR REPLACE TABLE bench_copy AS SELECT * FROM cases; DROP TABLE bench_copy");
});

// As `fts serve` runs: one connection held for the life of the process keeps the database loaded.
double warmBaseline, warmPerRequest, warmSummary;
using (warehouse.Connect())
{
    Console.WriteLine("-- with a connection held open (as fts serve) --");
    warmBaseline = Measure("plain DuckDB GROUP BY over cases", GroupBy);
    warmPerRequest = Measure("refresh (nothing changed) + summary", () => { SlaRefresh.Run(warehouse, reference); queries.Summary(asOf, by, new SlaFilter()); });
    warmSummary = Measure("summary from stored evaluations", () => queries.Summary(asOf, by, new SlaFilter()));
}

Console.WriteLine();
Console.WriteLine($"ratio copy cases / GROUP BY:             {copy / baseline:F1}x");
Console.WriteLine($"ratio evaluate all + summary / GROUP BY: {full / baseline:F1}x");
Console.WriteLine($"ratio refresh + summary / GROUP BY:      {perRequest / baseline:F1}x   (held open: {warmPerRequest / warmBaseline:F1}x)");
Console.WriteLine($"ratio 1% changed + summary / GROUP BY:   {changed / baseline:F1}x");
Console.WriteLine($"ratio summary from stored / GROUP BY:    {summary / baseline:F1}x   (held open: {warmSummary / warmBaseline:F1}x)");
Console.WriteLine($"ratio summary + resolution / GROUP BY:   {withResolution / baseline:F1}x");
Console.WriteLine($"ratio no-change refresh / GROUP BY:      {incremental / baseline:F1}x");
if (ArgText("--db") is null) File.Delete(db);
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

void GroupBy()
{
    using var c = warehouse.Connect();
    c.Query("""
        SELECT priority, count(*) AS cases, count(first_response_at) AS answered,
               avg(epoch(first_response_at) - epoch(created_at)) AS mean_response
        FROM cases GROUP BY priority ORDER BY priority
        """, _ => 0);
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
