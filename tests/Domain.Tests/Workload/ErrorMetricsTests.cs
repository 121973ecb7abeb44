using JuniperFts.Domain.Workload;

namespace JuniperFts.Domain.Tests.Workload;

public class ErrorMetricsTests
{
    [Fact]
    public void Mase_ShortTraining_ScaledByNaiveInSampleError()
    {
        // Training 10, 12, 11, 15: lag-1 differences 2, 1, 4 -> scale 7/3.
        var scale = ErrorMetrics.MaseScale([10, 12, 11, 15]);
        Assert.Equal(7.0 / 3, scale, 10);

        // Errors 1 and 3 -> MAE 2 -> MASE 2 / (7/3) = 6/7.
        Assert.Equal(6.0 / 7, ErrorMetrics.Mase([14, 16], [15, 13], scale), 10);
    }

    [Fact]
    public void MaseScale_MoreThanTwoYears_SeasonalLag()
    {
        // Week t = t: every lag-52 difference is 52.
        var training = Enumerable.Range(0, 110).Select(i => (double)i).ToArray();
        Assert.Equal(52, ErrorMetrics.MaseScale(training));
    }

    [Fact]
    public void MaseScale_FlatTraining_One() => Assert.Equal(1, ErrorMetrics.MaseScale([4, 4, 4]));

    [Fact]
    public void Smape_Values_HandComputed()
    {
        // |10-12|/(22) * 200 = 18.1818..; both zero -> 0; |0-4|/4*200 = 200. Mean = 218.1818../3.
        var s = ErrorMetrics.Smape([10, 0, 0], [12, 0, 4]);
        Assert.Equal((200.0 * 2 / 22 + 0 + 200) / 3, s, 10);
    }

    [Fact]
    public void Quantile_TenthPercentile_Interpolates()
    {
        // Sorted 1..5; position 0.1 * 4 = 0.4 -> 1.4.
        Assert.Equal(1.4, ErrorMetrics.Quantile([5, 3, 1, 2, 4], 0.1), 10);
        Assert.Equal(5, ErrorMetrics.Quantile([5, 3, 1, 2, 4], 1));
    }

    [Fact]
    public void Mase_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => ErrorMetrics.Mase([1, 2], [1], 1));
}
