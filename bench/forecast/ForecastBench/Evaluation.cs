using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Ingest;
using JuniperFts.Ingest.Sample;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Bench.Forecast;

/// <summary>
/// Rolling-origin evaluation: several estates, five origins each (the first with one year of history), 13 weeks
/// ahead, at region and region × platform level; fts against R's forecast package and the true rate.
/// </summary>
internal static class Evaluation
{
    private const int Horizon = 13;

    /// <summary>
    /// The estates. A and sample-77 were looked at while the forecaster was changed; B and C were written before
    /// and only run for the final figures (shapes not tuned on).
    /// </summary>
    private static readonly (string Name, Shape? Shape, bool Tuned)[] Estates =
    [
        ("A", new Shape("A", 2026, new IsoWeek(2023, 1), 169), true),
        ("sample-77", null, true),
        ("B", new Shape("B", 4242, new IsoWeek(2023, 1), 160, SitesScale: 0.6, Growth: 0.05, Amplitude: 0.25, PeakWeek: 40,
            ChristmasFactor: 0.6, SummerFactor: 0.85, QuarterEndFactor: 1.0, NewPlatformWeek: 90, WeeklyNoise: 0.05), false),
        ("C", new Shape("C", 99, new IsoWeek(2024, 1), 130, SitesScale: 1.5, Growth: 0.35, Amplitude: 0.08, PeakWeek: 10,
            ChristmasFactor: 0.35, SummerFactor: 0.5, QuarterEndFactor: 1.35, ShiftWeek: 95, ShiftFactor: 1.25, RateScale: 0.7), false),
        // Small and noisy, as the estates of the issue that asked for this evaluation were (their true rate erred 0.71 of
        // seasonal naive's); added after the model was settled and not tuned on.
        ("D", new Shape("D", 31337, new IsoWeek(2023, 14), 150, SitesScale: 0.3, Growth: 0.12, Amplitude: 0.18, PeakWeek: 30,
            ChristmasFactor: 0.55, SummerFactor: 0.75, QuarterEndFactor: 1.1, ShiftWeek: 110, ShiftFactor: 0.85, WeeklyNoise: 0.03), false),
        // Seasonal events at weeks no calendar feature knows (a fiscal peak, a yearly release lull) and none of the usual
        // ones: what a model with calendar weeks for year end, quarter end and summer loses when those are not what moves
        // the cases. Looked at only to check that.
        ("E", new Shape("E", 5150, new IsoWeek(2023, 1), 160, Amplitude: 0.1, PeakWeek: 40, ChristmasFactor: 1, SummerFactor: 1,
            QuarterEndFactor: 1, WeeklyNoise: 0.03, OtherEvents: [(5, 8, 0.7), (22, 23, 1.35), (44, 44, 1.25)]), false),
    ];

    /// <summary>
    /// Run only when named (<c>--estates A20</c>): shape A with twenty times the cases, a large vendor's volume, where Poisson
    /// noise is small and the model's own bias shows. Its errors would outweigh the others' in the overall totals.
    /// </summary>
    private static readonly (string Name, Shape? Shape, bool Tuned)[] OnRequest =
    [
        ("A20", new Shape("A20", 2026, new IsoWeek(2023, 1), 169, RateScale: 20), false),
    ];

    /// <summary>
    /// <c>--random N</c>: N estates whose shapes are drawn from wide ranges (size, growth, season, events, noise, start),
    /// named R1…RN, each from its own seed, reported in a group of their own. R1–R12 were looked at while units as
    /// exposure, no trend in year one and the calendar weeks were chosen; R13 on were not, so their figures say what
    /// estates nobody has seen get.
    /// </summary>
    private static IEnumerable<(string Name, Shape? Shape, bool Tuned)> RandomEstates(int count) =>
        Enumerable.Range(1, count).Select(k =>
        {
            var random = new Random(7919 * k);
            double Between(double low, double high) => low + (high - low) * random.NextDouble();
            var weeks = random.Next(110, 171);
            var shape = new Shape($"R{k}", 1000 + k, new IsoWeek(random.Next(2022, 2025), random.Next(1, 53)), weeks,
                SitesScale: Between(0.25, 1.5), Growth: Between(0, 0.4), Amplitude: Between(0.03, 0.3), PeakWeek: random.Next(1, 53),
                ChristmasFactor: Between(0.35, 0.85), SummerFactor: Between(0.5, 1), QuarterEndFactor: Between(1, 1.35),
                NewPlatformWeek: random.NextDouble() < 0.3 ? random.Next(60, weeks - 20) : null,
                ShiftWeek: random.NextDouble() < 0.3 ? random.Next(60, weeks - 10) : null, ShiftFactor: Between(0.8, 1.25),
                WeeklyNoise: Between(0, 0.08), RateScale: Between(0.5, 1.2));
            return ($"R{k}", (Shape?)shape, false);
        });

