using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Symbolic.Numerics;

/// <summary>
/// One of MathNet.Numerics' unconstrained minimizers (BFGS, L-BFGS, conjugate gradient, Newton) behind the
/// shared result type. MathNet signals running out of iterations with an exception that carries no point,
/// so the adapter keeps the best point it has seen and reports it with <see cref="ExitReason.MaxIterations"/>.
/// Kept for comparison: the benchmarks run each beside the hand-written method of the same name.
/// </summary>
public sealed class MathNetMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>The MathNet method <paramref name="method"/>: "bfgs", "lbfgs", "cg" or "newton".</summary>
    public MathNetMinimizer(string method, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method is not ("bfgs" or "lbfgs" or "cg" or "newton"))
            throw new ArgumentException($"MathNet provides bfgs, lbfgs, cg and newton, not '{method}'.", nameof(method));
        (Name, _options) = (method, options ?? MinimizationOptions.Default);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        _options.Validate();
        int n = objective.Dimension;
        if (start.Length != n) throw new ArgumentException($"The start has {start.Length} coordinates but the objective has {n} variables.", nameof(start));
        int max = _options.IterationsOr(Name is "newton" or "bfgs" ? 100 : 1000);
        double tol = _options.Tolerance;
        int evaluations = 0;
        double bestValue = double.PositiveInfinity;
        var best = (double[])start.Clone();
        var x = new double[n];
        var g = new double[n];

        var context = ComputeContext.Current;
        (double, Vector<double>) ValueAndGradient(Vector<double> v)
        {
            context.ThrowIfStopped(); // MathNet's loop cannot be stopped otherwise
            for (int i = 0; i < n; i++) x[i] = v[i];
            double f = objective.ValueAndGradient(x, g);
            evaluations++;
            if (f < bestValue) (bestValue, best) = (f, (double[])x.Clone());
            return (f, Vector<double>.Build.Dense((double[])g.Clone()));
        }

        IObjectiveFunction function = Name == "newton"
            ? ObjectiveFunction.GradientHessian(v =>
            {
                var (f, grad) = ValueAndGradient(v);
                var h = new double[n * n];
                objective.Hessian(x, h);
                evaluations++;
                return (f, grad, Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]));
            })
            : ObjectiveFunction.Gradient(ValueAndGradient);
        IUnconstrainedMinimizer minimizer = Name switch
        {
            "bfgs" => new MathNet.Numerics.Optimization.BfgsMinimizer(tol, 0, 0, max),
            "lbfgs" => new LimitedMemoryBfgsMinimizer(tol, 0, 0, _options.Memory, max),
            "cg" => new MathNet.Numerics.Optimization.ConjugateGradientMinimizer(tol, max),
            _ => new MathNet.Numerics.Optimization.NewtonMinimizer(tol, max, useLineSearch: true),
        };
        double[] point;
        int iterations;
        ExitReason reason;
        try
        {
            var result = minimizer.FindMinimum(function, Vector<double>.Build.DenseOfArray(start));
            point = result.MinimizingPoint.ToArray();
            iterations = result.Iterations;
            reason = ExitReason.Converged;
        }
        catch (MaximumIterationsException)
        {
            (point, iterations, reason) = (best, max, ExitReason.MaxIterations);
        }
        catch (Exception ex) when (ex is OptimizationException or ArgumentException or EvaluationException)
        {
            (point, iterations, reason) = (best, -1, double.IsFinite(bestValue) ? ExitReason.LineSearchFailed : ExitReason.NonFinite);
        }
        var gradient = new double[n];
        double value = objective.ValueAndGradient(point, gradient);
        double norm = Vectors.Norm(gradient);
        if (reason == ExitReason.Converged && !(norm <= tol)) reason = ExitReason.LineSearchFailed; // stopped on another criterion
        return new MinimizationResult(point, value, norm, Math.Max(iterations, 0), evaluations, reason, Name, []);
    }
}
