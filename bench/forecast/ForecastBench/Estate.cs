using JuniperFts.Domain.Calendars;
using JuniperFts.Domain.Workload;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Bench.Forecast;

/// <summary>
/// The shape of a generated estate: size, growth, yearly pattern, and the events a forecaster has to live with.
/// Every case is a Poisson draw from a rate the shape fixes, so the generator knows the true rate of each week.
/// </summary>
/// <param name="SitesScale">Multiplies the sites per centre (5 centres, 52 sites at 1).</param>
/// <param name="Growth">Units added per year as a share of the starting 40 per site.</param>
/// <param name="Amplitude">Height of the smooth yearly wave; <paramref name="PeakWeek"/> is its top.</param>
/// <param name="ChristmasFactor">Weeks 52 and 1 are multiplied by this.</param>
/// <param name="SummerFactor">Weeks 28–34 in EMEA (elsewhere halfway to 1).</param>
/// <param name="QuarterEndFactor">The last two weeks of each quarter (week % 13 is 12 or 0).</param>
/// <param name="NewPlatformWeek">Week index from which units of a fifth platform ("Wireless") are added; null: none.</param>
/// <param name="ShiftWeek">Week index from which APAC's rate per unit is multiplied by <paramref name="ShiftFactor"/>.</param>
/// <param name="WeeklyNoise">Standard deviation of a log-normal factor per region and week (0: pure Poisson); the true rate leaves it out.</param>
/// <param name="OtherEvents">ISO weeks First..Last multiplied by Factor everywhere: events no calendar knows (a yearly release, a fiscal peak).</param>
public sealed record Shape(
    string Name, int Seed, IsoWeek First, int Weeks,
    double SitesScale = 1, double Growth = 0.2, double Amplitude = 0.12, int PeakWeek = 21,
    double ChristmasFactor = 0.45, double SummerFactor = 0.65, double QuarterEndFactor = 1.2,
    int? NewPlatformWeek = null, int? ShiftWeek = null, double ShiftFactor = 1, double WeeklyNoise = 0,
    double RateScale = 1, (int First, int Last, double Factor)[]? OtherEvents = null);

/// <summary>A generated estate: sites per centre, a growing installed base, holidays, and cases drawn from it.</summary>
internal static class Estate
{
    private static readonly (string Centre, string Region, double Sites)[] Centres =
        [("SUNNYVALE", "AMERICAS", 14), ("HERNDON", "AMERICAS", 10), ("SCHIPHOL_RIJK", "EMEA", 16), ("SINGAPORE", "APAC", 6), ("TOKYO", "APAC", 6)];

    private static readonly (string Platform, double Rate)[] Platforms = [("Routing", 0.07), ("Switching", 0.05), ("Security", 0.09), ("Software", 0.03), ("Wireless", 0.06)];

    /// <summary>Cases and units written, and the true expected cases per (region, platform) and week index.</summary>
    public sealed record Generated(int Cases, int Units, IReadOnlyDictionary<(string Region, string Platform), double[]> TrueRate);

