using NodaTime;

namespace JuniperFts.Domain.Reference;

/// <summary>A calendar quarter, written "2026Q3" as on the command line and in reports.</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    public Quarter(int year, int number)
    {
        if (number is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(number), number, "A quarter is numbered 1 to 4.");
        if (year is < 1 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Year out of range.");
        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    /// <summary>First day of the quarter (inclusive).</summary>
    public LocalDate Start => new(Year, 3 * Number - 2, 1);

    /// <summary>First day of the next quarter (exclusive end).</summary>
    public LocalDate End => Next.Start;

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);
    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    /// <summary>The quarter that holds <paramref name="date"/>.</summary>
    public static Quarter Of(LocalDate date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The last quarter that ended on or before <paramref name="date"/> (the quarter before the one holding it).</summary>
    public static Quarter LatestCompleteOn(LocalDate date) => Of(date).Previous;

    /// <summary>
    /// The quarter a report covers when none is asked for: the latest one complete at <paramref name="asOf"/>, on the
    /// UTC calendar (as the data's instants are kept), so the CLI, the jobs and the portal agree wherever they run.
    /// </summary>
    public static Quarter DefaultAt(Instant asOf) => LatestCompleteOn(asOf.InUtc().Date);

    /// <summary>The <paramref name="count"/> quarters ending with this one, oldest first.</summary>
    public IReadOnlyList<Quarter> Trailing(int count)
    {
        var list = new Quarter[count];
        var q = this;
        for (var i = count - 1; i >= 0; i--) { list[i] = q; q = q.Previous; }
        return list;
    }

    public bool Contains(LocalDate date) => date >= Start && date < End;

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var t = text?.Trim();
        if (t is not { Length: 6 } || (t[4] != 'Q' && t[4] != 'q') || !int.TryParse(t.AsSpan(0, 4), out var y) || t[5] < '1' || t[5] > '4')
            return false;
        quarter = new Quarter(y, t[5] - '0');
        return true;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var q) ? q : throw new UserError($"'{text}' is not a quarter (expected e.g. 2026Q3)");

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));
    public static bool operator <(Quarter a, Quarter b) => a.CompareTo(b) < 0;
    public static bool operator >(Quarter a, Quarter b) => a.CompareTo(b) > 0;
    public static bool operator <=(Quarter a, Quarter b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Quarter a, Quarter b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Year:D4}Q{Number}";
}
