namespace Symbolic.Plotting;

/// <summary>A closed interval of y values a plot shows.</summary>
/// <param name="Low">The bottom of the view.</param>
/// <param name="High">The top of the view (greater than <paramref name="Low"/>).</param>
internal readonly record struct ViewRange(double Low, double High)
{
    public double Height => High - Low;

    /// <summary>The smallest range holding both.</summary>
    public ViewRange Union(ViewRange other) => new(Math.Min(Low, other.Low), Math.Max(High, other.High));
}

/// <summary>
/// The points a curve y = f(x) on [a, b] is drawn through, in order; a NaN y ends a piece of the line
/// (a pole, a jump, or a stretch where f is undefined or not finite), so the drawn line never bridges it.
/// </summary>
internal sealed record SampledCurve(double[] X, double[] Y)
{
    /// <summary>The connected pieces: runs of finite points between gaps.</summary>
    public IEnumerable<(double[] X, double[] Y)> Pieces()
    {
        int start = 0;
        for (int i = 0; i <= Y.Length; i++)
        {
            if (i < Y.Length && double.IsFinite(Y[i])) continue;
            if (i > start) yield return (X[start..i], Y[start..i]);
            start = i + 1;
        }
    }
}

/// <summary>
/// Samples functions of one variable for drawing: a uniform first pass (evaluated as one batch), then rounds
/// that halve every interval whose middle point strays from the chord of its neighbours by more than a
/// fraction of a pixel, so points gather where the curve bends; intervals where the function turns
/// undefined are halved too, to find the edge of its domain. What refinement cannot close (a pole, where
/// the curve leaves the view on one side and comes back on the other, or a jump) becomes a gap. Each
/// round's new abscissas go to the evaluator as one batch, so a compiled function spreads them across cores.
/// </summary>
internal static class AdaptiveSampler
{
    /// <summary>Points of the first, uniform pass.</summary>
    public const int InitialPoints = 129;

    /// <summary>How often an interval of the first pass may be halved.</summary>
    public const int MaxDepth = 12;

    /// <summary>At most this many points per curve.</summary>
    public const int MaxPoints = 20_000;

    /// <summary>The largest deviation from a straight chord left unrefined, as a fraction of the plot's
    /// height and width (about a quarter of a pixel on an 800 by 500 plot).</summary>
    public const double Tolerance = 1.0 / 3000;

    /// <summary>
    /// Samples every function on [a, b] and chooses the y range they are shown in (the same for all, so
    /// refinement measures bends on the picture that will be drawn).
    /// </summary>
    /// <param name="functions">Batch evaluators: given abscissas, return f at each (NaN or an infinity where undefined).</param>
    /// <param name="a">The left end.</param>
    /// <param name="b">The right end (greater than <paramref name="a"/>).</param>
    public static (SampledCurve[] Curves, ViewRange View) Sample(IReadOnlyList<Func<double[], double[]>> functions, double a, double b)
    {
        if (!(a < b) || !double.IsFinite(a) || !double.IsFinite(b)) throw new ArgumentException("need finite a < b");
        var xs = Uniform(a, b, InitialPoints);
        var first = functions.Select(f => Checked(f(xs), xs.Length)).ToArray();
        var view = ViewFor(first);
        var curves = new SampledCurve[functions.Count];
        for (int k = 0; k < functions.Count; k++)
        {
            ComputeContext.Current.ThrowIfStopped();
            curves[k] = Refine(functions[k], xs, first[k], a, b, view);
        }
        return (curves, view);
    }

    /// <summary>n equally spaced points from a to b, both included.</summary>
    public static double[] Uniform(double a, double b, int n)
    {
        var xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = i == n - 1 ? b : a + (b - a) * i / (n - 1);
        return xs;
    }

