using JuniperFts.Domain.Forecast;
using JuniperFts.Domain.Reference;

namespace JuniperFts.Forecast;

/// <summary>What a forecast run needs besides the data: horizon, staffing figures, model size and where models live.</summary>
public sealed record ForecastOptions
{
    /// <summary>Weeks to forecast after the last history week.</summary>
    public int Horizon { get; init; } = 13;

    /// <summary>Share of weeks the low–high interval should hold (0.8: from the 10th to the 90th percentile).</summary>
    public double IntervalCoverage { get; init; } = 0.8;

    public StaffingPlan Staffing { get; init; } = StaffingPlan.Default;

    public ModelSettings Model { get; init; } = new();

    public ReferenceData Reference { get; init; } = ReferenceData.BuiltIn;

    /// <summary>Folder of the saved model; null: <c>forecast/</c> beside the database file.</summary>
    public string? ModelFolder { get; init; }

    /// <summary>Train and back-test again even when the saved model was trained on the same data.</summary>
    public bool Retrain { get; init; }
}
