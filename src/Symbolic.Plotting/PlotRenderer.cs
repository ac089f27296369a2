using ScottPlot;

namespace Symbolic.Plotting;

/// <summary>The image formats a plot can be written in, chosen by the file's extension.</summary>
public enum ImageFormatKind
{
    /// <summary>Scalable vector graphics (<c>.svg</c>).</summary>
    Svg,

    /// <summary>A bitmap (<c>.png</c>).</summary>
    Png,
}

/// <summary>One curve to draw: the legend's text and its sampled points.</summary>
internal sealed record CurveToDraw(string Label, SampledCurve Curve);

/// <summary>
/// Draws sampled curves and level curves with ScottPlot: axes with the variables' names, a legend, the
/// zero lines, a colour bar for contours and the optimizer's path on top. Geometry (sampling, clipping,
/// marching squares) is done before; this class only styles and encodes.
/// </summary>
internal static class PlotRenderer
{
    private const string FontName = "DejaVu Sans";

    private static readonly Color Axis = Color.FromHex("#555555");

    /// <summary>A plot of curves over [a, b] in the y range <paramref name="view"/>.</summary>
    public static Plot Curves(IReadOnlyList<CurveToDraw> curves, string variable, double a, double b, ViewRange view, string yLabel, string title, int width, int height)
    {
        var plot = NewPlot(title);
        plot.XLabel(variable);
        plot.YLabel(yLabel);
        ZeroLines(plot, a, b, view);
        var palette = new ScottPlot.Palettes.Category10();
        // Cut to a band a little larger than the view: lines keep their slopes to the edge, and the file holds
        // no coordinates far outside the picture (near a pole).
        double band = 0.05 * view.Height;
        for (int k = 0; k < curves.Count; k++)
        {
            var color = palette.GetColor(k);
            bool labelled = false;
            foreach (var (x, y) in AdaptiveSampler.Clip(curves[k].Curve, view.Low - band, view.High + band))
            {
                var line = plot.Add.Scatter(x, y, color);
                line.MarkerSize = 0;
                line.LineWidth = 2.5f;
                if (!labelled) line.LegendText = curves[k].Label;
                labelled = true;
            }
            if (!labelled)
            {
                // Nothing of the curve is visible (undefined on the whole interval): still name it in the legend.
                var empty = plot.Add.Scatter(Array.Empty<double>(), Array.Empty<double>(), color);
                empty.LegendText = curves[k].Label + " (undefined here)";
            }
        }
        plot.Axes.SetLimits(a, b, view.Low, view.High);
        if (EmptyCorner(curves, a, b, view, width, height) is { } corner)
        {
            plot.Legend.Alignment = corner;
            plot.ShowLegend();
        }
        else
        {
            plot.ShowLegend(Edge.Right); // every corner has a curve: beside the plot rather than over it
        }
        return plot;
    }

    /// <summary>A contour plot of the grid at <paramref name="levels"/>, shaded, with an optional path on top.</summary>
    public static Plot Contour(ContourGrid grid, double[] levels, IReadOnlyList<LevelCurve> curves, string xName, string yName,
        string title, IReadOnlyList<double[]>? path)
    {
        var plot = NewPlot(title);
        plot.XLabel(xName);
        plot.YLabel(yName);
        double x0 = grid.X[0], x1 = grid.X[^1], y0 = grid.Y[0], y1 = grid.Y[^1];

        if (levels.Length >= 2)
        {
            // Shading by level index (0 at the lowest level, 1 at the next, ...), interpolated between levels, so
            // quantile levels shade evenly; the colour bar labels the index ticks with the levels' values.
            int ny = grid.Y.Length, nx = grid.X.Length;
            var shade = new double[ny, nx];
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++)
                    shade[ny - 1 - j, i] = LevelIndex(grid.Z[j, i], levels); // row 0 of a heatmap is its top
            var heatmap = plot.Add.Heatmap(shade);
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            double cw = (x1 - x0) / (nx - 1), ch = (y1 - y0) / (ny - 1);
            heatmap.Extent = new CoordinateRect(x0 - cw / 2, x1 + cw / 2, y0 - ch / 2, y1 + ch / 2);
            heatmap.Smooth = true;
            heatmap.Opacity = 0.55;
            heatmap.NaNCellColor = Colors.White;
            heatmap.ManualRange = new ScottPlot.Range(0, levels.Length - 1);
            var bar = plot.Add.ColorBar(heatmap);
            bar.Label = "value";
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            int stride = Math.Max(1, (int)Math.Ceiling(levels.Length / 12.0));
            for (int k = 0; k < levels.Length; k += stride) ticks.AddMajor(k, FormatLevel(levels[k]));
            bar.Axis.TickGenerator = ticks;
        }

