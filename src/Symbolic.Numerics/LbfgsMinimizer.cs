namespace Symbolic.Numerics;

/// <summary>
/// Limited-memory BFGS: the inverse-Hessian product from the last <see cref="MinimizationOptions.Memory"/>
/// pairs (s, y) by the two-loop recursion, scaled by y.s / y.y, with strong Wolfe steps. O(m n) per iteration,
/// for large n. 1000 iterations by default.
/// </summary>
public sealed class LbfgsMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>An L-BFGS minimizer with <paramref name="options"/>.</summary>
    public LbfgsMinimizer(MinimizationOptions? options = null) => _options = options ?? MinimizationOptions.Default;

    /// <inheritdoc/>
    public string Name => "lbfgs";

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        var run = new Run(Name, objective, start, _options);
        int n = run.N, m = _options.Memory, max = _options.IterationsOr(1000);
        var sHistory = new double[m][];
        var yHistory = new double[m][];
        var rhos = new double[m];
        var alphas = new double[m];
        for (int i = 0; i < m; i++) (sHistory[i], yHistory[i]) = (new double[n], new double[n]);
        int count = 0, newest = -1;
        double gamma = 1;
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            // d = -H g by the two-loop recursion, newest pair first.
            Vectors.Scale(-1, run.G, d);
            for (int k = 0; k < count; k++)
            {
                int j = (newest - k + m) % m;
                alphas[j] = rhos[j] * Vectors.Dot(sHistory[j], d);
                Vectors.Combine(-alphas[j], yHistory[j], 1, d);
            }
            Vectors.Scale(gamma, d, d);
            for (int k = count - 1; k >= 0; k--)
            {
                int j = (newest - k + m) % m;
                double beta = rhos[j] * Vectors.Dot(yHistory[j], d);
                Vectors.Combine(alphas[j] - beta, sHistory[j], 1, d);
            }
            double t0 = count == 0 ? Math.Min(1, 1 / run.GradientNorm) : 1;
            if (!LineSearch.StrongWolfe(run, d, t0, 0.9, xNew, gNew, out double f, out _))
                return run.Result(ExitReason.LineSearchFailed);
            int next = (newest + 1) % m;
            var s = sHistory[next];
            var y = yHistory[next];
            Vectors.Difference(xNew, run.X, s);
            Vectors.Difference(gNew, run.G, y);
            run.Accept(ref xNew, f, ref gNew);
            double ys = Vectors.Dot(y, s);
            if (!(ys > 1e-300)) continue;
            rhos[next] = 1 / ys;
            gamma = ys / Vectors.Dot(y, y);
            newest = next;
            count = Math.Min(count + 1, m);
        }
        return run.Finish(ExitReason.MaxIterations);
    }
}
