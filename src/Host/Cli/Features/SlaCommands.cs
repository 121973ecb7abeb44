using System.CommandLine;
using System.CommandLine.Parsing;
using JuniperFts.Domain;
using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Store;
using JuniperFts.Reports.Files;
using JuniperFts.Reports.Sla;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Host.Cli.Features;

/// <summary>The <c>fts sla</c> and <c>fts clock</c> commands, and the SLA step of <c>fts run</c>.</summary>
public static class SlaCommands
{
    /// <summary>Header of <c>fts sla cases --format csv</c> (cli.md, exact).</summary>
    public static IReadOnlyList<string> CaseColumns { get; } =
        ["case_number", "status", "reason", "priority", "window", "region", "support_center", "after_hours", "elapsed_seconds", "target_seconds"];

    /// <summary>What <c>fts sla summary</c> groups by when <c>--by</c> is not given: the leadership view.</summary>
    public static IReadOnlyList<string> DefaultGrouping { get; } = ["priority", "region", "window"];

    public static IEnumerable<Command> Create(CliContext context) => [Sla(context), Clock(context)];

    /// <summary>The steps this feature adds to <c>fts run</c>, in order.</summary>
    public static IEnumerable<IFtsRunStep> Steps => [new SlaReportsStep()];

    /// <summary>Evaluates what changed, then the <c>sla-cases.csv</c> and <c>sla-summary.csv</c> of the latest complete quarter.</summary>
    private sealed class SlaReportsStep : IFtsRunStep
    {
        public string Name => "sla";

        public void Run(FtsRun run)
        {
            var evaluated = SlaRefresh.Run(run.Warehouse, run.Cli.Reference);
            var queries = new SlaQueries(run.Warehouse, run.Cli.Reference);
            // The as-of is the latest instant in the data; the quarter before its own is the latest complete one.
            var filter = new SlaFilter(Quarter.DefaultAt(run.AsOf));
            Directory.CreateDirectory(run.OutFolder);

            var cases = queries.Cases(run.AsOf, filter).ToList();
            var casesPath = Path.Combine(run.OutFolder, "sla-cases.csv");
            TabularWriter.WriteCsvFile(CasesTable(cases), casesPath, "out");

            var summaryPath = Path.Combine(run.OutFolder, "sla-summary.csv");
            TabularWriter.WriteCsvFile(SummaryTable(DefaultGrouping, queries.Summary(run.AsOf, DefaultGrouping, filter), resolution: false), summaryPath, "out");

            // In the enum's order (met, breached, pending, excluded) and the users' words, as the CSV spells them.
            var statuses = cases.CountBy(c => c.Status).OrderBy(s => s.Key).Select(s => $"{s.Value} {s.Key.Code()}");
            run.Done("sla", $"{evaluated} case(s) evaluated; {filter.Quarter}: {cases.Count} case(s) ({string.Join(", ", statuses)})", casesPath, summaryPath);
        }
    }

    /// <summary>One row per case with the columns of cli.md.</summary>
    public static Tabular CasesTable(IEnumerable<SlaCase> cases) => new(CaseColumns,
        cases.Select(c => (IReadOnlyList<object?>)
        [
            c.CaseNumber, c.Status.Code(), c.Reason?.Code(), c.Priority.Code(), c.Window?.Code(), c.Region, c.SupportCenter,
            c.AfterHours, c.ElapsedSeconds, c.TargetSeconds,
        ]).ToList());

    /// <summary>The <c>--by</c> columns, then the counts of cli.md; the resolution statistics after them when asked for.</summary>
    public static Tabular SummaryTable(IReadOnlyList<string> by, IEnumerable<SlaGroup> groups, bool resolution)
    {
        List<string> columns = [.. by, "eligible", "met", "breached", "pending", "attainment_pct"];
        if (resolution) columns.AddRange(["resolution_median_seconds", "resolution_p90_seconds"]);
        return new Tabular(columns, groups.Select(g =>
        {
            List<object?> row = [.. g.Keys, g.Eligible, g.Met, g.Breached, g.Pending, g.AttainmentPct];
            if (resolution) row.AddRange([g.ResolutionMedianSeconds, g.ResolutionP90Seconds]);
            return (IReadOnlyList<object?>)row;
        }).ToList());
    }

