using System.Globalization;
using ScottPlot;

namespace JuniperFts.Reports.Charts;

/// <summary>One named series of a chart: a value per category (null: no figure, nothing drawn).</summary>
/// <param name="Color">"#RRGGBB"; null picks the next colour of the house palette.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, string? Color = null);

/// <summary>A dashed horizontal line with a label, e.g. a target.</summary>
public sealed record ChartReference(double Value, string Label, string Color = "#C0392B");

/// <summary>What a chart shows: categories along the bottom, one or more series, optional reference lines.</summary>
/// <remarks>Width and height are in PDF points; the PNG is rendered at twice that many pixels so it stays sharp.</remarks>
public sealed record ChartSpec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public string? YLabel { get; init; }
    public double? YMin { get; init; }
    public double? YMax { get; init; }
    /// <summary>.NET format of the value labels drawn on bars (null: none).</summary>
    public string? ValueFormat { get; init; } = "0";
    public IReadOnlyList<ChartReference> References { get; init; } = [];
    /// <summary>Counts: ticks on whole numbers only (no "1.5 cases").</summary>
    public bool WholeNumbers { get; init; }
    public int Width { get; init; } = 380;
    public int Height { get; init; } = 220;
}

/// <summary>Renders bar and line charts with the shipped font and the house colours: PNG for documents, SVG for the portal's pages.</summary>
public static class ChartPng
{
    /// <summary>The house palette, in the order series take it (matches the PDF theme).</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#1F3A5F", "#2A9D8F", "#E9A23B", "#8E5EA2", "#C0392B", "#5F6B7A"];

    private const int Scale = 2;

    /// <summary>Grouped vertical bars: one group per category, one bar per series.</summary>
    public static byte[] Bars(ChartSpec spec) => Render(BarPlot(spec, Scale), spec);

    /// <summary>The grouped bars of <see cref="Bars"/> as an SVG document, <see cref="ChartSpec.Width"/> by <see cref="ChartSpec.Height"/> pixels.</summary>
    public static string BarsSvg(ChartSpec spec) => BarPlot(spec, 1).GetSvgXml(spec.Width, spec.Height);

    /// <summary>The lines of <see cref="Lines"/> as an SVG document, <see cref="ChartSpec.Width"/> by <see cref="ChartSpec.Height"/> pixels.</summary>
    public static string LinesSvg(ChartSpec spec) => LinePlot(spec, 1).GetSvgXml(spec.Width, spec.Height);

    private static Plot BarPlot(ChartSpec spec, int scale)
    {
        var plot = NewPlot(spec, scale);
        var seriesCount = Math.Max(1, spec.Series.Count);
        var slot = 0.8 / seriesCount;
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var color = Color.FromHex(series.Color ?? Palette[s % Palette.Count]);
            var bars = new List<Bar>();
            for (var i = 0; i < spec.Categories.Count && i < series.Values.Count; i++)
            {
                if (series.Values[i] is not { } v) continue;
                bars.Add(new Bar
                {
                    Position = i - 0.4 + slot * (s + 0.5),
                    Value = v,
                    Size = slot * 0.9,
                    FillColor = color,
                    LineWidth = 0,
                    Label = spec.ValueFormat is null ? "" : v.ToString(spec.ValueFormat, CultureInfo.InvariantCulture),
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Name;
            plottable.ValueLabelStyle.FontSize = 9;
            plottable.ValueLabelStyle.ForeColor = Color.FromHex("#222B36");
        }
        FinishAxes(plot, spec, barsFromZero: true);
        return plot;
    }

    /// <summary>Lines with markers over the categories (e.g. a trend over quarters); gaps where a value is null.</summary>
    public static byte[] Lines(ChartSpec spec) => Render(LinePlot(spec, Scale), spec);

    private static Plot LinePlot(ChartSpec spec, int scale)
    {
        var plot = NewPlot(spec, scale);
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            var color = Color.FromHex(series.Color ?? Palette[s % Palette.Count]);
            var points = series.Values.Take(spec.Categories.Count)
                .Select((v, i) => (X: (double)i, Y: v)).Where(p => p.Y is not null).ToArray();
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray(), color);
            scatter.LegendText = series.Name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }
        FinishAxes(plot, spec, barsFromZero: false);
        return plot;
    }

    private static Plot NewPlot(ChartSpec spec, int scale)
    {
        ChartFonts.Register();
        var plot = new Plot { ScaleFactor = scale };
        plot.Font.Set(Pdf.Fonts.ShippedFonts.Family);
        plot.Title(spec.Title, 12);
        plot.Axes.Title.Label.ForeColor = Color.FromHex("#1F3A5F");
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
        plot.Grid.YAxisStyle.MajorLineStyle.Color = Color.FromHex("#E3E7EC");
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Left.FrameLineStyle.Color = Color.FromHex("#B8C0CA");
        plot.Axes.Bottom.FrameLineStyle.Color = Color.FromHex("#B8C0CA");
        if (spec.YLabel is not null)
        {
            plot.Axes.Left.Label.Text = spec.YLabel;
            plot.Axes.Left.Label.FontSize = 10;
        }
        return plot;
    }

    private static void FinishAxes(Plot plot, ChartSpec spec, bool barsFromZero)
    {
        foreach (var reference in spec.References)
        {
            var line = plot.Add.HorizontalLine(reference.Value, 1.5f, Color.FromHex(reference.Color), LinePattern.Dashed);
            line.LegendText = reference.Label;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < spec.Categories.Count; i++) ticks.AddMajor(i, spec.Categories[i]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        if (spec.WholeNumbers)
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        var values = spec.Series.SelectMany(s => s.Values).OfType<double>().Concat(spec.References.Select(r => r.Value)).ToArray();
        var max = spec.YMax ?? (values.Length == 0 ? 1 : Math.Max(1, values.Max() * 1.25));
        var min = spec.YMin ?? (barsFromZero || values.Length == 0 ? 0 : Math.Min(0, values.Min()));
        plot.Axes.SetLimits(-0.6, Math.Max(0.6, spec.Categories.Count - 0.4), min, max);

        if (spec.Series.Count > 1 || spec.References.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 9;
            plot.Legend.FontName = Pdf.Fonts.ShippedFonts.Family;
            plot.Legend.OutlineWidth = 0;
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.Legend.BackgroundColor = Colors.Transparent;
        }
    }

    private static byte[] Render(Plot plot, ChartSpec spec) =>
        plot.GetImageBytes(spec.Width * Scale, spec.Height * Scale, ImageFormat.Png);
}
