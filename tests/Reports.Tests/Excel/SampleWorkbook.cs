using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;
using JuniperFts.Domain.Sla;
using JuniperFts.Reports.Excel;
using NodaTime;

namespace JuniperFts.Reports.Tests.Excel;

/// <summary>Hand-made workbook models, so renderer tests state only what matters to them.</summary>
internal static class SampleWorkbook
{
    public static readonly Instant AsOf = Instant.FromUtc(2026, 10, 1, 6, 0);
    public static readonly Instant GeneratedAt = Instant.FromUtc(2026, 10, 2, 7, 30);

    public static AttainmentRow Row(string[] keys, long met, long breached, long pending, decimal? pct, decimal? previous = null,
        int? targetMinutes = null, int? medianMinutes = null) =>
        new(keys, targetMinutes is { } t ? Duration.FromMinutes(t) : null, met + breached + pending, met, breached, pending,
            pct, previous, pct is { } p && previous is { } q ? p - q : null,
            medianMinutes is { } m ? Duration.FromMinutes(m) : null, medianMinutes is { } m2 ? Duration.FromMinutes(m2 * 3) : null);

    public static BreachRow Breach(string number, string priority = "P1", int elapsedSeconds = 1000, int targetMinutes = 15,
        string account = "A-1", string accountName = "Acme", string engineer = "E-1", string title = "Router down", bool answered = true) =>
        new(number, new LocalDateTime(2026, 8, 3, 14, 5), priority, "24x7", "SUNNYVALE", "AMERICAS", account, accountName, engineer,
            Duration.FromSeconds(elapsedSeconds), Duration.FromMinutes(targetMinutes), Duration.FromSeconds(elapsedSeconds - targetMinutes * 60),
            answered, false, title);

    public static SlaWorkbookModel Model(BreachList? breaches = null, AttainmentTable? byAccount = null)
    {
        var q = new Quarter(2026, 3);
        var header = new WorkbookHeader("SLA attainment 2026Q3", q, q.Previous, "All accounts", AsOf, GeneratedAt, new AttainmentGoals(95m, 90m));
        var byPriorityAndWindow = new AttainmentTable("By priority and service window", ["Priority", "Window"], AttainmentColumns.Target,
        [
            Row(["P1", "24x7"], 19, 1, 0, 95.00m, 90.00m, targetMinutes: 15),
            Row(["P1", "8x5"], 9, 1, 1, 90.00m, null, targetMinutes: 15),
            Row(["P2", "8x5"], 4, 2, 0, 66.67m, 100.00m, targetMinutes: 30),
            Row(["P3", "24x7"], 0, 0, 2, null, null, targetMinutes: 120),
        ], Row(["All", "All"], 32, 4, 3, 88.89m, 92.31m));
        var byRegion = new AttainmentTable("By region and priority", ["Region", "Priority"], AttainmentColumns.Target,
        [
            Row(["AMERICAS", "P1"], 28, 2, 1, 93.33m, 90.00m, targetMinutes: 15),
            Row(["EMEA", "P2"], 4, 2, 0, 66.67m, 100.00m, targetMinutes: 30),
        ]);
        var trend = new TrendTable(q.Trailing(4),
            [new TrendSeries("P1", [null, 91.5m, 90.00m, 93.33m]), new TrendSeries("All priorities", [100m, 91.5m, 92.31m, 88.89m])],
            [new TrendSeries("AMERICAS", [100m, 91.5m, 90.00m, 93.33m]), new TrendSeries("EMEA", [null, null, 100m, 66.67m])]);
        var resolution = AttainmentColumns.Resolution;
        byAccount ??= new AttainmentTable("Attainment by account", ["Account", "Name"], resolution,
        [
            Row(["A-1", "Acme"], 30, 2, 1, 93.75m, 90m, medianMinutes: 125),
            Row(["A-2", "=HYPERLINK(\"http://evil.example\",\"click\")"], 2, 2, 2, 50.00m, medianMinutes: 61),
        ]);
        var byCentre = new AttainmentTable("Attainment by support centre", ["Support centre", "Region"], resolution,
            [Row(["SUNNYVALE", "AMERICAS"], 28, 2, 1, 93.33m, 90.00m, medianMinutes: 90)]);
        var byPlatform = new AttainmentTable("Attainment by platform", ["Platform"], resolution,
            [Row(["Routing"], 32, 4, 3, 88.89m, 92.31m, medianMinutes: 100)]);
        var byEngineer = new AttainmentTable("Attainment by engineer", ["Engineer", "Name"], resolution,
            [Row(["E-1", "Ada Lovelace"], 32, 4, 3, 88.89m, 92.31m, medianMinutes: 100)]);
        breaches ??= new BreachList(
        [
            Breach("C-0001", title: "+cmd|' /C calc'!A0"),
            Breach("C-0002", "P2", elapsedSeconds: 7200, targetMinutes: 30, account: "A-2", accountName: "-2+3", engineer: "@SUM(A1)", title: "\tTabbed", answered: false),
            Breach("C-0003", title: "\rCarriage"),
            Breach("C-0004", title: "Plain title"),
        ], 4, 100, null);
        var exclusions = new ExclusionTable(
        [
            new ExclusionRow("maintenance_window", "Raised during an agreed maintenance window", 3, 7.14m),
            new ExclusionRow("gray_market", "Product bought outside authorised channels", 0, 0m),
        ], 39, 3, 42, 92.86m);
        IReadOnlyList<ReadMeEntry> readMe = [new("Met", "First response within the target."), new("Data as of", "2026-10-01 06:00 UTC")];
        return new SlaWorkbookModel(header, readMe, byPriorityAndWindow, byRegion, trend, byAccount, byCentre, byPlatform, byEngineer, breaches, exclusions,
            Staffing());
    }

    /// <summary>Schiphol-Rijk over two weeks: 2 engineers in the 8x5 hours, 4 on Monday 09:00 of the first week, 1 overnight on Wednesdays.</summary>
    public static StaffingHeatMap Staffing()
    {
        int[] Week(int mondayNine)
        {
            var hours = new int[HourOfWeek.Count];
            for (var day = 0; day < 5; day++)
                for (var hour = 9; hour < 17; hour++) hours[day * 24 + hour] = 2;
            hours[9] = mondayNine;
            hours[2 * 24 + 3] = 1;
            return hours;
        }
        int[][] weeks = [Week(4), Week(2)];
        return new StaffingHeatMap(new Quarter(2026, 4), AsOf, null, ["2026-W40", "2026-W41"],
            [new CentreHeatMap("SCHIPHOL_RIJK", "EMEA", weeks, weeks.Select(w => w.Sum()).ToList())]);
    }
}
