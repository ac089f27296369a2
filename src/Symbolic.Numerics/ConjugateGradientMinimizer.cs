namespace Symbolic.Numerics;

/// <summary>
/// Nonlinear conjugate gradient (Polak-Ribiere+, beta = max(0, g1.(g1 - g0) / g0.g0)) with strong Wolfe steps
/// (c2 = 0.1), restarting along -g whenever the direction stops descending. For the quadratic
/// 1/2 x^T A x - b^T x, <see cref="LinearConjugateGradient"/> is exact in at most n steps. 1000 iterations by default.
/// </summary>
public sealed class ConjugateGradientMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>A nonlinear CG minimizer with <paramref name="options"/>.</summary>
    public ConjugateGradientMinimizer(MinimizationOptions? options = null) => _options = options ?? MinimizationOptions.Default;

    /// <inheritdoc/>
    public string Name => "cg";

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        var run = new Run(Name, objective, start, _options);
        int n = run.N, max = _options.IterationsOr(1000);
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var change = new double[n];
        Vectors.Scale(-1, run.G, d);
        double t0 = Math.Min(1, 1 / run.GradientNorm);
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            double slope = Vectors.Dot(run.G, d);
            if (!(slope < 0))
            {
                Vectors.Scale(-1, run.G, d);
                slope = -run.GradientNorm * run.GradientNorm;
            }
            if (!LineSearch.StrongWolfe(run, d, t0, 0.1, xNew, gNew, out double f, out double step))
                return run.Result(ExitReason.LineSearchFailed);
            double gg = run.GradientNorm * run.GradientNorm;
            Vectors.Difference(gNew, run.G, change);
            double beta = Math.Max(0, Vectors.Dot(gNew, change) / gg);
            run.Accept(ref xNew, f, ref gNew);
            Vectors.Combine(-1, run.G, beta, d);
            // The next trial step predicts the same first-order change as this one (Nocedal and Wright, 3.60).
            double newSlope = Vectors.Dot(run.G, d);
            t0 = newSlope < 0 ? step * slope / newSlope : 1;
        }
        return run.Finish(ExitReason.MaxIterations);
    }
}
