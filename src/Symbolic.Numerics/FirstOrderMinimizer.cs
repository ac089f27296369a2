namespace Symbolic.Numerics;

/// <summary>
/// Gradient descent and its machine-learning variants (momentum, Nesterov, Adagrad, RMSprop, Adam): one
/// gradient per iteration and an <see cref="UpdateRule"/>. Plain gradient descent can instead backtrack
/// (Armijo) from the rate when <see cref="MinimizationOptions.LineSearch"/> is on. Written by hand: MathNet
/// has none of these methods.
/// </summary>
/// <example><c>new FirstOrderMinimizer("adam", new MinimizationOptions(Rate: 0.01)).Minimize(f, [0.0, 0.0])</c></example>
public sealed class FirstOrderMinimizer : IMinimizer
{
    private readonly MinimizationOptions _options;

    /// <summary>A minimizer for <paramref name="method"/>: "gd", "momentum", "nesterov", "adagrad", "rmsprop" or "adam".</summary>
    public FirstOrderMinimizer(string method, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        _options = options ?? MinimizationOptions.Default;
        _ = UpdateRule.For(method, _options); // validates the name now
        Name = method == "sgd" ? "gd" : method;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public MinimizationResult Minimize(Objective objective, double[] start)
    {
        var run = new Run(Name, objective, start, _options);
        int max = _options.IterationsOr(1000);
        if (Name == "gd" && _options.LineSearch == true) return Backtracking(run, max);

        var rule = UpdateRule.For(Name, _options);
        rule.Reset(run.N);
        var previous = new double[run.N];
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            Array.Copy(run.X, previous, run.N);
            rule.Apply(run.X, run.G, run.Iterations + 1);
            double f = run.Evaluate(run.X, run.G);
            double norm = Vectors.Norm(run.G);
            if (!double.IsFinite(f) || !double.IsFinite(norm))
            {
                // Diverged: report the last finite iterate, with its value and gradient.
                Array.Copy(previous, run.X, run.N);
                run.F = run.Evaluate(run.X, run.G);
                run.GradientNorm = Vectors.Norm(run.G);
                run.Iterations++;
                return run.Result(ExitReason.NonFinite);
            }
            (run.F, run.GradientNorm) = (f, norm);
            run.Iterations++;
            run.Record();
        }
        return run.Finish(ExitReason.MaxIterations);
    }

    // Steepest descent with Armijo backtracking; each search starts from twice the last accepted step.
    private MinimizationResult Backtracking(Run run, int max)
    {
        var d = new double[run.N];
        var xNew = new double[run.N];
        var gNew = new double[run.N];
        double t = _options.RateOr(1.0);
        while (run.Finite && !run.Done && run.Iterations < max)
        {
            for (int i = 0; i < run.N; i++) d[i] = -run.G[i];
            if (!LineSearch.Armijo(run, d, ref t, xNew, gNew, out double f)) return run.Result(ExitReason.LineSearchFailed);
            run.Accept(xNew, f, gNew);
            t *= 2;
        }
        return run.Finish(ExitReason.MaxIterations);
    }
}
