using JuniperFts.Domain.Sla;
using JuniperFts.Forecast;

namespace JuniperFts.Reports.ReviewPack;

/// <summary>What a review pack takes from the settings: the attainment goal and the forecast's settings.</summary>
public sealed record ReviewPackOptions
{
    /// <summary>The goal the pack draws and colours by (<see cref="AttainmentGoals.Green"/>), the workbook's and the portal's.</summary>
    public AttainmentGoals Goals { get; init; } = AttainmentGoals.Default;

    /// <summary>
    /// The forecast settings; <see cref="ForecastOptions.Training"/> says whether building a pack may train the model
    /// (only <c>fts run</c>'s packs may; the portal, the job and <c>fts report review-pack</c> use the saved one).
    /// </summary>
    public ForecastOptions Forecast { get; init; } = new() { Training = ModelTraining.Never };

    /// <summary>The company's PowerPoint template (<c>.pptx</c> or <c>.potx</c>) decks are made on; null: the built-in look.</summary>
    public string? DeckTemplate { get; init; }
}
