using System.Globalization;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Tests.Workload;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Reports.Charts;
using JuniperFts.Store;
using ScottPlot;

namespace JuniperFts.Bench.Staffing;

/// <summary>
/// Does the plan deliver what it claims? Simulates every queue of a 13-week plan (<see cref="PlanSimulator"/>), both the
/// plan by Erlang C on the offered load and the stationary plan it replaced (Erlang C on each hour's arrivals × handling),
/// and checks every row against Erlang C on its own <c>offered_load</c> and the load against one recomputed from the rows.
/// </summary>
public static class Evaluation
{
    private const double Points = 0.02;

    public static int Run(string db, int replications, string? chart)
    {
        var warehouse = Warehouse.Open(db);
        var options = new ForecastOptions { Horizon = 13, Reference = ReferenceData.BuiltIn };
        var asOf = WorkloadHistoryQuery.LatestCaseCreated(warehouse) ?? throw new InvalidOperationException("no cases");
        var forecast = WorkloadForecaster.Run(warehouse, options, asOf);
        var rows = ShiftStaffingPlanner.Plan(warehouse, forecast, options);
        var weeks = IsoWeek.Range(rows.Min(r => r.Week), rows.Max(r => r.Week));
        var goal = options.Staffing.ServiceLevelGoal;
        Console.WriteLine($"{db}: as of {asOf}, weeks {weeks[0]}–{weeks[^1]}, {rows.Count:N0} rows, {rows.Sum(r => r.Arrivals):N1} cases, "
            + $"goal {goal:P0}, {replications} replications");

        var (rowErrors, loadErrors) = Recomputed(rows, weeks);
        Console.WriteLine($"rows whose engineers_raw, service_level or occupancy differ from Erlang C on their own offered_load: {rowErrors}");
        Console.WriteLine($"rows whose offered_load differs by more than 0.0001 from the load recomputed from the rows' arrivals: {loadErrors}");

        var plans = new[] { ("offered load", new Totals()), ("stationary", new Totals()) };
        var seed = 0;
        foreach (var queue in rows.GroupBy(r => (r.Centre, r.Priority)).OrderBy(q => q.Key.Centre, StringComparer.Ordinal).ThenBy(q => q.Key.Priority))
        {
            var all = queue.ToList();
            var need = all.ToDictionary(r => (r.Week, r.Hour), r => r.EngineersRaw); // Erlang C on the infinite-server load
            var withArrivals = all.Where(r => r.Arrivals > 0).ToList();
            seed++;
            Judge(plans[0].Item2, queue.Key, all, PlanSimulator.FromRows(all, weeks, r => r.EngineersRaw));
            Judge(plans[1].Item2, queue.Key, withArrivals, PlanSimulator.FromRows(withArrivals, weeks, Stationary));

            void Judge(Totals totals, (string, Priority) key, List<ShiftStaffing> planned, PlanSimulator.Timeline timeline)
            {
                var outcome = PlanSimulator.Run(timeline, replications, seed);
                var (shortfall, arrivals) = PlanSimulator.ArrivalsInHoursShort(timeline, outcome, goal, Points);
                totals.Short += shortfall;
                totals.Expected += arrivals;
                var (cases, simulated) = PlanSimulator.CasesInHoursShort(outcome, goal, Points);
                totals.CasesShort += cases;
                totals.Within += outcome.WithinTarget.Sum();
                totals.Simulated += simulated;
                totals.Queues.Add((key, outcome.ServiceLevel));
                for (var t = 0; t < outcome.Level.Length; t++)
                    if (timeline.Arrivals[t + HourOfWeek.Count] > 0)
                        totals.Hours.Add((key, t, timeline.Arrivals[t + HourOfWeek.Count], timeline.Engineers[t + HourOfWeek.Count], outcome.HourLevel(t)));
                foreach (var r in planned)
                {
                    var engineers = timeline.Engineers[(weeks[0].WeeksUntil(r.Week) + 1) * HourOfWeek.Count + r.Hour.Index];
                    if (engineers >= need[(r.Week, r.Hour)] + 2) totals.Over += (double)r.Arrivals;
                    totals.EngineerHours += engineers;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("| plan | queues at goal | lowest queue | arrivals in hours > 2 points below goal | the same judged by the few simulated cases of each hour | arrivals in hours 2+ engineers above Erlang C on the load | engineer-hours |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, t) in plans)
        {
            var lowest = t.Queues.MinBy(q => q.Level);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {t.Queues.Count(q => q.Level >= goal)} of {t.Queues.Count} | {lowest.Key.Item1} {lowest.Key.Item2.Code()} {lowest.Level:P2} | "
                + $"{t.Short / t.Expected:P3} | {(double)t.CasesShort / t.Simulated:P3} | {t.Over / t.Expected:P3} | {t.EngineerHours:N0} |"));
        }
        foreach (var (name, t) in plans)
        {
            // The two measures of the same runs must agree over the whole plan: the instants' measure is the cases' without their noise.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: all queues together {t.Within / Math.Max(1, t.Simulated):P2} of the simulated cases answered in time, "
                + $"{t.Hours.Sum(h => h.Arrivals * h.Level) / t.Hours.Sum(h => h.Arrivals):P2} by the hours' instants; the hours furthest below the goal:"));
            foreach (var h in t.Hours.OrderBy(h => h.Level).Take(8))
                Console.WriteLine($"  {h.Key.Centre} {h.Key.Priority.Code()} {weeks[h.Hour / HourOfWeek.Count]} {new HourOfWeek(h.Hour % HourOfWeek.Count)}: "
                    + $"{h.Arrivals:0.####} cases, {h.Engineers} engineers, {h.Level:P2}");
        }

        if (chart is not null)
        {
            File.WriteAllBytes(chart, Monday(rows, weeks[0]));
            Console.WriteLine($"chart: {chart}");
        }
        return 0;
    }

