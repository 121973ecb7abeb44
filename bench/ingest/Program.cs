using System.Diagnostics;
using JuniperFts.Ingest.Files;
using JuniperFts.Store;

// IngestBench copy DATA DB: loads the nine CSVs of DATA into a fresh warehouse at DB with DuckDB's own
// COPY ... FROM: no checks, no quarantine, no merge. The yardstick `fts ingest` is measured against.
if (args is not ["copy", var data, var db])
{
    Console.Error.WriteLine("usage: IngestBench copy DATA_FOLDER DATABASE");
    return 2;
}

var clock = Stopwatch.StartNew();
var warehouse = Warehouse.Open(db);
using var connection = warehouse.Connect();
foreach (var file in InputFiles.All)
{
    var path = Path.Combine(Path.GetFullPath(data), file.Name + ".csv");
    if (!File.Exists(path)) continue;
    var columns = string.Join(", ", file.Columns.Select(c => "\"" + c.Name + "\""));
    // Same table, same keys; batch_id gets a default because a CSV has no such column.
    connection.Execute($"ALTER TABLE {file.Table} ALTER batch_id SET DEFAULT 0");
    var rows = connection.Execute($"COPY {file.Table} ({columns}) FROM '{path.Replace("'", "''")}' (HEADER true)");
    Console.WriteLine($"{file.Name}: {rows} rows");
}
Console.WriteLine($"copy: {clock.Elapsed.TotalSeconds:F2} s");
return 0;
