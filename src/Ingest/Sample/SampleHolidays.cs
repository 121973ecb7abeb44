using NodaTime;

namespace JuniperFts.Ingest.Sample;

/// <summary>Public holidays of each built-in centre's country, by rule, for the sample's years.</summary>
/// <remarks>Holidays that fall on a weekend are listed on their date, without a substitute day.</remarks>
internal static class SampleHolidays
{
    public static IEnumerable<(string Centre, LocalDate Date, string Name)> For(int fromYear, int toYear)
    {
        for (var y = fromYear; y <= toYear; y++)
        {
            var easter = EasterSunday(y);
            foreach (var centre in new[] { "SUNNYVALE", "HERNDON" })
            {
                yield return (centre, new LocalDate(y, 1, 1), "New Year's Day");
                yield return (centre, Nth(y, 1, IsoDayOfWeek.Monday, 3), "Martin Luther King Jr. Day");
                yield return (centre, Nth(y, 2, IsoDayOfWeek.Monday, 3), "Presidents' Day");
                yield return (centre, Last(y, 5, IsoDayOfWeek.Monday), "Memorial Day");
                yield return (centre, new LocalDate(y, 6, 19), "Juneteenth");
                yield return (centre, new LocalDate(y, 7, 4), "Independence Day");
                yield return (centre, Nth(y, 9, IsoDayOfWeek.Monday, 1), "Labor Day");
                yield return (centre, Nth(y, 11, IsoDayOfWeek.Thursday, 4), "Thanksgiving Day");
                yield return (centre, Nth(y, 11, IsoDayOfWeek.Thursday, 4).PlusDays(1), "Day after Thanksgiving");
                yield return (centre, new LocalDate(y, 12, 25), "Christmas Day");
            }

            yield return ("SCHIPHOL_RIJK", new LocalDate(y, 1, 1), "Nieuwjaarsdag");
            yield return ("SCHIPHOL_RIJK", easter.PlusDays(-2), "Goede Vrijdag");
            yield return ("SCHIPHOL_RIJK", easter.PlusDays(1), "Tweede Paasdag");
            yield return ("SCHIPHOL_RIJK", new LocalDate(y, 4, 27), "Koningsdag");
            yield return ("SCHIPHOL_RIJK", new LocalDate(y, 5, 5), "Bevrijdingsdag");
            yield return ("SCHIPHOL_RIJK", easter.PlusDays(39), "Hemelvaartsdag");
            yield return ("SCHIPHOL_RIJK", easter.PlusDays(50), "Tweede Pinksterdag");
            yield return ("SCHIPHOL_RIJK", new LocalDate(y, 12, 25), "Eerste Kerstdag");
            yield return ("SCHIPHOL_RIJK", new LocalDate(y, 12, 26), "Tweede Kerstdag");

            yield return ("SINGAPORE", new LocalDate(y, 1, 1), "New Year's Day");
            yield return ("SINGAPORE", easter.PlusDays(-2), "Good Friday");
            yield return ("SINGAPORE", new LocalDate(y, 5, 1), "Labour Day");
            yield return ("SINGAPORE", new LocalDate(y, 8, 9), "National Day");
            yield return ("SINGAPORE", new LocalDate(y, 12, 25), "Christmas Day");

            yield return ("TOKYO", new LocalDate(y, 1, 1), "Ganjitsu");
            yield return ("TOKYO", new LocalDate(y, 1, 2), "Bank holiday");
            yield return ("TOKYO", new LocalDate(y, 1, 3), "Bank holiday");
            yield return ("TOKYO", Nth(y, 1, IsoDayOfWeek.Monday, 2), "Seijin no Hi");
            yield return ("TOKYO", new LocalDate(y, 2, 11), "Kenkoku Kinen no Hi");
            yield return ("TOKYO", new LocalDate(y, 4, 29), "Showa no Hi");
            yield return ("TOKYO", new LocalDate(y, 5, 3), "Kenpo Kinenbi");
            yield return ("TOKYO", new LocalDate(y, 5, 4), "Midori no Hi");
            yield return ("TOKYO", new LocalDate(y, 5, 5), "Kodomo no Hi");
            yield return ("TOKYO", Nth(y, 7, IsoDayOfWeek.Monday, 3), "Umi no Hi");
            yield return ("TOKYO", new LocalDate(y, 8, 11), "Yama no Hi");
            yield return ("TOKYO", new LocalDate(y, 11, 3), "Bunka no Hi");
            yield return ("TOKYO", new LocalDate(y, 11, 23), "Kinro Kansha no Hi");
            yield return ("TOKYO", new LocalDate(y, 12, 31), "Omisoka");

            yield return ("SYDNEY", new LocalDate(y, 1, 1), "New Year's Day");
            yield return ("SYDNEY", new LocalDate(y, 1, 26), "Australia Day");
            yield return ("SYDNEY", easter.PlusDays(-2), "Good Friday");
            yield return ("SYDNEY", easter.PlusDays(1), "Easter Monday");
            yield return ("SYDNEY", new LocalDate(y, 4, 25), "Anzac Day");
            yield return ("SYDNEY", Nth(y, 6, IsoDayOfWeek.Monday, 2), "King's Birthday");
            yield return ("SYDNEY", Nth(y, 10, IsoDayOfWeek.Monday, 1), "Labour Day");
            yield return ("SYDNEY", new LocalDate(y, 12, 25), "Christmas Day");
            yield return ("SYDNEY", new LocalDate(y, 12, 26), "Boxing Day");

            yield return ("BANGALORE", new LocalDate(y, 1, 26), "Republic Day");
            yield return ("BANGALORE", new LocalDate(y, 5, 1), "May Day");
            yield return ("BANGALORE", new LocalDate(y, 8, 15), "Independence Day");
            yield return ("BANGALORE", new LocalDate(y, 10, 2), "Gandhi Jayanti");
            yield return ("BANGALORE", new LocalDate(y, 11, 1), "Kannada Rajyotsava");
            yield return ("BANGALORE", new LocalDate(y, 12, 25), "Christmas");
        }
    }

    private static LocalDate Nth(int year, int month, IsoDayOfWeek day, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + 7 * (n - 1));
    }

    private static LocalDate Last(int year, int month, IsoDayOfWeek day)
    {
        var last = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        var back = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.PlusDays(-back);
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm).</summary>
    private static LocalDate EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(y, month, day);
    }
}