    private static Command Sla(CliContext context)
    {
        var sla = new Command("sla", "First-response SLA attainment");
        sla.Subcommands.Add(Cases(context));
        sla.Subcommands.Add(Summary(context));
        sla.Subcommands.Add(Refresh(context));
        sla.Subcommands.Add(Explain(context));
        return sla;
    }

    private static Command Explain(CliContext context)
    {
        var asOf = CommonOptions.AsOf();
        var number = new Argument<string>("case") { Description = "The case number" };
        var command = new Command("explain",
            "One case through the SLA rules step by step, beside the stored evaluation the reports show (exit 1 if they differ)") { number, asOf };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            SlaRefresh.Run(warehouse, context.Reference);
            var explanation = SlaExplanation.Of(warehouse, context.Reference, pr.GetValue(number)!,
                pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant());
            foreach (var line in explanation.Lines()) context.Out.WriteLine(line);
            return explanation.Differences.Count == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command Cases(CliContext context)
    {
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "csv", "json");
        var quarter = QuarterOption();
        var account = AccountOption();
        var command = new Command("cases", "One row per case: status, priority, window, elapsed and target") { asOf, format, quarter, account };
        command.SetAction(pr =>
        {
            var queries = FreshQueries(context, pr);
            var at = pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant();
            var cases = queries.Cases(at, Filter(pr.GetValue(quarter), pr.GetValue(account)));
            TabularOutput.Write(CasesTable(cases), pr.GetValue(format)!, context);
            return 0;
        });
        return command;
    }

    private static Command Summary(CliContext context)
    {
        var asOf = CommonOptions.AsOf();
        var format = CommonOptions.Format("table", "csv", "json");
        var quarter = QuarterOption();
        var account = AccountOption();
        var by = new Option<string>("--by")
        {
            Description = $"Comma-separated groups, any of {string.Join(", ", SlaQueries.Groupings)} (default: {string.Join(",", DefaultGrouping)})",
        };
        var resolution = new Option<bool>("--resolution")
        {
            Description = "Add resolution time median and p90 (seconds, customer waits removed) after the attainment columns",
        };
        var command = new Command("summary", "Attainment per group: eligible, met, breached, pending, attainment_pct") { asOf, by, quarter, account, resolution, format };
        command.SetAction(pr =>
        {
            IReadOnlyList<string> groups = pr.GetValue(by) is { } text
                ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : DefaultGrouping;
            var queries = FreshQueries(context, pr);
            var at = pr.GetValue(asOf) ?? context.Clock.GetCurrentInstant();
            var summary = queries.Summary(at, groups, Filter(pr.GetValue(quarter), pr.GetValue(account)), pr.GetValue(resolution));
            TabularOutput.Write(SummaryTable(groups, summary, pr.GetValue(resolution)), pr.GetValue(format)!, context);
            return 0;
        });
        return command;
    }

    private static Command Refresh(CliContext context)
    {
        var full = new Option<bool>("--all") { Description = "Re-evaluate every case, not only the changed ones" };
        var command = new Command("refresh", "Evaluate the cases whose inputs changed since the last evaluation") { full };
        command.SetAction(pr =>
        {
            var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
            var count = pr.GetValue(full) ? SlaRefresh.RunAll(warehouse, context.Reference) : SlaRefresh.Run(warehouse, context.Reference);
            context.Out.WriteLine($"cases evaluated: {count}");
            return 0;
        });
        return command;
    }

    /// <summary>The warehouse's queries after evaluating what changed since the last ingest.</summary>
    private static SlaQueries FreshQueries(CliContext context, ParseResult pr)
    {
        var warehouse = context.OpenWarehouse(pr.GetValue(CommonOptions.Db));
        SlaRefresh.Run(warehouse, context.Reference);
        return new SlaQueries(warehouse, context.Reference);
    }

    private static SlaFilter Filter(Quarter? quarter, string[]? accounts) =>
        new(quarter, accounts is { Length: > 0 } ? accounts.ToHashSet(StringComparer.Ordinal) : null);

    private static Option<Quarter?> QuarterOption() =>
        CommonOptions.Quarter("Only cases created in this quarter (in the centre's time zone), e.g. 2026Q3");

    private static Option<string[]> AccountOption() => new("--account")
    {
        Description = "Only this account's cases (repeatable)",
    };

