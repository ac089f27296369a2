using MathNet.Numerics.LinearAlgebra;

namespace Symbolic.Numerics;

/// <summary>
/// Newton's method with the exact (compiled) Hessian. Safeguarded by default: the step solves H d = -g by
/// Cholesky, and when H is not positive definite, (H + tau I) d = -g with the smallest tau of the sequence
/// 1e-3 * max|H_ii|, 10x, ... that factors (Nocedal and Wright, algorithm 3.3), so d still descends; then
/// backtracking (Armijo) from the full step. With <see cref="MinimizationOptions.LineSearch"/> false it is the
/// plain method of the course notes, x &lt;- x - H^-1 g by LU, which also converges to saddles and maxima and
/// stops with <see cref="ExitReason.Singular"/> at a singular Hessian.
/// </summary>
/// <remarks>Written by hand: MathNet's NewtonMinimizer has no modified step (it throws on an indefinite Hessian)
/// and allocates per iteration; see the numerics benchmarks for the comparison.</remarks>
public sealed class NewtonMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>A Newton minimizer with <paramref name="options"/> (100 iterations by default).</summary>
    public NewtonMinimizer(MinimizationOptions? options = null) => _options = options ?? MinimizationOptions.Default;

    /// <inheritdoc/>
    public string Name => "newton";

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (!objective.HasHessian) throw new ArgumentException("Newton's method needs the Hessian; build the objective from an expression or pass a Hessian.", nameof(objective));
        var run = new Run(Name, objective, start, _options);
        int n = run.N, max = _options.IterationsOr(100);
        bool safeguarded = _options.LineSearch ?? true;
        var h = new double[n * n];
        var l = new double[n * n];
        var d = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            objective.Hessian(run.X, h);
            run.Evaluations++;
            if (!Vectors.AllFinite(h)) return run.Result(ExitReason.NonFinite);
            double f;
            if (safeguarded)
            {
                DescentDirection(h, l, run.G, d, n);
                double t = 1;
                if (!LineSearch.Armijo(run, d, ref t, xNew, gNew, out f)) return run.Result(ExitReason.LineSearchFailed);
            }
            else
            {
                if (!NewtonStep(h, run.G, d, n)) return run.Result(ExitReason.Singular);
                Vectors.Step(run.X, 1, d, xNew);
                f = run.Evaluate(xNew, gNew);
                if (!double.IsFinite(f) || !Vectors.AllFinite(gNew))
                {
                    run.Iterations++;
                    return run.Result(ExitReason.NonFinite);
                }
            }
            run.Accept(ref xNew, f, ref gNew);
        }
        return run.Finish(ExitReason.MaxIterations);
    }

    // d solves (H + tau I) d = -g for the smallest tau >= 0 tried that makes the matrix positive definite.
    private static void DescentDirection(double[] h, double[] l, double[] g, double[] d, int n)
    {
        double minDiagonal = double.PositiveInfinity, maxDiagonal = 0;
        for (int i = 0; i < n; i++)
        {
            minDiagonal = Math.Min(minDiagonal, h[i * n + i]);
            maxDiagonal = Math.Max(maxDiagonal, Math.Abs(h[i * n + i]));
        }
        double beta = 1e-3 * Math.Max(maxDiagonal, 1e-8);
        double tau = minDiagonal > 0 ? 0 : beta - minDiagonal;
        for (int attempt = 0; attempt < 80; attempt++)
        {
            Array.Copy(h, l, h.Length);
            for (int i = 0; i < n; i++) l[i * n + i] += tau;
            if (Vectors.Cholesky(l, n))
            {
                for (int i = 0; i < n; i++) d[i] = -g[i];
                Vectors.CholeskySolve(l, n, d);
                if (Vectors.AllFinite(d)) return;
            }
            tau = Math.Max(10 * tau, beta);
        }
        for (int i = 0; i < n; i++) d[i] = -g[i]; // unreachable in practice: a huge shift is a scaled gradient step
    }

    // The plain Newton step by LU (MathNet); false when H is singular.
    private static bool NewtonStep(double[] h, double[] g, double[] d, int n)
    {
        var lu = Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]).LU();
        if (IsSingular(lu.U, n)) return false;
        var step = lu.Solve(Vector<double>.Build.Dense(g));
        for (int i = 0; i < n; i++) d[i] = -step[i];
        return Vectors.AllFinite(d);
    }

    // U's diagonal relative to its largest entry: an exact or numerical zero pivot.
    internal static bool IsSingular(Matrix<double> factors, int n)
    {
        double largest = 0, smallest = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            double u = Math.Abs(factors[i, i]);
            largest = Math.Max(largest, u);
            smallest = Math.Min(smallest, u);
        }
        return !(smallest > 1e-14 * largest) || largest == 0;
    }
}