    /// <summary>
    /// The y range to show: the finite values, except that a few values far beyond the bulk (near a pole)
    /// do not stretch it. The bulk is the 10th to 90th percentile; the range reaches at most three times its
    /// spread beyond it. Then 5% of margin at both ends.
    /// </summary>
    public static ViewRange ViewFor(IEnumerable<double[]> samples)
    {
        var finite = samples.SelectMany(s => s).Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) return new ViewRange(-1, 1);
        double min = finite[0], max = finite[^1];
        double q10 = finite[(int)(0.1 * (finite.Length - 1))], q90 = finite[(int)Math.Ceiling(0.9 * (finite.Length - 1))];
        double spread = q90 - q10;
        double low = Math.Max(min, q10 - 3 * spread), high = Math.Min(max, q90 + 3 * spread);
        if (!(high - low > 1e-12 * Math.Max(1, Math.Abs(high))))
        {
            // A constant (or nearly): show it in the middle of a unit-sized window.
            double pad = Math.Max(1, Math.Abs(low) * 0.1);
            return new ViewRange(low - pad, high + pad);
        }
        double margin = 0.05 * (high - low);
        return new ViewRange(low - margin, high + margin);
    }

    private static double[] Checked(double[] ys, int n) =>
        ys.Length == n ? ys : throw new InvalidOperationException($"the evaluator returned {ys.Length} values for {n} points");

    /// <summary>Refines one curve from its uniform samples; see the class summary.</summary>
    public static SampledCurve Refine(Func<double[], double[]> f, double[] xs0, double[] ys0, double a, double b, ViewRange view)
    {
        var xs = new List<double>(xs0);
        var ys = new List<double>(ys0);
        double minWidth = (b - a) / (xs0.Length - 1) / (1 << MaxDepth) * 1.5;
        double sx = 1 / (b - a), sy = 1 / view.Height;
        double Screen(double y) => Math.Clamp((y - view.Low) * sy, -1, 2); // beyond the view every value looks the same

        for (int round = 0; round < MaxDepth && xs.Count < MaxPoints; round++)
        {
            int n = xs.Count;
            var split = new bool[n - 1];
            var rise = new double[n - 1]; // each segment's height on the picture (0 when an end is not finite)
            for (int i = 0; i + 1 < n; i++)
                rise[i] = double.IsFinite(ys[i]) && double.IsFinite(ys[i + 1]) ? Math.Abs(Screen(ys[i + 1]) - Screen(ys[i])) : 0;
            for (int i = 0; i + 1 < n; i++)
            {
                if (xs[i + 1] - xs[i] <= minWidth) continue;
                bool f0 = double.IsFinite(ys[i]), f1 = double.IsFinite(ys[i + 1]);
                if (f0 != f1) split[i] = true; // the edge of the domain, or a pole
                else if (f0 && IsSteep(rise, i)) split[i] = true; // a jump or a pole?
            }
            for (int i = 1; i + 1 < n; i++)
            {
                if (!double.IsFinite(ys[i - 1]) || !double.IsFinite(ys[i]) || !double.IsFinite(ys[i + 1])) continue;
                double x0 = xs[i - 1] * sx, x1 = xs[i] * sx, x2 = xs[i + 1] * sx;
                double y0 = Screen(ys[i - 1]), y1 = Screen(ys[i]), y2 = Screen(ys[i + 1]);
                if (DistanceToChord(x0, y0, x1, y1, x2, y2) > Tolerance)
                {
                    if (xs[i] - xs[i - 1] > minWidth) split[i - 1] = true;
                    if (xs[i + 1] - xs[i] > minWidth) split[i] = true;
                }
            }
            var mids = new List<double>();
            for (int i = 0; i + 1 < n; i++)
                if (split[i]) mids.Add(0.5 * (xs[i] + xs[i + 1]));
            if (mids.Count == 0) break;
            if (n + mids.Count > MaxPoints) mids = mids.Take(MaxPoints - n).ToList();
            if (mids.Count == 0) break;
            ComputeContext.Current.ThrowIfStopped();
            var newX = mids.ToArray();
            var newY = Checked(f(newX), newX.Length);
            Merge(xs, ys, newX, newY);
        }
        var withGaps = WithGaps(xs, ys, minWidth, view); // inserts the gaps' abscissas into xs
        return new SampledCurve([.. xs], withGaps);
    }

    /// <summary>The smallest height on the picture (a fraction of the view) of a segment that becomes a gap when
    /// refinement cannot make it narrower: about five pixels on a 500-pixel plot.</summary>
    public const double JumpHeight = 0.01;

    /// <summary>
    /// A segment worth narrowing down to find a jump or a pole: higher than a quarter of the view, or visibly
    /// high and three times higher than the curve on both sides (on a continuous curve neighbours rise alike;
    /// at a jump they are flat). A side is the flatter of the next two segments, because a sample that lands
    /// inside a jump (sign(0) = 0) splits it into two steep segments side by side.
    /// </summary>
    private static bool IsSteep(double[] rise, int i)
    {
        if (rise[i] > 0.25) return true;
        double At(int k) => k >= 0 && k < rise.Length ? rise[k] : 0;
        double left = Math.Min(At(i - 1), At(i - 2)), right = Math.Min(At(i + 1), At(i + 2));
        return rise[i] > JumpHeight && rise[i] > 3 * Math.Max(left, right);
    }

    /// <summary>Distance from the middle point to the line through its neighbours.</summary>
    internal static double DistanceToChord(double x0, double y0, double x1, double y1, double x2, double y2)
    {
        double dx = x2 - x0, dy = y2 - y0;
        double length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0) return Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
        return Math.Abs(dy * (x1 - x0) - dx * (y1 - y0)) / length;
    }

    // Both lists are sorted by x; the new points fall strictly between old ones.
    private static void Merge(List<double> xs, List<double> ys, double[] newX, double[] newY)
    {
        var mx = new List<double>(xs.Count + newX.Length);
        var my = new List<double>(xs.Count + newX.Length);
        int j = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            while (j < newX.Length && newX[j] < xs[i])
            {
                mx.Add(newX[j]);
                my.Add(newY[j++]);
            }
            mx.Add(xs[i]);
            my.Add(ys[i]);
        }
        for (; j < newX.Length; j++)
        {
            mx.Add(newX[j]);
            my.Add(newY[j]);
        }
        xs.Clear();
        xs.AddRange(mx);
        ys.Clear();
        ys.AddRange(my);
    }

    /// <summary>
    /// The y values with NaN where the line must break: at non-finite values, and inside the narrowest
    /// intervals that still rise by more than <see cref="JumpHeight"/> of the view (refinement could not
    /// resolve them: a jump, or a pole whose sides leave the view in opposite directions). A break inside an interval is a NaN point
    /// at its middle, so both sides still reach as close to the break as they were sampled.
    /// </summary>
    private static double[] WithGaps(List<double> xs, List<double> ys, double minWidth, ViewRange view)
    {
        var result = new List<double>(ys.Count);
        var resultX = new List<double>(xs.Count);
        for (int i = 0; i < ys.Count; i++)
        {
            if (i > 0 && double.IsFinite(ys[i - 1]) && double.IsFinite(ys[i]) && xs[i] - xs[i - 1] <= minWidth
                && IsBreak(ys[i - 1], ys[i], view))
            {
                resultX.Add(0.5 * (xs[i - 1] + xs[i]));
                result.Add(double.NaN);
            }
            resultX.Add(xs[i]);
            result.Add(double.IsFinite(ys[i]) ? ys[i] : double.NaN);
        }
        xs.Clear();
        xs.AddRange(resultX);
        return [.. result];
    }

    private static bool IsBreak(double y0, double y1, ViewRange view)
    {
        double s0 = Math.Clamp((y0 - view.Low) / view.Height, -1, 2), s1 = Math.Clamp((y1 - view.Low) / view.Height, -1, 2);
        return Math.Abs(s1 - s0) > JumpHeight;
    }

    /// <summary>
    /// The pieces of a curve cut to the band of y from <paramref name="low"/> to <paramref name="high"/>: a
    /// segment that leaves the band ends at the band's edge (where it crosses it), so a drawing holds no
    /// coordinates far outside the picture and the lines keep their true slopes up to the edge.
    /// </summary>
    public static List<(double[] X, double[] Y)> Clip(SampledCurve curve, double low, double high)
    {
        var pieces = new List<(double[] X, double[] Y)>();
        foreach (var (x, y) in curve.Pieces())
        {
            var px = new List<double>();
            var py = new List<double>();
            void Flush()
            {
                if (px.Count > 1) pieces.Add(([.. px], [.. py]));
                px.Clear();
                py.Clear();
            }
            double Cross(int i, double level) => x[i - 1] + (x[i] - x[i - 1]) * (level - y[i - 1]) / (y[i] - y[i - 1]);
            static int Side(double v, double lo, double hi) => v < lo ? -1 : v > hi ? 1 : 0;
            if (Side(y[0], low, high) == 0)
            {
                px.Add(x[0]);
                py.Add(y[0]);
            }
            for (int i = 1; i < x.Length; i++)
            {
                int s0 = Side(y[i - 1], low, high), s1 = Side(y[i], low, high);
                if (s0 == 0 && s1 == 0)
                {
                    px.Add(x[i]);
                    py.Add(y[i]);
                    continue;
                }
                if (s0 != 0 && s0 == s1) continue; // both beyond the same edge
                if (s0 != 0)
                {
                    // Entering the band (or passing through it) from the edge y[i - 1] is beyond.
                    double edge = s0 < 0 ? low : high;
                    Flush();
                    px.Add(Cross(i, edge));
                    py.Add(edge);
                }
                if (s1 == 0)
                {
                    px.Add(x[i]);
                    py.Add(y[i]);
                }
                else
                {
                    double edge = s1 < 0 ? low : high;
                    px.Add(Cross(i, edge));
                    py.Add(edge);
                    Flush();
                }
            }
            Flush();
        }
        return pieces;
    }
}