    private static Command Clock(CliContext context)
    {
        var clock = new Command("clock", "Business-calendar arithmetic over a calendar JSON file");

        var calendar = CalendarOption();
        var from = InstantOption("--from", "Start instant (ISO 8601 with offset or Z)");
        var to = InstantOption("--to", "End instant (ISO 8601 with offset or Z)");
        var pause = PauseOption();
        var elapsed = new Command("elapsed", "Business seconds between two instants, pauses removed (whole seconds, rounded down)") { calendar, from, to, pause };
        elapsed.SetAction(pr =>
        {
            var business = LoadCalendar(pr.GetValue(calendar)!).BusinessTime(pr.GetValue(from)!.Value, pr.GetValue(to)!.Value, pr.GetValue(pause) ?? []);
            context.Out.WriteLine((business.BclCompatibleTicks / TimeSpan.TicksPerSecond).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return 0;
        });

        var calendar2 = CalendarOption();
        var from2 = InstantOption("--from", "Start instant (ISO 8601 with offset or Z)");
        // At most a century of business time: Duration and the calendar walk stay in range.
        var seconds = CommonOptions.WholeNumber("--seconds", "Business seconds to run (0: the first open instant at or after --from)", 0L, 100L * 366 * 86_400);
        seconds.Required = true;
        var pause2 = PauseOption();
        var due = new Command("due", "The instant at which N business seconds have run (ISO 8601 UTC)") { calendar2, from2, seconds, pause2 };
        due.SetAction(pr =>
        {
            var start = pr.GetValue(from2)!.Value;
            var at = LoadCalendar(pr.GetValue(calendar2)!).Due(start, Duration.FromSeconds(pr.GetValue(seconds)!.Value), pr.GetValue(pause2) ?? [])
                ?? throw new UserError($"the calendar {pr.GetValue(calendar2)} has no open hours left after {InstantPattern.ExtendedIso.Format(start)}");
            context.Out.WriteLine(InstantPattern.ExtendedIso.Format(at));
            return 0;
        });

        var calendar3 = CalendarOption();
        var at = InstantOption("--at", "The instant to look at (ISO 8601 with offset or Z)");
        var open = new Command("open", "Whether the calendar is open at an instant: true or false") { calendar3, at };
        open.SetAction(pr =>
        {
            context.Out.WriteLine(LoadCalendar(pr.GetValue(calendar3)!).IsOpen(pr.GetValue(at)!.Value) ? "true" : "false");
            return 0;
        });

        clock.Subcommands.Add(elapsed);
        clock.Subcommands.Add(due);
        clock.Subcommands.Add(open);
        return clock;
    }

    private static BusinessCalendar LoadCalendar(string path)
    {
        var json = UserError.OnIo($"cannot read the calendar {path}", () => File.ReadAllText(path));
        try
        {
            return BusinessCalendar.From(CalendarJson.Parse(json, path));
        }
        catch (UserError e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new UserError($"{path}: {e.Message}", e);
        }
    }

    private static Option<string> CalendarOption() => new("--calendar")
    {
        Description = "Calendar JSON file (time_zone, hours, holidays, overrides, breaks)",
        Required = true,
    };

    private static Option<Instant?> InstantOption(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = r => r.Tokens.Count == 0 ? null : CommonOptions.ParseInstant(r.Tokens[0].Value, name, r),
    };

    private static Option<Interval[]> PauseOption() => new("--pause")
    {
        Description = "A pause START/END (ISO 8601 instants), removed from business time; repeatable",
        CustomParser = r => r.Tokens.Select(t => ParsePause(t.Value, r)).ToArray(),
    };

    private static Interval ParsePause(string text, ArgumentResult result)
    {
        var parts = text.Split('/');
        if (parts.Length != 2)
        {
            result.AddError($"--pause: '{text}' is not START/END (two ISO 8601 instants)");
            return default;
        }
        var start = CommonOptions.ParseInstant(parts[0], "--pause", result);
        var end = CommonOptions.ParseInstant(parts[1], "--pause", result);
        if (start is null || end is null) return default;
        if (end < start)
        {
            result.AddError($"--pause: '{text}' ends before it starts");
            return default;
        }
        return new Interval(start, end);
    }
}
