using JuniperFts.Reports.Charts;

namespace JuniperFts.Reports.Tests.Pdf;

public class ChartPngTests
{
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(png, 16), BigEndian(png, 20));
    }

    [Fact]
    public void Bars_SizeInPoints_RendersAPngAtTwiceThePixels()
    {
        var png = ChartPng.Bars(new ChartSpec("Attainment", ["P1", "P2", "P3"], [new ChartSeries("2026Q3", [99.5, null, 80])])
        {
            Width = 300,
            Height = 200,
            References = [new ChartReference(95, "Target")],
        });

        Assert.Equal((600, 400), PngSize(png));
    }

    [Fact]
    public void Lines_NoValuesAtAll_StillRenders()
    {
        var png = ChartPng.Lines(new ChartSpec("Trend", ["2026Q1", "2026Q2"], [new ChartSeries("P1", [null, null])]) { Width = 200, Height = 100 });

        Assert.Equal((400, 200), PngSize(png));
    }
}