        var lineColor = Color.FromHex("#1b1b1b").WithAlpha(0.7);
        foreach (var curve in curves)
        {
            foreach (var (x, y) in curve.Lines)
            {
                var line = plot.Add.Scatter(x, y, lineColor);
                line.MarkerSize = 0;
                line.LineWidth = 1;
            }
        }

        if (path is { Count: > 0 }) DrawPath(plot, path);
        plot.Axes.SetLimits(x0, x1, y0, y1);
        return plot;
    }

    private static void DrawPath(Plot plot, IReadOnlyList<double[]> path)
    {
        var xs = path.Select(p => p[0]).ToArray();
        var ys = path.Select(p => p[1]).ToArray();
        var pathColor = Color.FromHex("#e8590c");
        var halo = plot.Add.Scatter(xs, ys, Colors.White.WithAlpha(0.85));
        halo.LineWidth = 4.5f;
        halo.MarkerSize = 0;
        var line = plot.Add.Scatter(xs, ys, pathColor);
        line.LineWidth = 2;
        line.MarkerSize = xs.Length > 60 ? 0 : 5;
        line.MarkerShape = MarkerShape.FilledCircle;
        line.LegendText = $"path ({Plural(xs.Length - 1, "step")})";
        var start = plot.Add.Marker(xs[0], ys[0], MarkerShape.FilledCircle, 13, Color.FromHex("#2f9e44"));
        start.MarkerLineColor = Colors.White;
        start.MarkerLineWidth = 2;
        start.LegendText = $"start ({Format(xs[0])}, {Format(ys[0])})";
        var end = plot.Add.Marker(xs[^1], ys[^1], MarkerShape.FilledDiamond, 15, Color.FromHex("#c92a2a"));
        end.MarkerLineColor = Colors.White;
        end.MarkerLineWidth = 2;
        end.LegendText = $"end ({Format(xs[^1])}, {Format(ys[^1])})";
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
    }

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Format(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    private static string FormatLevel(double v) => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where z falls among the sorted levels: k at levels[k], linear in between, clamped at the ends.</summary>
    internal static double LevelIndex(double z, double[] levels)
    {
        if (!double.IsFinite(z)) return double.NaN;
        if (z <= levels[0]) return 0;
        if (z >= levels[^1]) return levels.Length - 1;
        int k = Array.BinarySearch(levels, z);
        if (k >= 0) return k;
        k = ~k; // levels[k - 1] < z < levels[k]
        return k - 1 + (z - levels[k - 1]) / (levels[k] - levels[k - 1]);
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        if (title.Length > 0) plot.Title(title);
        plot.Axes.Color(Axis);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Legend.FontSize = 13;
        plot.Legend.OutlineColor = Colors.Black.WithAlpha(0.25);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickLabel };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = TickLabel };
        return plot;
    }

    /// <summary>A tick's label: plain for ordinary magnitudes, <c>1.5e+12</c> beyond them (ScottPlot would print
    /// every digit of 1e300).</summary>
    internal static string TickLabel(double v)
    {
        double m = Math.Abs(v);
        if (m != 0 && (m >= 1e6 || m < 1e-4)) return v.ToString("0.###e+0", System.Globalization.CultureInfo.InvariantCulture);
        return ScottPlot.TickGenerators.LabelFormatters.Numeric(v);
    }

    // The axes y = 0 and x = 0 as thin grey lines where they are in view: most functions are read against them.
    private static void ZeroLines(Plot plot, double a, double b, ViewRange view)
    {
        var color = Colors.Black.WithAlpha(0.35);
        if (view.Low < 0 && view.High > 0)
        {
            var h = plot.Add.HorizontalLine(0, 1, color);
            h.ExcludeFromLegend = true;
        }
        if (a < 0 && b > 0)
        {
            var v = plot.Add.VerticalLine(0, 1, color);
            v.ExcludeFromLegend = true;
        }
    }

    /// <summary>
    /// A corner of the plot where the legend (its size estimated from the labels, on a plot of the given pixel
    /// size) covers no part of a curve, or null when every corner has some: the legend then goes outside.
    /// </summary>
    internal static Alignment? EmptyCorner(IReadOnlyList<CurveToDraw> curves, double a, double b, ViewRange view, int width, int height)
    {
        double w = Math.Min(0.6, (curves.Max(c => c.Label.Length) * 7.5 + 50) / Math.Max(width - 80, 100));
        double h = Math.Min(0.8, (curves.Count * 21 + 16.0) / Math.Max(height - 60, 100));
        var corners = new (Alignment Where, double U0, double U1, double V0, double V1)[]
        {
            (Alignment.UpperRight, 1 - w, 1, 1 - h, 1),
            (Alignment.UpperLeft, 0, w, 1 - h, 1),
            (Alignment.LowerRight, 1 - w, 1, 0, h),
            (Alignment.LowerLeft, 0, w, 0, h),
        };
        foreach (var corner in corners)
        {
            bool covered = false;
            foreach (var curve in curves)
            {
                var c = curve.Curve;
                for (int i = 1; i < c.X.Length && !covered; i++)
                {
                    if (!double.IsFinite(c.Y[i - 1]) || !double.IsFinite(c.Y[i])) continue;
                    // The segment's bounding box against the corner's (segments are short after sampling).
                    double u0 = (c.X[i - 1] - a) / (b - a), u1 = (c.X[i] - a) / (b - a);
                    double v0 = (c.Y[i - 1] - view.Low) / view.Height, v1 = (c.Y[i] - view.Low) / view.Height;
                    covered = Math.Max(u0, u1) >= corner.U0 && Math.Min(u0, u1) <= corner.U1
                        && Math.Max(v0, v1) >= corner.V0 && Math.Min(v0, v1) <= corner.V1;
                }
                if (covered) break;
            }
            if (!covered) return corner.Where;
        }
        return null;
    }

    /// <summary>
    /// The image size, at most <paramref name="width"/> by <paramref name="height"/>, at which one unit of x is as
    /// long as one unit of y, so level curves keep their shapes and a gradient step meets them at right angles
    /// as it does on paper. The axes keep their ranges; the picture narrows (or gets lower) instead. Ranges
    /// more than three times apart keep the given size (equal units would squash the picture).
    /// </summary>
    public static (int Width, int Height) EqualUnits(Plot plot, int width, int height, double xRange, double yRange)
    {
        double ratio = xRange / yRange;
        if (!(ratio >= 1.0 / 3 && ratio <= 3)) return (width, height);
        plot.RenderInMemory(width, height);
        var area = plot.RenderManager.LastRender.DataRect;
        double marginX = width - area.Width, marginY = height - area.Height;
        double dataHeight = height - marginY, dataWidth = dataHeight * ratio;
        if (dataWidth + marginX <= width) return ((int)Math.Round(dataWidth + marginX), height);
        dataWidth = width - marginX;
        return (width, (int)Math.Round(dataWidth / ratio + marginY));
    }

    /// <summary>The plot as the bytes of an SVG or PNG file.</summary>
    public static byte[] Encode(Plot plot, ImageFormatKind format, int width, int height) => format switch
    {
        ImageFormatKind.Svg => new System.Text.UTF8Encoding(false).GetBytes(plot.GetSvgXml(width, height)),
        _ => plot.GetImageBytes(width, height, ImageFormat.Png),
    };
}
