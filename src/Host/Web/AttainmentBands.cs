using System.Globalization;
using JuniperFts.Domain;
using Microsoft.Extensions.Configuration;

namespace JuniperFts.Host.Web;

/// <summary>The target colours of the attainment table: green at or above the goal, amber down to the warning level, red below.</summary>
/// <remarks>Defaults 95 % and 90 %, the same as the leadership workbook's, so the page and the file agree.</remarks>
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

    /// <summary>Reads <c>Portal:AttainmentGreenPct</c> and <c>Portal:AttainmentAmberPct</c>.</summary>
    /// <exception cref="UserError">Not numbers from 0 to 100, or amber above green.</exception>
    public static AttainmentBands Load(IConfiguration configuration)
    {
        var green = Percent(configuration, "Portal:AttainmentGreenPct", 95m);
        var amber = Percent(configuration, "Portal:AttainmentAmberPct", 90m);
        if (amber > green) throw new UserError($"Portal:AttainmentAmberPct ({amber}) is above Portal:AttainmentGreenPct ({green})");
        return new AttainmentBands(green, amber);
    }

    private static decimal Percent(IConfiguration configuration, string key, decimal fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 100)
            throw new UserError($"{key}: '{text}' is not a percentage from 0 to 100");
        return value;
    }
}