    private sealed class Totals
    {
        public double Short;
        public double Expected;
        public long CasesShort;
        public double Within;
        public long Simulated;
        public double Over;
        public long EngineerHours;
        public List<((string, Priority) Key, double Level)> Queues { get; } = [];
        public List<((string Centre, Priority Priority) Key, int Hour, double Arrivals, int Engineers, double Level)> Hours { get; } = [];
    }

    /// <summary>The method replaced: each hour on its own, Erlang C on its arrivals × handling.</summary>
    private static int Stationary(ShiftStaffing r) =>
        ErlangC.EngineersFor(ErlangC.Load((double)r.Arrivals, r.HandlingMinutes), r.TargetMinutes, r.HandlingMinutes, r.ServiceLevelGoal).Engineers;

    /// <summary>
    /// Rows that Erlang C on their own <c>offered_load</c> does not reproduce, and loads that the rows' arrivals do not:
    /// recomputed as docs/forecast.md tells a reader to, from the rows alone (an hour without a row holds the work in
    /// hand; the first week played over until its load repeats).
    /// </summary>
    private static (int Rows, int Loads) Recomputed(IReadOnlyList<ShiftStaffing> rows, IReadOnlyList<IsoWeek> weeks)
    {
        var rowErrors = rows.Count(r =>
        {
            var load = (double)r.OfferedLoad;
            var (raw, level) = ErlangC.EngineersFor(load, r.TargetMinutes, r.HandlingMinutes, r.ServiceLevelGoal);
            return raw != r.EngineersRaw || Math.Abs(level - r.ServiceLevel) > 1e-12 || Math.Abs(load / raw - r.Occupancy) > 1e-12;
        });
        var loadErrors = 0;
        foreach (var queue in rows.GroupBy(r => (r.Centre, r.Priority)))
        {
            var byHour = queue.ToDictionary(r => (weeks[0].WeeksUntil(r.Week), r.Hour.Index));
            var handling = queue.First().HandlingMinutes / 60;
            double Week(int w, double load, Action<ShiftStaffing, double>? each)
            {
                for (var h = 0; h < HourOfWeek.Count; h++)
                    if (byHour.TryGetValue((w, h), out var r))
                    {
                        (var average, load) = OfferedLoad.Hour(load, (double)r.Arrivals, handling);
                        each?.Invoke(r, average);
                    }
                return load;
            }
            var start = 0.0;
            for (var i = 0; i < 200; i++) start = Week(0, start, null);
            for (var w = 0; w < weeks.Count; w++)
                start = Week(w, start, (r, average) => { if (Math.Abs(average - (double)r.OfferedLoad) > 0.0001) loadErrors++; });
        }
        return (rowErrors, loadErrors);
    }

