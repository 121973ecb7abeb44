using JuniperFts.Domain.Workload;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace JuniperFts.Forecast;

/// <summary>Seed and L2 penalty of the count model.</summary>
/// <param name="Regularization">The L2 weight of the Poisson regression: larger shrinks seasonality and trends towards flat.</param>
/// <remarks>Each range rule says what a value is not, so the settings name the key before it (<c>Forecast:Seed: '-1' is not …</c>).</remarks>
public sealed record ModelSettings(int Seed = 1, double Regularization = 8)
{
    /// <summary>The largest <see cref="Regularization"/>: beyond it every series is flat anyway.</summary>
    public const double MaxRegularization = 1e6;

    public int Seed { get; init; } = Seed >= 0 ? Seed : throw new ArgumentOutOfRangeException(nameof(Seed), Seed, "is not a whole number of at least 0");

    public double Regularization { get; init; } = Regularization is >= 0 and <= MaxRegularization ? Regularization
        : throw new ArgumentOutOfRangeException(nameof(Regularization), Regularization, "is not a number from 0 to 1000000");
}

/// <summary>
/// One ML.NET Poisson regression (L-BFGS) over every series of the history: the week's cases over the series'
/// exposure (its level, scaled by the week's covered units), with the exposure as example weight, so the fit is a
/// Poisson model with that exposure. Pooling lets short or small series borrow the seasonality of the whole estate, and
/// their level from the platform's rate per unit (<see cref="WeekFeatures.PooledLevels"/>).
/// </summary>
/// <remarks>The forecast is direct (no lags fed back), so a week's forecast depends only on the weeks before the origin.</remarks>
public sealed class CaseModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly SchemaDefinition _schema;
    private readonly PredictionEngine<WeekExample, WeekPrediction> _engine;
    private readonly Context _context;
    private readonly double _regularization;
    private double[,]? _precisionFactor;

    private CaseModel(MLContext ml, ITransformer model, Context context, double regularization)
    {
        _ml = ml;
        _model = model;
        _context = context;
        _regularization = regularization;
        _schema = Schema(context.Features.Count);
        _engine = ml.Model.CreatePredictionEngine<WeekExample, WeekPrediction>(model, inputSchemaDefinition: _schema);
    }

    /// <summary>
    /// How the model is fitted, in the data hash and saved with the model: a saved model made another way is retrained
    /// rather than reused, and a read does not apply it.
    /// </summary>
    public const string Version = "poisson, prior scales by evidence for every group, pooled levels, two calendars";

    /// <summary>Prior scales before any were learnt: every group at factor 1.</summary>
    private static readonly IReadOnlyDictionary<string, float> NotLearnt = new Dictionary<string, float>();

    /// <summary>Fewest training weeks (over all series) worth fitting a model on.</summary>
    public const int MinimumExamples = 30;

    /// <summary>The feature layout of a history (its regions and series).</summary>
    public static WeekFeatures FeaturesOf(WorkloadHistory history) =>
        new(history.Regions, history.SeriesNames);

    /// <summary>The training weeks of every series before week <paramref name="end"/> (exclusive).</summary>
    internal static List<WeekExample> Examples(WorkloadHistory history, int end) => new Context(history, end, null, NotLearnt).Examples();

    /// <summary>
    /// A model from the weeks before <paramref name="end"/>, or null when there are too few of them. The prior groups'
    /// scales are learnt on the way (<see cref="PriorScales"/>): fit, update them from the fit's weights, refit, until
    /// they settle or after <see cref="Domain.Workload.PriorScales.Rounds"/> updates.
    /// </summary>
    public static CaseModel? Train(WorkloadHistory history, int end, ModelSettings settings)
    {
        var model = Fit(new Context(history, end, null, NotLearnt), settings);
        // Without a penalty there is no prior whose scale the data could set.
        var rounds = settings.Regularization > 0 ? Domain.Workload.PriorScales.Rounds : 0;
        for (var round = 0; round < rounds && model is not null; round++)
        {
            var next = model.NextPriorScales();
            if (next.All(g => Math.Abs(g.Value / Domain.Workload.PriorScales.FactorOf(model.PriorScales, g.Key) - 1) < 0.02)) break;
            model = Fit(new Context(history, end, null, next), settings);
        }
        return model;
    }

    /// <summary>The factors of the prior groups this model was fitted at (saved with it: the weights only mean something at them).</summary>
    public IReadOnlyDictionary<string, float> PriorScales => _context.PriorScales;

    /// <summary>The prior groups' factors the evidence in this fit points to (<see cref="Domain.Workload.PriorScales.Update"/>).</summary>
    private IReadOnlyDictionary<string, float> NextPriorScales()
    {
        var weights = ((RegressionPredictionTransformer<PoissonRegressionModelParameters>)_model).Model.Weights;
        var factor = PrecisionFactor(forInterval: false);
        var variances = Enumerable.Range(1, factor.GetLength(0) - 1).Select(j => InverseDiagonal(factor, j)).ToList();
        return Domain.Workload.PriorScales.Update(weights.Select(w => (double)w).ToList(), variances,
            _context.Features.PriorGroups, Penalty, _context.PriorScales);
    }

    /// <summary>(H⁻¹)ⱼⱼ = |L⁻¹ eⱼ|² for H = L Lᵀ.</summary>
    private static double InverseDiagonal(double[,] factor, int j)
    {
        var p = factor.GetLength(0);
        var x = new double[p];
        x[j] = 1;
        var sum = 0.0;
        for (var a = j; a < p; a++)
        {
            var v = x[a];
            for (var b = j; b < a; b++) v -= factor[a, b] * x[b];
            x[a] = v / factor[a, a];
            sum += x[a] * x[a];
        }
        return sum;
    }

    private double Penalty => Math.Max(_regularization, 1e-6);

    private static CaseModel? Fit(Context context, ModelSettings settings)
    {
        var examples = context.Examples();
        if (examples.Count < MinimumExamples) return null;
        var ml = new MLContext(seed: settings.Seed);
        var data = ml.Data.LoadFromEnumerable(examples, Schema(context.Features.Count));
        var trainer = ml.Regression.Trainers.LbfgsPoissonRegression(new LbfgsPoissonRegressionTrainer.Options
        {
            ExampleWeightColumnName = nameof(WeekExample.Weight),
            L2Regularization = (float)settings.Regularization,
            L1Regularization = 0,
            OptimizationTolerance = 1e-8f,
            // One thread: the same data give the same weights.
            NumberOfThreads = 1,
        });
        return new CaseModel(ml, trainer.Fit(data), context, settings.Regularization);
    }

    /// <summary>The forecast means of series <paramref name="series"/> for the <paramref name="steps"/> weeks from the training end.</summary>
    public double[] Forecast(int series, int steps) =>
        Enumerable.Range(_context.End, steps).Select(t => Mean(series, t)).ToArray();

    private double Mean(int series, int t) => _context.Predict(series, t, x => _engine.Predict(new WeekExample { Features = x }).Score);

    /// <summary>
    /// The variance of the forecast mean of <paramref name="series"/> summed, <paramref name="step"/> weeks from the training
    /// end, that comes from not knowing the weights exactly: the delta method over the weights' covariance, the inverse of
    /// the penalised fit's Hessian (Σ fitted cases · x xᵀ plus the L2 weight; a Laplace approximation).
    /// </summary>
    /// <remarks>
    /// Series of one region share the seasonal, trend and region weights, so their errors move together; summing their
    /// gradients before the quadratic form counts that, which adding each series' variance would not.
    /// </remarks>
    public double MeanVariance(IReadOnlyCollection<int> series, int step) => MeanVariance(series, step, startingPrior: true);

    /// <param name="startingPrior">Groups the evidence shrank count at their starting prior (the interval's choice, <see cref="PrecisionFactor"/>); false: at the learnt one.</param>
    internal double MeanVariance(IReadOnlyCollection<int> series, int step, bool startingPrior)
    {
        var factor = startingPrior ? _precisionFactor ??= PrecisionFactor(forInterval: true) : PrecisionFactor(forInterval: false);
        var p = factor.GetLength(0);
        var gradient = new double[p];
        var t = _context.End + step - 1;
        foreach (var i in series)
        {
            var mean = Mean(i, t);
            if (mean <= 0) continue;
            gradient[0] += mean;
            var x = _context.FeaturesAt(i, t);
            for (var j = 0; j < x.Length; j++) gradient[j + 1] += mean * x[j];
        }
        // gᵀ H⁻¹ g = |L⁻¹ g|² with H = L Lᵀ.
        var sum = 0.0;
        for (var j = 0; j < p; j++)
        {
            var v = gradient[j];
            for (var k = 0; k < j; k++) v -= factor[j, k] * gradient[k];
            gradient[j] = v / factor[j, j];
            sum += gradient[j] * gradient[j];
        }
        return sum;
    }

    /// <summary>The Cholesky factor of the penalised fit's Hessian over the bias (first) and the features.</summary>
    /// <param name="forInterval">
    /// For the interval, a group shrunk below its starting scale keeps that scale's (wider) prior: its factor was itself
    /// estimated from these data, and the plug-in posterior would not count that (after one year the region interval then
    /// held 74.6 % instead of 76.8 % in the bench). The evidence update needs the posterior of the fit as it is.
    /// </param>
    private double[,] PrecisionFactor(bool forInterval)
    {
        var p = _context.Features.Count + 1;
        var h = new double[p, p];
        var x = new double[p];
        foreach (var (i, t) in _context.TrainingWeeks())
        {
            var mean = Mean(i, t);
            if (mean <= 0) continue;
            x[0] = 1;
            var f = _context.FeaturesAt(i, t);
            for (var j = 0; j < f.Length; j++) x[j + 1] = f[j];
            for (var j = 0; j < p; j++)
            {
                if (x[j] == 0) continue;
                var mj = mean * x[j];
                for (var k = 0; k <= j; k++) h[j, k] += mj * x[k];
            }
        }
        // The bias is not penalised; a tiny ridge keeps an all-zero column (a series with no past) invertible. A column
        // multiplied by f has the prior of its unscaled effect at precision λ·f² when that prior is the starting one.
        for (var j = 1; j < p; j++)
        {
            var f = forInterval ? Math.Min(1, _context.ColumnFactor(j - 1)) : 1;
            h[j, j] += Penalty * f * f;
        }
        h[0, 0] += 1e-9;
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k <= j; k++)
            {
                var v = h[j, k];
                for (var m = 0; m < k; m++) v -= h[j, m] * h[k, m];
                h[j, k] = j == k ? Math.Sqrt(Math.Max(v, 1e-12)) : v / h[k, k];
            }
        }
        return h;
    }

    /// <summary>The scale of the trend columns in this model's features (saved with it: the weights only mean something at it).</summary>
    public float TrendScale => _context.TrendScale;

    public void Save(string path)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<WeekExample>(), _schema).Schema;
        _ml.Model.Save(_model, schema, path);
    }

    /// <summary>A saved model of <paramref name="history"/>, trained on all its weeks.</summary>
    /// <param name="trendScale">The trend scale the model was trained with (<see cref="TrendScale"/>); null: that of <paramref name="history"/>.</param>
    /// <param name="priorScales">The prior groups' factors it was trained with (<see cref="PriorScales"/>); null: all 1.</param>
    public static CaseModel Load(string path, WorkloadHistory history, ModelSettings settings, float? trendScale, IReadOnlyDictionary<string, float>? priorScales)
    {
        var ml = new MLContext(seed: settings.Seed);
        return new CaseModel(ml, ml.Model.Load(path, out _), new Context(history, history.Weeks.Count, trendScale, priorScales ?? NotLearnt),
            settings.Regularization);
    }

    private static SchemaDefinition Schema(int features)
    {
        var schema = SchemaDefinition.Create(typeof(WeekExample));
        schema[nameof(WeekExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    /// <summary>Per series, what the features and the label are measured against: the level and covered units before the end.</summary>
    private sealed class Context
    {
        private readonly WorkloadHistory _history;
        private readonly (int First, int Window, double Level, double Units)[] _series;
        public int End { get; }
        public WeekFeatures Features { get; }

        public float TrendScale { get; }

        public IReadOnlyDictionary<string, float> PriorScales { get; }

        private readonly float[] _columnFactors;

        public Context(WorkloadHistory history, int end, float? trendScale, IReadOnlyDictionary<string, float> priorScales)
        {
            _history = history;
            End = end;
            Features = FeaturesOf(history);
            PriorScales = priorScales;
            _columnFactors = Features.PriorGroups.Select(g => Domain.Workload.PriorScales.FactorOf(priorScales, g)).ToArray();
            _series = history.Series.Select(s =>
            {
                var cases = s.Cases.Take(end).ToArray();
                var first = Array.FindIndex(cases, c => c > 0);
                if (first < 0) return (end, 0, 0.0, 0.0);
                var window = Math.Min(WeekFeatures.Season, end - first);
                // Weeks without recorded units are unknown (UnitsGrowth gives them 0), so they do not pull the mean down.
                var recorded = s.Drivers.Skip(end - window).Take(window).Where(d => d.CoveredUnits > 0).ToList();
                var units = recorded.Count > 0 ? recorded.Average(d => (double)d.CoveredUnits) : 0;
                return (first, window, WeekFeatures.Level(cases.AsSpan(first)), units);
            }).ToArray();
            var pooled = WeekFeatures.PooledLevels(_series.Select((s, i) => (history.Series[i].Platform, s.Level, s.Units)).ToList());
            // A series with no case before the end has no exposure: it forecasts 0 (Predict).
            for (var i = 0; i < _series.Length; i++) _series[i].Level = _series[i].Window > 0 ? pooled[i] : 0;
            TrendScale = trendScale ?? WeekFeatures.TrendScaleFor(_series.Sum(s => s.Level * (end - s.First)), end);
        }

        /// <summary>Every week of every series from its first case to the end.</summary>
        public IEnumerable<(int Series, int Week)> TrainingWeeks()
        {
            for (var i = 0; i < _series.Length; i++)
                for (var t = _series[i].First; t < End; t++)
                    yield return (i, t);
        }

        public List<WeekExample> Examples() => TrainingWeeks().Select(x =>
        {
            var exposure = Exposure(x.Series, x.Week);
            return new WeekExample
            {
                Features = FeaturesAt(x.Series, x.Week),
                Label = (float)(_history.Series[x.Series].Cases[x.Week] / exposure),
                // Weight = exposure in cases, so the L2 penalty counts as that many pseudo-cases at "no effect".
                Weight = (float)exposure,
            };
        }).ToList();

        public float[] FeaturesAt(int i, int t)
        {
            var window = _series[i].Window;
            var s = _history.Series[i];
            var middle = End - (window + 1) / 2.0;
            var features = Features.For(i, s.Region, s.Drivers[t], (t - middle) / WeekFeatures.Season, UnitsGrowth(i, t), TrendScale);
            for (var j = 0; j < features.Length; j++) features[j] *= _columnFactors[j];
            return features;
        }

        /// <summary>The learnt factor of column <paramref name="j"/>'s prior group (1 until one is learnt).</summary>
        public float ColumnFactor(int j) => _columnFactors[j];

        /// <summary>Cases expected of series i in week t before the model's effects: its level, in proportion to the units it covers then.</summary>
        private double Exposure(int i, int t) => _series[i].Level * Math.Exp(UnitsGrowth(i, t));

        private double UnitsGrowth(int i, int t) =>
            WeekFeatures.UnitsGrowth(WeekFeatures.UnitsKnownAt(_history.Series[i].Drivers, End, t), _series[i].Units);

        public double Predict(int i, int t, Func<float[], float> score) =>
            _series[i].Window == 0 ? 0 : Math.Max(0, score(FeaturesAt(i, t)) * Exposure(i, t));
    }
}

/// <summary>One training week: features, label (cases over the series' exposure) and weight (the exposure).</summary>
internal sealed class WeekExample
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }

    public float Weight { get; set; } = 1;
}

internal sealed class WeekPrediction
{
    public float Score { get; set; }
}
