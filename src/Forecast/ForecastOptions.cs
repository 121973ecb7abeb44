using JuniperFts.Domain.Workload;
using JuniperFts.Domain.Reference;

namespace JuniperFts.Forecast;

/// <summary>When a forecast run may train the model (and write its files).</summary>
public enum ModelTraining
{
    /// <summary>Reuse the saved model when it was trained on the same history and settings, else train and save.</summary>
    WhenStale,
    /// <summary>Train and back-test again even when the saved model is current.</summary>
    Always,
    /// <summary>Never train: use the latest saved model, whatever history it saw; without one there is no forecast yet.</summary>
    Never,
}

/// <summary>What a forecast run needs besides the data: horizon, staffing figures, model size and where models live.</summary>
public sealed record ForecastOptions
{
    /// <summary>The fewest and the most weeks a forecast may reach.</summary>
    public const int MinHorizon = 1, MaxHorizon = 104;

    /// <summary>Weeks to forecast after the last history week.</summary>
    public int Horizon { get; init; } = 13;

    /// <summary>Share of weeks the low–high interval should hold (0.8: from the 10th to the 90th percentile).</summary>
    public double IntervalCoverage
    {
        get;
        init => field = value is > 0.5 and < 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(IntervalCoverage), value, "is not a share between 0.5 and 1 (both excluded)");
    } = 0.8;

    public StaffingAssumptions Staffing { get; init; } = StaffingAssumptions.Default;

    public ModelSettings Model { get; init; } = new();

    public ReferenceData Reference { get; init; } = ReferenceData.BuiltIn;

    /// <summary>Folder of the saved model; null: <c>forecast/</c> beside the database file.</summary>
    public string? ModelFolder { get; init; }

    /// <summary>Whether this run may train; only the forecast itself does (<c>fts forecast</c>, <c>fts run</c>, the forecast job), never a read.</summary>
    public ModelTraining Training { get; init; } = ModelTraining.WhenStale;
}
