using JuniperFts.Domain.Forecast;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace JuniperFts.Forecast;

/// <summary>Size and seed of the boosted-tree model; small by default, since the series are short.</summary>
public sealed record ModelSettings(int Seed = 1, int Trees = 150, int Leaves = 8, int MinimumExamplesPerLeaf = 5, double LearningRate = 0.08);

/// <summary>An ML.NET FastTree regression from <see cref="WeekFeatures"/> to the week's cases over the series' level.</summary>
internal sealed class CaseModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly PredictionEngine<WeekExample, WeekPrediction> _engine;

    private CaseModel(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
        _engine = ml.Model.CreatePredictionEngine<WeekExample, WeekPrediction>(model);
    }

    /// <summary>Fewest training weeks (over all series) worth fitting a model on.</summary>
    public const int MinimumExamples = 30;

    public static CaseModel Train(IReadOnlyList<WeekExample> examples, ModelSettings settings)
    {
        var ml = new MLContext(seed: settings.Seed);
        var data = ml.Data.LoadFromEnumerable(examples);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            NumberOfTrees = settings.Trees,
            NumberOfLeaves = settings.Leaves,
            MinimumExampleCountPerLeaf = settings.MinimumExamplesPerLeaf,
            LearningRate = settings.LearningRate,
            // One thread: the same data and seed give the same trees.
            NumberOfThreads = 1,
        });
        return new CaseModel(ml, trainer.Fit(data));
    }

    /// <summary>The predicted cases-over-level ratio of one week.</summary>
    public double Predict(float[] features) => _engine.Predict(new WeekExample { Features = features }).Score;

    public void Save(string path)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<WeekExample>()).Schema;
        _ml.Model.Save(_model, schema, path);
    }

    public static CaseModel Load(string path, int seed)
    {
        var ml = new MLContext(seed: seed);
        return new CaseModel(ml, ml.Model.Load(path, out _));
    }
}

/// <summary>One training week: features and label (cases over the series' level).</summary>
internal sealed class WeekExample
{
    [VectorType(WeekFeatures.Count)]
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}

internal sealed class WeekPrediction
{
    public float Score { get; set; }
}
