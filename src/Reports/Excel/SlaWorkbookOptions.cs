using JuniperFts.Domain;

namespace JuniperFts.Reports.Excel;

/// <summary>Settings of the SLA workbook that leadership may want to change (configuration section <c>Excel</c>).</summary>
public sealed record SlaWorkbookOptions
{
    /// <summary>Attainment at or above this percentage is coloured green.</summary>
    public decimal GreenGoalPct { get; init; } = 95m;

    /// <summary>Attainment at or above this percentage (and below green) is coloured amber; below it red.</summary>
    public decimal AmberGoalPct { get; init; } = 90m;

    /// <summary>At most this many breached cases are listed; a visible note says when the list was cut.</summary>
    public int BreachRowCap { get; init; } = 10_000;

    /// <summary>How many quarters the trend shows, ending with the workbook's quarter.</summary>
    public int TrendQuarters { get; init; } = 8;

    public static SlaWorkbookOptions Default { get; } = new();

    /// <summary>The goals as a checked value; a bad setting is the user's mistake, said in one line.</summary>
    public AttainmentGoals Goals()
    {
        try { return new AttainmentGoals(GreenGoalPct, AmberGoalPct); }
        catch (ArgumentException e) { throw new UserError($"Excel workbook goals: {e.Message.Split(" (Parameter")[0]}"); }
    }

    /// <summary>Throws a <see cref="UserError"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        _ = Goals();
        if (BreachRowCap < 0) throw new UserError($"Excel:BreachRowCap must be 0 or more (was {BreachRowCap})");
        if (TrendQuarters is < 1 or > 40) throw new UserError($"Excel:TrendQuarters must be from 1 to 40 (was {TrendQuarters})");
    }
}