    public static Generated Generate(Warehouse warehouse, Shape shape)
    {
        var (first, weeks) = (shape.First, shape.Weeks);
        var random = new Random(shape.Seed);
        using var c = warehouse.Connect();
        var start = first.Monday;
        var end = first.Plus(weeks).Monday;
        var units = new List<(string Serial, string Site, string Centre, string Platform, LocalDate From)>();
        using (var accounts = c.Appender("accounts"))
        using (var sites = c.Appender("sites"))
        using (var contracts = c.Appender("contracts"))
        using (var ib = c.Appender("installed_base"))
        {
            var n = 0;
            foreach (var (centre, _, count) in Centres)
                for (var i = 0; i < Math.Max(1, (int)Math.Round(count * shape.SitesScale)); i++, n++)
                {
                    var site = $"S{n:D3}";
                    accounts.Row().Add($"A{n:D3}").Add($"Account {n}").Add("US").AddNull().Add(0L).End();
                    sites.Row().Add(site).Add($"A{n:D3}").Add($"Site {n}").Add("US").AddNull().Add(0L).End();
                    contracts.Row().Add($"C{n:D3}").Add($"A{n:D3}").Add(site).Add("SVC-FTS-24x7").Add(centre)
                        .Add(start.PlusYears(-1)).Add(end.PlusYears(2)).Add("USD").Add(false).Add(0L).End();
                    // 40 units at the start, growing by additions spread over the years.
                    var total = 40 + (int)(40 * shape.Growth * weeks / 52.0);
                    var extra = shape.NewPlatformWeek is { } npw ? (int)(12 * (weeks - npw) / 52.0) : 0;
                    for (var u = 0; u < total + extra; u++)
                    {
                        LocalDate from;
                        string platform;
                        if (u >= total)
                        {
                            from = start.PlusDays(7 * shape.NewPlatformWeek!.Value + random.Next((weeks - shape.NewPlatformWeek.Value) * 7));
                            platform = "Wireless";
                        }
                        else
                        {
                            from = u < 40 ? start.PlusYears(-1) : start.PlusDays(random.Next(weeks * 7));
                            platform = Platforms[random.Next(4)].Platform;
                        }
                        var serial = $"SN{n:D3}-{u:D4}";
                        units.Add((serial, site, centre, platform, from));
                        ib.Row().Add(serial).Add($"C{n:D3}").Add("MX").Add(platform).Add(from)
                            .AddNull().Add(1000m).AddNull().Add(false).Add(0L).End();
                    }
                }
        }

        using (var holidays = c.Appender("holidays"))
            foreach (var (centre, _, _) in Centres)
                for (var y = start.Year; y <= end.Year; y++)
                    foreach (var (m, d) in new[] { (1, 1), (12, 24), (12, 25), (12, 26), (12, 31), (5, 1) })
                        holidays.Row().Add(centre).Add(new LocalDate(y, m, d)).Add("Holiday").Add(0L).End();

        var truth = new Dictionary<(string, string), double[]>();
        var cases = 0;
        using (var appender = c.Appender("cases"))
            for (var w = 0; w < weeks; w++)
            {
                var week = first.Plus(w);
                var monday = week.Monday;
                var noise = Centres.Select(x => x.Region).Distinct().ToDictionary(r => r, _ => shape.WeeklyNoise > 0 ? Math.Exp(shape.WeeklyNoise * Normal(random) - shape.WeeklyNoise * shape.WeeklyNoise / 2) : 1);
                foreach (var unit in units.Where(u => u.From <= monday))
                {
                    var region = Region(unit.Centre);
                    var rate = shape.RateScale * Platforms.Single(p => p.Platform == unit.Platform).Rate * Season(shape, week, region)
                               * (region == "APAC" && w >= shape.ShiftWeek ? shape.ShiftFactor : 1);
                    if (!truth.TryGetValue((region, unit.Platform), out var t)) truth[(region, unit.Platform)] = t = new double[weeks];
                    t[w] += rate;
                    var count = Poisson(random, rate * noise[region]);
                    for (var i = 0; i < count; i++)
                    {
                        var created = monday.AtMidnight().PlusMinutes(random.Next(7 * 24 * 60)).InUtc().ToInstant();
                        var priority = "P" + (1 + Math.Min(3, (int)(random.NextDouble() * random.NextDouble() * 5)));
                        appender.Row().Add($"K{++cases:D7}").Add("A" + unit.Site[1..]).Add(unit.Site).Add(unit.Serial)
                            .Add(priority).Add(created).AddNull().AddNull().AddNull().AddNull()
                            .Add("generated").Add(0L).End();
                    }
                }
            }
        return new Generated(cases, units.Count, truth);
    }

    private static string Region(string centre) => Centres.First(c => c.Centre == centre).Region;

    /// <summary>Yearly shape: a smooth wave, a Christmas trough, a northern summer dip (deeper in EMEA), quarter-end peaks.</summary>
    private static double Season(Shape shape, IsoWeek week, string region)
    {
        var w = week.Week;
        var factor = 1 + shape.Amplitude * Math.Sin(2 * Math.PI * (w - shape.PeakWeek + 13) / 52.0);
        if (IsChristmas(w)) factor *= shape.ChristmasFactor;
        if (IsSummer(w)) factor *= region == "EMEA" ? shape.SummerFactor : (1 + shape.SummerFactor) / 2;
        if (IsQuarterEnd(w)) factor *= shape.QuarterEndFactor;
        foreach (var e in shape.OtherEvents ?? [])
            if (IsIn(e, w)) factor *= e.Factor;
        return factor;
    }

    // The generator's calendar, by ISO week number (not by date); the known-form forecaster reads the same rules.
    internal static bool IsChristmas(int isoWeek) => isoWeek is >= 52 or <= 1;

    internal static bool IsSummer(int isoWeek) => isoWeek is >= 28 and <= 34;

    internal static bool IsQuarterEnd(int isoWeek) => isoWeek % 13 is 12 or 0;

    internal static bool IsIn((int First, int Last, double Factor) otherEvent, int isoWeek) => isoWeek >= otherEvent.First && isoWeek <= otherEvent.Last;

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int Poisson(Random random, double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }

}
