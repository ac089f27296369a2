namespace Symbolic.Numerics;

/// <summary>
/// Linear conjugate gradient for f(x) = 1/2 x^T A x - b^T x with A symmetric positive definite, that is for
/// A x = b, in the residual form of the course notes: r = b - A x, alpha = r.r / p.A p, x &lt;- x + alpha p,
/// r &lt;- r - alpha A p, p &lt;- r + (r_new.r_new / r.r) p. In exact arithmetic it ends in at most n steps.
/// </summary>
/// <example><c>LinearConjugateGradient.Minimize(new double[,] {{4, 1}, {1, 3}}, [1.0, 2.0])</c> reaches [1/11, 7/11] in 2 steps.</example>
public static class LinearConjugateGradient
{
    /// <summary>Minimizes 1/2 x^T A x - b^T x from <paramref name="start"/> (zero when null).</summary>
    /// <returns>The point, f there, the residual norm ||b - A x|| as the gradient norm, and the steps taken.</returns>
    /// <exception cref="ArgumentException">A is not square or does not match b.</exception>
    public static MinimizationResult Minimize(double[,] a, double[] b, double[]? start = null, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = b.Length;
        if (a.GetLength(0) != n || a.GetLength(1) != n) throw new ArgumentException($"A must be {n} by {n} to match b.", nameof(a));
        options ??= MinimizationOptions.Default;
        options.Validate();
        int max = options.IterationsOr(Math.Max(n, 1000));
        var x = start is null ? new double[n] : (double[])start.Clone();
        if (x.Length != n) throw new ArgumentException($"The start needs {n} coordinates.", nameof(start));
        var r = new double[n];
        var p = new double[n];
        var ap = new double[n];
        Multiply(a, x, ap);
        for (int i = 0; i < n; i++) p[i] = r[i] = b[i] - ap[i];
        double rr = Vectors.Dot(r, r);
        var trace = options.RecordTrace ? new List<TraceEntry> { new(0, (double[])x.Clone(), Value(a, b, x, ap), Math.Sqrt(rr)) } : null;
        int k = 0;
        var reason = ExitReason.MaxIterations;
        var context = ComputeContext.Current;
        while (true)
        {
            context.ThrowIfStopped();
            if (!double.IsFinite(rr)) { reason = ExitReason.NonFinite; break; }
            if (Math.Sqrt(rr) <= options.Tolerance) { reason = ExitReason.Converged; break; }
            if (k >= max) break;
            Multiply(a, p, ap);
            double pap = Vectors.Dot(p, ap);
            if (!(pap > 0)) { reason = ExitReason.Singular; break; } // A is not positive definite along p
            double alpha = rr / pap;
            for (int i = 0; i < n; i++)
            {
                x[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
            }
            double rrNew = Vectors.Dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
            rr = rrNew;
            k++;
            trace?.Add(new TraceEntry(k, (double[])x.Clone(), Value(a, b, x, ap), Math.Sqrt(rr)));
        }
        return new MinimizationResult(x, Value(a, b, x, ap), Math.Sqrt(rr), k, k + 1, reason, "cg", (IReadOnlyList<TraceEntry>?)trace ?? []);
    }

    private static void Multiply(double[,] a, double[] x, double[] result)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i, j] * x[j];
            result[i] = s;
        }
    }

    // 1/2 x^T A x - b^T x (scratch is overwritten).
    private static double Value(double[,] a, double[] b, double[] x, double[] scratch)
    {
        Multiply(a, x, scratch);
        return 0.5 * Vectors.Dot(x, scratch) - Vectors.Dot(b, x);
    }
}
