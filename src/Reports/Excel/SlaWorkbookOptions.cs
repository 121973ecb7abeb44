using JuniperFts.Domain;
using JuniperFts.Domain.Sla;

namespace JuniperFts.Reports.Excel;

/// <summary>Settings of the SLA workbook that leadership may want to change (configuration section <c>Excel</c>).</summary>
public sealed record SlaWorkbookOptions
{
    /// <summary>The attainment goals the workbook colours by (the same goals the packs and the portal use).</summary>
    public AttainmentGoals Goals { get; init; } = AttainmentGoals.Default;

    /// <summary>At most this many breached cases are listed; a visible note says when the list was cut.</summary>
    public int BreachRowCap { get; init; } = 10_000;

    /// <summary>How many quarters the trend shows, ending with the workbook's quarter.</summary>
    public int TrendQuarters { get; init; } = 8;

    public static SlaWorkbookOptions Default { get; } = new();

    /// <summary>Throws a <see cref="UserError"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (BreachRowCap < 0) throw new UserError($"Excel:BreachRowCap must be 0 or more (was {BreachRowCap})");
        if (TrendQuarters is < 1 or > 40) throw new UserError($"Excel:TrendQuarters must be from 1 to 40 (was {TrendQuarters})");
    }
}