    /// <summary>Herndon P2 on the plan's first Monday (the busiest queue's when Herndon has none): load and engineers hour by hour.</summary>
    private static byte[] Monday(IReadOnlyList<ShiftStaffing> rows, IsoWeek week)
    {
        var queue = rows.Where(r => r.Centre == "HERNDON" && r.Priority == Priority.P2).ToList();
        if (queue.Count == 0)
            queue = rows.GroupBy(r => (r.Centre, r.Priority)).MaxBy(g => g.Sum(r => r.Arrivals))!.ToList();
        var monday = Enumerable.Range(0, 24).Select(h => queue.FirstOrDefault(r => r.Week == week && r.Hour.Index == h)).ToList();
        // Loads are hour averages, drawn at the middle of their hour; engineers hold for the whole hour, drawn as steps.
        var middle = Enumerable.Range(0, 24).Select(h => h + 0.5).ToArray();
        var edges = Enumerable.Range(0, 25).Select(h => (double)h).ToArray();
        double[] Steps(IEnumerable<double> values) { var v = values.ToList(); return [.. v, v[^1]]; }
        var naive = monday.Select(r => r is null ? 0 : ErlangC.Load((double)r.Arrivals, r.HandlingMinutes)).ToArray();
        var load = monday.Select(r => r is null ? 0 : (double)r.OfferedLoad).ToArray();
        var engineers = Steps(monday.Select(r => r is null ? 0.0 : r.EngineersRaw));
        var stationary = Steps(monday.Select(r => r is null || r.Arrivals == 0 ? 0.0 : Stationary(r)));

        for (var h = 0; h < 24; h++)
            if (monday[h] is { } row)
                Console.WriteLine($"  {row.Centre} {row.Priority.Code()} Mon {h:00}:00: {row.Arrivals} cases, arrivals × handling {naive[h]:0.00}, offered load {row.OfferedLoad}, "
                    + $"engineers {row.EngineersRaw} (stationary {stationary[h]})");
        ChartFonts.Register();
        var plot = new Plot();
        void Line(double[] x, double[] y, string color, string legend, bool step, LinePattern pattern)
        {
            var line = plot.Add.ScatterLine(x, y);
            line.Color = Color.FromHex(color);
            line.LineWidth = 2.5f;
            line.LinePattern = pattern;
            line.ConnectStyle = step ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
            line.LegendText = legend;
        }
        Line(middle, naive, ChartPng.Palette[2], "arrivals × handling (the hour on its own)", false, LinePattern.Dashed);
        Line(middle, load, ChartPng.Palette[0], "offered load (cases in service, Erlangs)", false, LinePattern.Solid);
        Line(edges, stationary, ChartPng.Palette[4], "engineers, Erlang C on arrivals × handling (before)", true, LinePattern.Dashed);
        Line(edges, engineers, ChartPng.Palette[1], "engineers, Erlang C on the offered load (now)", true, LinePattern.Solid);
        var r0 = queue[0];
        plot.Title($"{r0.Centre} {r0.Priority.Code()}, Monday of {week}: {monday.Sum(r => r?.Arrivals ?? 0):0.#} cases, {r0.HandlingMinutes / 60:0.#} h handling, {r0.TargetMinutes:0} min target");
        plot.XLabel("local time");
        plot.YLabel("Erlangs / engineers on shift");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, 9).Select(i => i * 3.0).ToArray(), Enumerable.Range(0, 9).Select(i => $"{i * 3:00}:00").ToArray());
        plot.Axes.SetLimits(0, 24, 0, new[] { naive.Max(), load.Max(), engineers.Max(), stationary.Max() }.Max() * 1.25 + 0.5);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(1200, 600, ImageFormat.Png);
    }
}
