using JuniperFts.Forecast;
using JuniperFts.Reports.Charts;
using ScottPlot;

namespace JuniperFts.Reports.ForecastChart;

/// <summary>Draws the forecast chart: a year of weekly history per region, the forecast and its interval.</summary>
/// <remarks>The PNG goes into the review pack; the workbook draws its own native chart from the same numbers.</remarks>
public static class ForecastChartRenderer
{
    /// <summary>Weeks of history shown before the forecast.</summary>
    public const int HistoryWeeks = 52;

    /// <summary>
    /// The chart as PNG, <paramref name="width"/> × <paramref name="height"/> pixels, for the regions given (all when null).
    /// </summary>
    public static byte[] RenderPng(ForecastResult result, IReadOnlyCollection<string>? regions = null, int width = 1600, int height = 800)
    {
        ChartFonts.Register();
        var plot = new Plot();
        plot.ScaleFactor = width / 800f;
        var history = result.History;
        var shown = history.Regions.Where(r => regions is null || regions.Contains(r)).ToList();
        var from = Math.Max(0, history.Weeks.Count - HistoryWeeks);
        // x is the week's position: ticks name ISO weeks, as the tables do.
        var pastX = Enumerable.Range(from, history.Weeks.Count - from).Select(t => (double)t).ToArray();

        for (var i = 0; i < shown.Count; i++)
        {
            var region = shown[i];
            var color = Color.FromHex(ChartPng.Palette[i % ChartPng.Palette.Count]);
            var past = history.RegionTotal(region)[from..];

            var ahead = result.Regions.Where(r => r.Region == region).OrderBy(r => r.Week).ToList();
            // The forecast line starts at the last history week so the two lines join.
            var futureX = pastX.TakeLast(1).Concat(ahead.Select(r => (double)(history.Weeks.Count - 1 + history.StepsAhead(r.Week)))).ToArray();
            var mean = past.TakeLast(1).Concat(ahead.Select(r => r.Cases)).ToArray();
            var low = past.TakeLast(1).Concat(ahead.Select(r => r.Low)).ToArray();
            var high = past.TakeLast(1).Concat(ahead.Select(r => r.High)).ToArray();

            var band = plot.Add.FillY(futureX, low, high);
            band.FillColor = color.WithAlpha(0.18);
            band.LineColor = Colors.Transparent;

            var line = plot.Add.Scatter(pastX, past);
            line.Color = color;
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            line.LegendText = region;

            var forecast = plot.Add.Scatter(futureX, mean);
            forecast.Color = color;
            forecast.MarkerSize = 0;
            forecast.LineWidth = 2;
            forecast.LinePattern = LinePattern.Dashed;
        }

        if (shown.Count > 0)
        {
            var boundary = plot.Add.VerticalLine(history.Weeks.Count - 0.5);
            boundary.Color = Colors.Gray;
            boundary.LinePattern = LinePattern.Dotted;
        }

        var method = result.Method.Code().Replace('_', ' ');
        var coverage = result.Backtest.RegionIntervals is not null ? "back-test interval" : "interval";
        plot.Title($"Weekly cases by region: last {pastX.Length} weeks and {result.Regions.Select(r => r.Week).Distinct().Count()}-week forecast");
        var all = history.Weeks.Concat(history.Horizon).ToList();
        var ticks = Enumerable.Range(from, all.Count - from).Where(t => (all.Count - 1 - t) % 13 == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(t => (double)t).ToArray(), ticks.Select(t => all[t].ToString()).ToArray());
        plot.XLabel($"ISO week. Dashed: forecast ({method}); shaded: {coverage}");
        plot.YLabel("cases per week");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

}
