using JuniperFts.Forecast;
using JuniperFts.Store.Tests.Support;
using JuniperFts.Reports.ForecastChart;
using NodaTime;

namespace JuniperFts.Reports.Tests.ForecastChart;

public sealed class ForecastChartRendererTests : IDisposable
{
    private readonly TempWarehouse _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void RenderPng_Forecast_PngOfTheAskedSize()
    {
        var seed = _db.Seed().Account("A1").Site("S1", "A1").Contract("C1", "A1", "S1").Unit("SN1", "C1", "2025-01-01");
        for (var w = 0; w < 8; w++) seed.Case($"K{w}", "A1", "S1", "SN1", "P2", new DateTime(2026, 1, 5).AddDays(7 * w));
        var result = WorkloadForecaster.Run(_db.Warehouse, new ForecastOptions { Horizon = 4, ModelFolder = _db.PathOf("m") },
            Instant.FromUtc(2026, 3, 2, 0, 0));

        var png = ForecastChartRenderer.RenderPng(result, width: 800, height: 400);

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4));
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
