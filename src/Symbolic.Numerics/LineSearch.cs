namespace Symbolic.Numerics;

// Line searches along a descent direction d from the run's current point. Each writes the accepted point,
// its gradient and value into the output buffers and returns false when no acceptable step was found.
internal static class LineSearch
{
    private const double C1 = 1e-4;

    // Values within this of f(x) count as equal: near a minimum, f changes by less than its round-off
    // (a gradient of 1e-10 moves f by about 1e-20), while the gradient, which decides the curvature
    // condition, is still accurate. Without it the search fails just short of a tight tolerance.
    private static double Fuzz(double f0) => 1e-13 * Math.Abs(f0);

    /// <summary>Backtracking until the Armijo condition f(x + t d) &lt;= f(x) + c1 t g.d holds, halving from <paramref name="t"/>.</summary>
    public static bool Armijo(Run run, double[] d, ref double t, double[] xNew, double[] gNew, out double fNew)
    {
        double slope = Vectors.Dot(run.G, d);
        fNew = double.NaN;
        if (!(slope < 0)) return false;
        for (int i = 0; i < 60; i++, t *= 0.5)
        {
            Vectors.Step(run.X, t, d, xNew);
            fNew = run.Evaluate(xNew, gNew);
            if (double.IsFinite(fNew) && fNew <= run.F + C1 * t * slope + Fuzz(run.F) && Vectors.AllFinite(gNew)) return true;
        }
        return false;
    }

    /// <summary>
    /// A step satisfying the strong Wolfe conditions (Nocedal and Wright, algorithms 3.5 and 3.6): sufficient
    /// decrease and |g(x + t d).d| &lt;= c2 |g.d|, by bracketing then zooming with safeguarded cubic interpolation.
    /// </summary>
    public static bool StrongWolfe(Run run, double[] d, double t, double c2, double[] xNew, double[] gNew, out double fNew, out double step)
    {
        double f0 = run.F, slope0 = Vectors.Dot(run.G, d);
        fNew = double.NaN;
        step = 0;
        if (!(slope0 < 0)) return false;
        double tPrev = 0, fPrev = f0, dPrev = slope0;
        for (int i = 0; i < 40; i++)
        {
            Vectors.Step(run.X, t, d, xNew);
            double f = run.Evaluate(xNew, gNew);
            if (!double.IsFinite(f) || !Vectors.AllFinite(gNew))
            {
                t = tPrev + 0.5 * (t - tPrev); // too far: come back toward the last good step
                continue;
            }
            double slope = Vectors.Dot(gNew, d);
            if (f > f0 + C1 * t * slope0 + Fuzz(f0) || (i > 0 && f >= fPrev + Fuzz(f0)))
                return Zoom(run, d, f0, slope0, c2, tPrev, fPrev, dPrev, t, f, slope, xNew, gNew, out fNew, out step);
            if (Math.Abs(slope) <= -c2 * slope0)
            {
                (fNew, step) = (f, t);
                return true;
            }
            if (slope >= 0)
                return Zoom(run, d, f0, slope0, c2, t, f, slope, tPrev, fPrev, dPrev, xNew, gNew, out fNew, out step);
            (tPrev, fPrev, dPrev) = (t, f, slope);
            t *= 2;
        }
        return false;
    }

    private static bool Zoom(Run run, double[] d, double f0, double slope0, double c2,
        double lo, double fLo, double dLo, double hi, double fHi, double dHi,
        double[] xNew, double[] gNew, out double fNew, out double step)
    {
        for (int j = 0; j < 40; j++)
        {
            double t = Cubic(lo, fLo, dLo, hi, fHi, dHi);
            double a = Math.Min(lo, hi), b = Math.Max(lo, hi), margin = 0.1 * (b - a);
            if (!double.IsFinite(t) || t < a + margin || t > b - margin) t = 0.5 * (lo + hi);
            Vectors.Step(run.X, t, d, xNew);
            double f = run.Evaluate(xNew, gNew);
            double slope = Vectors.AllFinite(gNew) ? Vectors.Dot(gNew, d) : double.NaN;
            if (!double.IsFinite(f) || !double.IsFinite(slope) || f > f0 + C1 * t * slope0 + Fuzz(f0) || f >= fLo + Fuzz(f0))
            {
                (hi, fHi, dHi) = (t, double.IsFinite(f) ? f : double.MaxValue, double.IsFinite(slope) ? slope : 0);
                continue;
            }
            if (Math.Abs(slope) <= -c2 * slope0)
            {
                (fNew, step) = (f, t);
                return true;
            }
            if (slope * (hi - lo) >= 0) (hi, fHi, dHi) = (lo, fLo, dLo);
            (lo, fLo, dLo) = (t, f, slope);
            if (Math.Abs(hi - lo) < 1e-16 * Math.Max(1, Math.Abs(lo))) break;
        }
        // The bracket collapsed (round-off near the minimum): accept the best point with sufficient decrease, if any.
        if (lo > 0 && fLo < f0)
        {
            Vectors.Step(run.X, lo, d, xNew);
            fNew = run.Evaluate(xNew, gNew);
            step = lo;
            return double.IsFinite(fNew);
        }
        (fNew, step) = (double.NaN, 0);
        return false;
    }

    // The minimizer of the cubic matching f and f' at a and b.
    private static double Cubic(double a, double fa, double da, double b, double fb, double db)
    {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) return double.NaN;
        double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }
}
