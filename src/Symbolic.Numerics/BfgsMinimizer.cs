namespace Symbolic.Numerics;

/// <summary>
/// BFGS: a quasi-Newton method that builds an inverse-Hessian estimate H from gradient differences,
/// H &lt;- (I - rho s y^T) H (I - rho y s^T) + rho s s^T with rho = 1/(y.s), and takes steps satisfying the
/// strong Wolfe conditions (c2 = 0.9), so y.s &gt; 0 keeps H positive definite. The first estimate is scaled by
/// y.s / y.y after the first step (Nocedal and Wright, 6.20). 100 iterations by default.
/// </summary>
/// <remarks>Hand-written rather than MathNet's BfgsMinimizer: see docs/NUMERICS.md for the benchmark that decided it.</remarks>
public sealed class BfgsMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>A BFGS minimizer with <paramref name="options"/>.</summary>
    public BfgsMinimizer(MinimizationOptions? options = null) => _options = options ?? MinimizationOptions.Default;

    /// <inheritdoc/>
    public string Name => "bfgs";

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        var run = new Run(Name, objective, start, _options);
        int n = run.N, max = _options.IterationsOr(100);
        var h = new double[n * n];
        for (int i = 0; i < n; i++) h[i * n + i] = 1;
        var d = new double[n];
        var s = new double[n];
        var y = new double[n];
        var hy = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        bool first = true;
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++) sum -= h[i * n + j] * run.G[j];
                d[i] = sum;
            }
            double t0 = first ? Math.Min(1, 1 / run.GradientNorm) : 1;
            if (!LineSearch.StrongWolfe(run, d, t0, 0.9, xNew, gNew, out double f, out _))
                return run.Result(ExitReason.LineSearchFailed);
            for (int i = 0; i < n; i++)
            {
                s[i] = xNew[i] - run.X[i];
                y[i] = gNew[i] - run.G[i];
            }
            run.Accept(ref xNew, f, ref gNew);
            double ys = Vectors.Dot(y, s);
            if (!(ys > 1e-300)) continue; // no curvature information: keep H
            double yy = Vectors.Dot(y, y);
            if (first)
            {
                double scale = ys / yy;
                for (int i = 0; i < n; i++) h[i * n + i] = scale;
                first = false;
            }
            double rho = 1 / ys;
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += h[i * n + j] * y[j];
                hy[i] = sum;
            }
            double yhy = Vectors.Dot(y, hy);
            double c = rho * rho * yhy + rho;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    h[i * n + j] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
        }
        return run.Finish(ExitReason.MaxIterations);
    }
}
