using JuniperFts.Reports.Excel;

namespace JuniperFts.Host.Web;

/// <summary>The target colours of the attainment table: green at or above the goal, amber down to the warning level, red below.</summary>
/// <remarks>Taken from the workbook's settings (<c>Excel:GreenGoalPct</c>, <c>Excel:AmberGoalPct</c>) so the page and the file agree.</remarks>
public sealed record AttainmentBands(decimal GreenPct, decimal AmberPct)
{
    /// <summary>The colour class of an attainment figure: <c>good</c>, <c>near</c>, <c>bad</c>, or <c>none</c> without a figure.</summary>
    public string Rate(decimal? attainmentPct) => attainmentPct switch
    {
        null => "none",
        var p when p >= GreenPct => "good",
        var p when p >= AmberPct => "near",
        _ => "bad",
    };

    /// <summary>The bands of the leadership workbook's options.</summary>
    public static AttainmentBands Of(SlaWorkbookOptions options) => new(options.GreenGoalPct, options.AmberGoalPct);
}
