using System.Globalization;
using JuniperFts.Domain.Reference;
using NodaTime;
using NodaTime.Text;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>
/// The words and number formats a review shows, shared by the PDF pack and the PowerPoint deck so both print every figure
/// alike; the definitions are the pack's small print and the deck's speaker notes.
/// </summary>
internal static class ReviewPackText
{
    public static readonly InstantPattern Minute = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");
    public static readonly LocalDatePattern Day = LocalDatePattern.Iso;
    public const string None = "–";

    public static string Attainment(Quarter quarter, decimal goal) =>
        $"First-response attainment in {quarter}: met ÷ (met + breached) of the eligible cases, against each priority's " +
        $"response target. Pending cases are still inside their target. Goal: {Pct(goal)}.";

    public static string Trend(int quarters) =>
        $"First-response attainment of the last {quarters} quarters, by the quarter the case was created in. " +
        $"Each cell: attainment (eligible cases); \"{None}\": no case was met or breached in that quarter.";

    public static string Volume(Quarter quarter) =>
        $"Cases created in {quarter} by the platform of their serial and by priority (the priority in effect when the " +
        "response clock stopped), excluded cases included: they are work too.";

    public const string Breaches =
        "Cases of the quarter whose first response came after the target, or had not come by the as-of. Times in UTC; " +
        "elapsed is business time in the support centre's hours on 8x5 contracts and wall-clock time on 24x7.";

    public const string OpenUrgent =
        "P1 and P2 cases of any quarter created before the quarter's end (or the as-of, if earlier) and not resolved by then, " +
        "excluded cases included.";

    public const string Resolution =
        "Eligible cases of the quarter resolved by the as-of: creation to resolution, minus the time spent waiting for " +
        "the customer. Reported as a statistic; there is no resolution target.";

    public static string Risks(DateInterval endOfSupport, Quarter quarter) =>
        $"Covered units whose end of support falls from {Day.Format(endOfSupport.Start)} to {Day.Format(endOfSupport.End)} (days left from the first day); " +
        $"gray-market or unregistered serials that {quarter}'s cases were raised on; the account's compliance findings from ingest.";

    public static string Expected(ExpectedCases e, Quarter next) =>
        $"Cases this account can expect in the weeks starting in {next}: the forecast made as of {Minute.Format(e.MadeAsOf)} UTC ({e.Method}) " +
        $"for each region and platform the account raised cases on, times the account's share of that region's and platform's cases " +
        $"in the weeks {e.HistoryFrom} to {e.HistoryTo}. Range: the forecast's weekly intervals, summed.";

    public const string TrueUp =
        "Units added so far in each contract's current year and the prorated charge the year's true-up will bring " +
        "if nothing changes: annual fee × covered days ÷ days in the year, rounded to cents.";

    public static string FindingName(string kind) => kind switch
    {
        "representatives_out_of_range" => "Representatives outside 2 to 6",
        "site_without_primary_contact" => "Site without a primary contact",
        "short_contract" => "Contract shorter than 12 months",
        _ => kind,
    };

    public static string Money(decimal amount, string currency) => Figures.Money(amount, currency);

    public static string Whole(double value) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture);

    public static string Pct(decimal? value) => value is { } v ? Figures.Percent(v) : None;

    public static string Count(long n) => Figures.Count(n);

    public static string Cases(long n) => n == 1 ? "1 case" : $"{Count(n)} cases";

    /// <summary>A response target in the users' words: "15 min", "2 h".</summary>
    public static string Target(long seconds) => Figures.DurationShort(seconds);

    /// <summary>Whole seconds as h:mm:ss, so a breach by one second is visible.</summary>
    public static string Elapsed(long? seconds) => seconds is { } s ? Figures.DurationClock(s) : None;

    /// <summary>A duration statistic as "27 h 05 m" (minutes rounded).</summary>
    public static string Hours(double? seconds) => seconds is { } s ? Figures.DurationHoursMinutes(s) : None;

    public static string Share(decimal? pct) => pct is { } s ? Figures.Percent(s, decimals: 1) : None;

    public static string Decimal1(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
