using JuniperFts.Domain.Forecast;
using JuniperFts.Store;
using NodaTime;

namespace JuniperFts.Bench.Forecast;

/// <summary>A generated estate: sites per centre, a growing installed base, holidays, and cases drawn from it.</summary>
internal static class Estate
{
    private static readonly (string Centre, string Region, double Sites)[] Centres =
        [("SUNNYVALE", "AMERICAS", 14), ("HERNDON", "AMERICAS", 10), ("SCHIPHOL_RIJK", "EMEA", 16), ("SINGAPORE", "APAC", 6), ("TOKYO", "APAC", 6)];

    private static readonly (string Platform, double Rate)[] Platforms = [("Routing", 0.07), ("Switching", 0.05), ("Security", 0.09), ("Software", 0.03)];

    public sealed record Generated(int Cases, int Units);

    public static Generated Generate(Warehouse warehouse, IsoWeek first, int weeks, int seed)
    {
        var random = new Random(seed);
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
                for (var i = 0; i < count; i++, n++)
                {
                    var site = $"S{n:D3}";
                    accounts.Row().Add($"A{n:D3}").Add($"Account {n}").Add("US").AddNull().Add(0L).End();
                    sites.Row().Add(site).Add($"A{n:D3}").Add($"Site {n}").Add("US").AddNull().Add(0L).End();
                    contracts.Row().Add($"C{n:D3}").Add($"A{n:D3}").Add(site).Add("SVC-FTS-24x7").Add(centre)
                        .Add(start.PlusYears(-1)).Add(end.PlusYears(2)).Add("USD").Add(false).Add(0L).End();
                    // 40 units at the start, growing ~20 % a year by additions spread over the years.
                    var total = 40 + (int)(40 * 0.2 * weeks / 52.0);
                    for (var u = 0; u < total; u++)
                    {
                        var from = u < 40 ? start.PlusYears(-1) : start.PlusDays(random.Next(weeks * 7));
                        var platform = Platforms[random.Next(Platforms.Length)].Platform;
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

        var cases = 0;
        using (var appender = c.Appender("cases"))
            for (var w = 0; w < weeks; w++)
            {
                var week = first.Plus(w);
                var monday = week.Monday;
                foreach (var unit in units.Where(u => u.From <= monday))
                {
                    var rate = Platforms.Single(p => p.Platform == unit.Platform).Rate * Season(week, Region(unit.Centre));
                    var count = Poisson(random, rate);
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
        return new Generated(cases, units.Count);
    }

    private static string Region(string centre) => Centres.First(c => c.Centre == centre).Region;

    /// <summary>Yearly shape: a Christmas trough, a northern summer dip (deeper in EMEA), quarter-end peaks.</summary>
    private static double Season(IsoWeek week, string region)
    {
        var w = week.Week;
        var factor = 1 + 0.12 * Math.Sin(2 * Math.PI * (w - 8) / 52.0);
        if (w is >= 52 or <= 1) factor *= 0.45;
        if (w is >= 28 and <= 34) factor *= region == "EMEA" ? 0.65 : 0.85;
        if (w % 13 is 12 or 0) factor *= 1.2;
        return factor;
    }

    private static int Poisson(Random random, double mean)
    {
        var l = Math.Exp(-mean);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }

}
