// Excel workbook benchmark. Step 1 (this program, "generate"): a DuckDB file with N synthetic cases,
// evaluated by SlaRefresh. Step 2 (run.sh): `fts report excel` on it under /usr/bin/time, so the
// figures are those of the real process: wall time and peak resident memory.
// Usage: dotnet run -c Release --project bench/excel/ExcelBench -- generate DB [cases=1000000] [accounts=2000]
//        dotnet run -c Release --project bench/excel/ExcelBench -- write DB QUARTER OUT.xlsx AS-OF   (in-process timing)
using System.Diagnostics;
using System.Globalization;
using JuniperFts.Bench.Excel;
using JuniperFts.Domain.Reference;
using JuniperFts.Store;
using JuniperFts.Reports.Excel;
using JuniperFts.Reports.Sla;
using NodaTime;
using NodaTime.Text;

if (args.Length < 2) { Console.Error.WriteLine("usage: generate DB [cases] [accounts] | write DB QUARTER OUT.xlsx AS-OF"); return 2; }
var clock = Stopwatch.StartNew();
switch (args[0])
{
    case "generate":
    {
        var cases = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var accounts = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
        if (File.Exists(args[1])) File.Delete(args[1]);
        var warehouse = Warehouse.Open(args[1]);
        Dataset.Generate(warehouse, cases, accounts);
        Console.WriteLine($"generated {cases:N0} cases for {accounts:N0} accounts in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var evaluated = SlaRefresh.Run(warehouse, ReferenceData.BuiltIn);
        Console.WriteLine($"SlaRefresh evaluated {evaluated:N0} cases in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
    case "write":
    {
        var warehouse = Warehouse.Open(args[1]);
        var quarter = Quarter.Parse(args[2]);
        var asOf = InstantPattern.ExtendedIso.Parse(args[4]).Value;
        // The two halves of SlaWorkbook.Write, timed apart: the queries and the xlsx.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var model = SlaWorkbookQuery.Build(warehouse, ReferenceData.BuiltIn, quarter, asOf, null, SlaWorkbookOptions.Default, SystemClock.Instance.GetCurrentInstant());
        var queried = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        clock.Restart();
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var file = File.Create(args[3]))
            SlaWorkbookRenderer.Write(model, file);
        var rendered = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"workbook {quarter}: query {queried.Item1.TotalSeconds:0.00} s (cpu {queried.Item2.TotalSeconds:0.00} s), " +
            $"render {rendered.Item1.TotalSeconds:0.00} s (cpu {rendered.Item2.TotalSeconds:0.00} s); {model.Breaches.TotalBreached:N0} breaches, " +
            $"{model.ByAccount.Rows.Count:N0} accounts; {new FileInfo(args[3]).Length / 1024.0:N0} KiB, peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB");
        return 0;
    }
    default:
        Console.Error.WriteLine($"unknown mode {args[0]}");
        return 2;
}
