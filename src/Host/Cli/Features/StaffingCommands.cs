using System.CommandLine;
using JuniperFts.Domain;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Forecast;
using JuniperFts.Forecast.Staffing;
using JuniperFts.Reports.Files;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts staffing</c> command: engineers on shift by Erlang C for the forecast weeks.</summary>
public static class StaffingCommands
{
    /// <summary>Columns of <c>fts staffing --format csv</c>, exactly as cli.md orders them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "support_center", "priority", "iso_week", "local_day", "local_hour", "arrivals", "offered_load", "handling_minutes", "target_minutes",
        "service_level_goal", "engineers_raw", "engineers_scheduled", "service_level", "occupancy",
    ];

    public static IEnumerable<Command> Create(CliContext context)
    {
        var weeks = new Option<int?>("--weeks") { Description = "Forecast weeks to staff after the last complete week (default 13, or Forecast:HorizonWeeks)" };
        var format = CommonOptions.Format("table", "csv", "json");
        var asOf = CommonOptions.AsOf();
        asOf.Description = "History is the ISO weeks that ended by this instant (default: the latest created_at in the data)";

        var staffing = new Command("staffing",
            "Engineers needed on shift by Erlang C on the offered load, per support centre, priority and local hour of the week, for the forecast weeks");
        staffing.Options.Add(weeks);
        staffing.Options.Add(format);
        staffing.Options.Add(asOf);
        staffing.SetAction(pr =>
        {
            var options = context.Settings.Forecast;
            if (pr.GetValue(weeks) is { } w)
                options = options with
                {
                    Horizon = w is >= ForecastOptions.MinHorizon and <= ForecastOptions.MaxHorizon ? w
                        : throw new UserError($"--weeks must be between {ForecastOptions.MinHorizon} and {ForecastOptions.MaxHorizon}, not {w}"),
                };
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            var result = ShiftStaffingPlanner.Run(warehouse, options, pr.GetValue(asOf) ?? ForecastCommands.DefaultAsOf(warehouse));
            var fmt = pr.GetValue(format)!;
            TabularOutput.Write(Rows(result.Hours), fmt, context);
            if (fmt == "table")
            {
                context.Out.WriteLine();
                TabularOutput.Write(WeeklyTotals(result.Hours), fmt, context);
            }
            // stdout stays machine-readable; the forecast's own verdict still reaches the person running it.
            (fmt == "table" ? context.Out : context.Error).WriteLine(result.Forecast.Backtest.Statement);
            return 0;
        });
        return [staffing];
    }

    /// <summary><c>fts run</c>'s <c>staffing.csv</c>, from the forecast the run just made; a setting staffing cannot use skips it with a line.</summary>
    internal static void WriteCsv(FtsRun run, ForecastResult forecast, ForecastOptions options)
    {
        IReadOnlyList<ShiftStaffing> hours;
        try
        {
            hours = ShiftStaffingPlanner.Plan(run.Warehouse, forecast, options);
        }
        catch (UserError e)
        {
            run.Done("staffing", $"skipped ({e.Message})");
            return;
        }
        var csv = Path.Combine(run.OutFolder, "staffing.csv");
        TabularWriter.WriteCsvFile(Rows(hours), csv, "out");
        run.Done("staffing", $"{hours.Count} rows", csv);
    }

    /// <summary>One row per centre × priority × week × local hour with arrivals or offered load, as the CSV contract orders them.</summary>
    public static Tabular Rows(IEnumerable<ShiftStaffing> hours) => new(Columns,
        hours.Select(h => (IReadOnlyList<object?>)
        [
            h.Centre, h.Priority.Code(), h.Week.ToString(), h.Hour.DayName, h.Hour.Hour, h.Arrivals, h.OfferedLoad,
            h.HandlingMinutes, h.TargetMinutes, h.ServiceLevelGoal, h.EngineersRaw, h.EngineersScheduled,
            Four(h.ServiceLevel), Four(h.Occupancy),
        ]).ToList());

    /// <summary>Per centre and week: engineer-hours on shift (priorities summed) and the busiest hour's engineers.</summary>
    private static Tabular WeeklyTotals(IEnumerable<ShiftStaffing> hours) => new(
        ["support_center", "iso_week", "arrivals", "engineer_hours_scheduled", "busiest_hour", "engineers_at_busiest"],
        hours.GroupBy(h => (h.Centre, h.Week))
            .Select(g =>
            {
                var byHour = g.GroupBy(h => h.Hour).Select(x => (Hour: x.Key, Engineers: x.Sum(h => h.EngineersScheduled)))
                    .OrderByDescending(x => x.Engineers).ThenBy(x => x.Hour).First();
                return (IReadOnlyList<object?>)
                [
                    g.Key.Centre, g.Key.Week.ToString(), g.Sum(h => h.Arrivals), g.Sum(h => h.EngineersScheduled),
                    byHour.Hour.ToString(), byHour.Engineers,
                ];
            }).ToList());

    private static decimal Four(double value) => Math.Round((decimal)value, 4, MidpointRounding.AwayFromZero) + 0.0000m;
}
