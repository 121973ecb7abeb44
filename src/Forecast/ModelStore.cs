using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JuniperFts.Domain.Workload;

namespace JuniperFts.Forecast;

/// <summary>What a saved model was trained on, with which features and settings, and how it back-tested.</summary>
public sealed record ForecastModelMetadata(
    string DataHash,
    string AsOf,
    string FirstWeek,
    string LastWeek,
    IReadOnlyList<string> Series,
    IReadOnlyList<string> Features,
    ModelSettings Settings,
    double IntervalCoverage,
    BacktestSummary Backtest,
    float? TrendScale = null,
    IReadOnlyDictionary<string, float>? PriorScales = null,
    string? ModelVersion = null);

/// <summary>
/// The saved model (<c>model.zip</c>, ML.NET) and its metadata (<c>model.json</c>) in one folder; reused while
/// the history it was trained on, the features and the settings are unchanged.
/// </summary>
internal sealed class ModelStore(string folder)
{
    public string MetadataPath => Path.Combine(folder, "model.json");
    public string ModelPath => Path.Combine(folder, "model.zip");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The saved metadata, or null when there is none or it cannot be read.</summary>
    public ForecastModelMetadata? ReadMetadata()
    {
        try
        {
            return File.Exists(MetadataPath) ? JsonSerializer.Deserialize<ForecastModelMetadata>(File.ReadAllText(MetadataPath), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>The saved metadata and model (of <paramref name="history"/>) when the metadata is <paramref name="acceptable"/>; else false.</summary>
    public bool TryLoad(Func<ForecastModelMetadata, bool> acceptable, WorkloadHistory history, out ForecastModelMetadata metadata, out CaseModel? model)
    {
        metadata = null!;
        model = null;
        try
        {
            var saved = ReadMetadata();
            if (saved is null || !acceptable(saved)) return false;
            if (saved.Backtest.Chosen == ForecastMethod.Model)
            {
                if (!File.Exists(ModelPath)) return false;
                model = CaseModel.Load(ModelPath, history, saved.Settings, saved.TrendScale, saved.PriorScales);
            }
            metadata = saved;
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or FormatException)
        {
            // A damaged or older file is not an error: the run trains afresh and overwrites it.
            return false;
        }
    }

    /// <summary>Writes the model (or removes a stale one) and then its metadata, each through a temp file and a rename.</summary>
    /// <remarks>The metadata goes last: a reader that finds it current also finds the model it describes.</remarks>
    public void Save(ForecastModelMetadata metadata, CaseModel? model)
    {
        Directory.CreateDirectory(folder);
        if (model is not null)
        {
            model.Save(ModelPath + ".tmp");
            File.Move(ModelPath + ".tmp", ModelPath, overwrite: true);
        }
        else if (File.Exists(ModelPath))
        {
            File.Delete(ModelPath);
        }
        File.WriteAllText(MetadataPath + ".tmp", JsonSerializer.Serialize(metadata, Json) + "\n");
        File.Move(MetadataPath + ".tmp", MetadataPath, overwrite: true);
    }

    /// <summary>SHA-256 of the history weeks (cases and drivers), the features and the settings that shape a model.</summary>
    public static string DataHash(WorkloadHistory history, ModelSettings settings, double coverage)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', CaseModel.FeaturesOf(history).Names));
        text.AppendLine(settings.ToString());
        text.AppendLine(CaseModel.Version);
        text.AppendLine(coverage.ToString("R", CultureInfo.InvariantCulture));
        foreach (var s in history.Series)
            for (var t = 0; t < history.Weeks.Count; t++)
                text.Append(CultureInfo.InvariantCulture,
                    $"{s.Region}|{s.Platform}|{history.Weeks[t]}|{s.Cases[t]}|{s.Drivers[t].HolidayDays}|{s.Drivers[t].CoveredUnits}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