    private sealed record Forecast(double Mean, double Low, double High);

    /// <summary>One held-out week of one series at one origin, with every method's forecast.</summary>
    private sealed record Observation(string Estate, int Origin, bool FirstOrigin, string Level, string Id, int Step, IsoWeek Week, double Actual, double? Truth,
        Dictionary<string, Forecast> Methods);

    public static int Run(string[] args)
    {
        var folder = Path.GetFullPath(Value(args, "--out") ?? Path.Combine(Path.GetTempPath(), "fts-forecast-eval"));
        var only = Value(args, "--estates")?.Split(',');
        var skipR = args.Contains("--no-r");
        var settings = new ModelSettings();
        if (Value(args, "--l2") is { } l2) settings = settings with { Regularization = double.Parse(l2, CultureInfo.InvariantCulture) };
        Directory.CreateDirectory(folder);
        var observations = new List<Observation>();
        var rInput = new StringBuilder();
        var clock = Stopwatch.StartNew();
        double ftsSeconds = 0;
        var random = Value(args, "--random") is { } n ? RandomEstates(int.Parse(n, CultureInfo.InvariantCulture)).ToList() : [];
        var estates = only is null ? Estates : Estates.Concat(OnRequest).Where(e => only.Contains(e.Name));
        foreach (var (name, shape, tuned) in estates.Concat(random))
        {
            var estateClock = Stopwatch.StartNew();
            var dbPath = Path.Combine(folder, name + ".duckdb");
            var generatedNow = !File.Exists(dbPath);
            var warehouse = Warehouse.Open(dbPath);
            IReadOnlyDictionary<(string, string), double[]>? truth = null;
            if (shape is not null)
            {
                // The true rate is cheap to regenerate; the cases are only written into a new database.
                if (generatedNow) truth = Estate.Generate(warehouse, shape).TrueRate;
                else
                {
                    var scratch = Warehouse.Open(Path.Combine(folder, "scratch.duckdb"));
                    truth = Estate.Generate(scratch, shape).TrueRate;
                }
                File.Delete(Path.Combine(folder, "scratch.duckdb"));
            }
            else if (generatedNow)
            {
                var drop = Path.Combine(folder, name + "-drop");
                SampleDropFolder.Write(drop, new SampleOptions(60_000, 77) { BadRows = false });
                new DropFolderIngest(warehouse, ReferenceData.BuiltIn, SystemClock.Instance).Run(drop);
            }
            var end = WorkloadHistoryQuery.LatestCaseCreated(warehouse)!.Value;
            var full = WorkloadHistoryQuery.Load(warehouse, ReferenceData.BuiltIn, end, 1);
            var weeks = full.Weeks.Count;
            var origins = Enumerable.Range(0, 5).Select(k => 52 + (int)Math.Round(k * (weeks - Horizon - 52) / 4.0)).ToList();
            var truthFirst = shape?.First;
            Console.WriteLine($"estate {name}{(tuned ? "" : " (not tuned on)")}: {full.Series.Count} series, {weeks} weeks {full.Weeks[0]}..{full.Weeks[^1]}, " +
                              $"{full.Series.Sum(s => s.Cases.Sum()):N0} cases; origins {string.Join(", ", origins.Select(o => full.Weeks[o]))}");
            // A drawn shape is printed whole: nobody has read it elsewhere.
            if (IsDrawn(name)) Console.WriteLine("  " + Regex.Replace(shape!.ToString(), @"(\d+\.\d{2})\d+", "$1"));

            var chosen = new List<string>();
            foreach (var origin in origins)
            {
                var fts = Stopwatch.StartNew();
                var options = new ForecastOptions { Horizon = Horizon, Model = settings, ModelFolder = Path.Combine(folder, "model-" + name), Training = ModelTraining.Always };
                var result = WorkloadForecaster.Run(warehouse, options, full.Weeks[origin].Start);
                ftsSeconds += fts.Elapsed.TotalSeconds;
                chosen.Add(result.Method.Code());
                if (result.History.Weeks[^1] != full.Weeks[origin - 1]) throw new InvalidOperationException("history does not end before the origin");
                var offset = full.Weeks.ToList().IndexOf(result.History.Weeks[0]);
                // The model on its own, whatever the back-test chose (trained on the same weeks).
                var own = CaseModel.Train(result.History, result.History.Weeks.Count, settings);
                var modelOnly = result.History.Series.Select((_, i) => own?.Forecast(i, Horizon) ?? new double[Horizon]).ToList();
                var knownForm = shape is null ? null : KnownForm.Forecast(result.History, shape);

                void Add(string level, string region, string? platform, double[] history, Func<int, Forecast> ftsAt, Func<int, double> modelAt, Func<int, double>? knownAt)
                {
                    var id = $"{name}|{origin}|{region}|{platform ?? "*"}";
                    rInput.Append(id).Append('\t').Append(level).Append('\t').Append(Horizon).Append('\t')
                        .AppendJoin(' ', history.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append('\n');
                    var seasonal = Baselines.SeasonalNaive(history, Horizon);
                    var actual = platform is null ? full.RegionTotal(region) : full.Series.Single(s => s.Region == region && s.Platform == platform).Cases.ToArray();
                    for (var h = 0; h < Horizon; h++)
                    {
                        var t = origin + h;
                        double? truthValue = truth is null ? null : TruthAt(truth, region, platform, full.Weeks[t], truthFirst!.Value);
                        observations.Add(new Observation(name, origin, origin == origins[0], level, id, h + 1, full.Weeks[t], actual[t], truthValue,
                            new Dictionary<string, Forecast> { ["fts"] = ftsAt(h), ["fts_model"] = new(modelAt(h), double.NaN, double.NaN), ["seasonal_naive"] = new(seasonal[h], double.NaN, double.NaN) }));
                        if (knownAt is not null) observations[^1].Methods["known_form"] = new(knownAt(h), double.NaN, double.NaN);
                    }
                }

                foreach (var region in result.History.Regions)
                {
                    var history = new double[origin];
                    result.History.RegionTotal(region).CopyTo(history, offset);
                    Add("region", region, null, history, h =>
                    {
                        var r = result.Regions.Single(x => x.Week == full.Weeks[origin + h] && x.Region == region);
                        return new Forecast(r.Cases, r.Low, r.High);
                    }, h => result.History.SeriesIn(region).Sum(i => modelOnly[i][h]),
                        knownForm is null ? null : h => result.History.SeriesIn(region).Sum(i => knownForm[i][h]));
                }
                for (var i = 0; i < result.History.Series.Count; i++)
                {
                    var s = result.History.Series[i];
                    var index = i;
                    var history = new double[origin];
                    s.Cases.ToArray().CopyTo(history, offset);
                    Add("region x platform", s.Region, s.Platform, history, h =>
                    {
                        var r = result.Rows.Single(x => x.Week == full.Weeks[origin + h] && x.Region == s.Region && x.Platform == s.Platform);
                        return new Forecast(r.Cases, r.Low, r.High);
                    }, h => modelOnly[index][h], knownForm is null ? null : h => knownForm[index][h]);
                }
            }
            Console.WriteLine($"  fts chose {string.Join(", ", chosen)}; {estateClock.Elapsed.TotalSeconds:0} s (data {(generatedNow ? "generated" : "reused")})");
        }
        Console.WriteLine($"fts forecast runs: {ftsSeconds:0} s in total");

        var r = RunR(folder, rInput.ToString(), skipR);
        foreach (var o in observations)
            if (r.TryGetValue(o.Id, out var methods))
                foreach (var (method, steps) in methods)
                    o.Methods[method] = steps[o.Step - 1];
        if (args.Contains("--debug"))
            foreach (var o in observations.Where(o => o.Level == "region"))
                Console.WriteLine($"{o.Id} {o.Step,2} actual {o.Actual,6:0} model {o.Methods["fts_model"].Mean,7:0.0} snaive {o.Methods["seasonal_naive"].Mean,6:0} truth {o.Truth,7:0.0} known {MeanOf(o, "known_form"),7:0.0} week {o.Week}");
        Report(observations);
        Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static double TruthAt(IReadOnlyDictionary<(string, string), double[]> truth, string region, string? platform, IsoWeek week, IsoWeek first)
    {
        var index = 0;
        while (first.Plus(index) != week) index++;
        return truth.Where(kv => kv.Key.Item1 == region && (platform is null || kv.Key.Item2 == platform)).Sum(kv => kv.Value[index]);
    }

    /// <summary>
    /// R's forecasts per series id and method (one per step). Cached per estate by a hash of that estate's input, so adding
    /// an estate or leaving one out does not run R again on the others.
    /// </summary>
    private static Dictionary<string, Dictionary<string, Forecast[]>> RunR(string folder, string input, bool skip)
    {
        var result = new Dictionary<string, Dictionary<string, Forecast[]>>();
        var byEstate = input.Split('\n', StringSplitOptions.RemoveEmptyEntries).GroupBy(line => line[..line.IndexOf('|')]);
        foreach (var estate in byEstate)
            if (RunR(folder, string.Concat(estate.Select(line => line + "\n")), skip, estate.Key) is { } output)
                Read(output, result);
        return result;
    }

    private static string? RunR(string folder, string input, bool skip, string estate)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..16];
        var output = Path.Combine(folder, $"r-{hash}.csv");
        if (!File.Exists(output))
        {
            if (skip)
            {
                Console.WriteLine($"R skipped for {estate} (--no-r) and no cached result for its input");
                return null;
            }
            var inputPath = Path.Combine(folder, $"r-{hash}.tsv");
            File.WriteAllText(inputPath, input);
            var script = Path.Combine(AppContext.BaseDirectory, "r-methods.R");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(new ProcessStartInfo("Rscript", [script, inputPath, output + ".tmp"]) { RedirectStandardError = true })!;
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"Rscript failed: {errors}");
            File.Move(output + ".tmp", output);
            var fallbacks = errors.Split('\n').Count(l => l.Contains("seasonal naive instead"));
            Console.WriteLine($"R forecast package for {estate}: {clock.Elapsed.TotalSeconds:0} s; {fallbacks} fits failed and used seasonal naive (see {output}.log)");
            File.WriteAllText(output + ".log", errors);
        }
        else Console.WriteLine($"R forecasts for {estate} reused from {output}");
        return output;
    }

    private static void Read(string output, Dictionary<string, Dictionary<string, Forecast[]>> result)
    {
        foreach (var line in File.ReadLines(output).Skip(1))
        {
            var p = line.Split(',');
            var methods = result.TryGetValue(p[0], out var m) ? m : result[p[0]] = [];
            var steps = methods.TryGetValue(p[1], out var s) ? s : methods[p[1]] = new Forecast[Horizon];
            steps[int.Parse(p[2], CultureInfo.InvariantCulture) - 1] = new Forecast(D(p[3]), D(p[4]), D(p[5]));
        }

        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }

    private static readonly string[] Order = ["fts", "fts_model", "true_rate", "known_form", "seasonal_naive", "arima_fourier", "tbats", "stlf", "ets", "thetaf"];

    private static readonly string[] Partial = ["true_rate", "known_form"];

    /// <summary>Columns that are not R's methods (R's snaive stands in for seasonal naive in the interval table).</summary>
    private static readonly string[] Ours = ["fts", "fts_model", "true_rate", "known_form", "seasonal_naive"];

    private static double? MeanOf(Observation o, string method) =>
        method == "true_rate" ? o.Truth : o.Methods.TryGetValue(method, out var f) ? f.Mean : null;

    private static void Report(List<Observation> observations)
    {
        foreach (var level in new[] { "region", "region x platform" })
        {
            var rows = observations.Where(o => o.Level == level).ToList();
            // The true rate and the known form exist only for generated estates: each is scored on the rows that have it.
            var methods = Order.Where(m => Partial.Contains(m) ? rows.Any(o => MeanOf(o, m) is not null) : rows.All(o => o.Methods.ContainsKey(m))).ToList();
            Console.WriteLine();
            Console.WriteLine($"== {level}: total absolute error / seasonal naive's (13 weeks after each origin) ==");
            Console.WriteLine($"{"estate",-22}" + string.Concat(methods.Select(m => $"{m,15}")));
            var groups = rows.GroupBy(o => o.Estate).Select(g => (g.Key, g.ToList())).ToList();
            groups.Add(("overall", rows));
            if (rows.Any(o => o.Truth is null) && rows.Any(o => o.Truth is not null))
                groups.Add(("estates with true rate", rows.Where(o => o.Truth is not null).ToList()));
            groups.Add(("first origin (1 year)", rows.Where(o => o.FirstOrigin).ToList()));
            var drawn = rows.Where(o => IsDrawn(o.Estate)).ToList();
            if (drawn.Count > 0 && drawn.Count < rows.Count)
                groups.AddRange([("drawn estates (R…)", drawn), ("other estates", rows.Where(o => !IsDrawn(o.Estate)).ToList())]);
            // R13 on were never looked at while the model was chosen (RandomEstates).
            var unseen = drawn.Where(o => DrawnNumber(o.Estate) > 12).ToList();
            if (unseen.Count > 0 && unseen.Count < drawn.Count)
                groups.AddRange([("drawn R1-R12", drawn.Where(o => DrawnNumber(o.Estate) <= 12).ToList()), ("drawn R13 on (unseen)", unseen)]);
            foreach (var (estate, list) in groups)
            {
                Console.WriteLine($"{estate,-22}" + string.Concat(methods.Select(m =>
                {
                    var scored = list.Where(o => MeanOf(o, m) is not null).ToList();
                    if (scored.Count == 0) return $"{"-",15}";
                    var baseline = scored.Sum(o => Math.Abs(o.Actual - o.Methods["seasonal_naive"].Mean));
                    return $"{scored.Sum(o => Math.Abs(o.Actual - MeanOf(o, m)!.Value)) / baseline,15:0.000}";
                })));
            }
            var intervalMethods = new[] { "fts", "snaive" }.Concat(methods.Where(m => !Ours.Contains(m))).Where(m => rows.All(o => o.Methods.ContainsKey(m))).ToList();
            Console.WriteLine($"-- {level}: share of held-out weeks inside the 80 % interval --");
            Console.WriteLine($"{"estate",-22}" + string.Concat(intervalMethods.Select(m => $"{m,15}")));
            foreach (var (estate, list) in groups)
                Console.WriteLine($"{estate,-22}" + string.Concat(intervalMethods.Select(m =>
                {
                    // R's snaive and stlf give no interval (NaN) on a single year.
                    var stated = list.Where(o => !double.IsNaN(o.Methods[m].Low) && !double.IsNaN(o.Methods[m].High)).ToList();
                    return stated.Count == 0 ? $"{"-",15}" : $"{stated.Count(o => o.Methods[m].Low <= o.Actual && o.Actual <= o.Methods[m].High) / (double)stated.Count,15:0.0%}";
                })));
        }
    }

    private static bool IsDrawn(string estate) => DrawnNumber(estate) is not null;

    /// <summary>N of a drawn estate RN (<see cref="RandomEstates"/>); null for any other.</summary>
    private static int? DrawnNumber(string estate) =>
        estate.StartsWith('R') && int.TryParse(estate.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
