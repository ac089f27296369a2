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
        if (!run.Finite || run.Done || max == 0) return run.Finish(ExitReason.MaxIterations);
        // Per iteration: one pass of the rule and one gradient, nothing allocated. The pass writes the new
        // point beside the current one (three buffers in turn keep the last two iterates without copying) and
        // returns the current gradient's squared norm for the stopping test, so no other pass reads the vectors.
        var next = new double[run.N];
        var previous = new double[run.N];
        bool tracing = _options.RecordTrace;
        while (true)
        {
            double gg = rule.Update(run.X, run.G, next, run.Iterations + 1, out bool finite);
            run.GradientNorm = Math.Sqrt(gg);
            if (!double.IsFinite(run.GradientNorm))
            {
                // The gradient at the last step's point is not finite: report the point before it (never the start,
                // whose gradient the run checked), with its value and gradient.
                (run.X, previous) = (previous, run.X);
                return Diverged(run);
            }
            if (run.Done) return run.Result(ExitReason.Converged);
            if (run.Iterations >= max) return run.Result(ExitReason.MaxIterations);
            if (!finite)
            {
                run.Iterations++;
                return run.Result(ExitReason.NonFinite); // the step overflowed; x is the last finite iterate
            }
            double f = run.Evaluate(next, run.G);
            if (!double.IsFinite(f))
            {
                run.Iterations++;
                return Diverged(run);
            }
            (previous, run.X, next) = (run.X, next, previous);
            run.F = f;
            run.Iterations++;
            if (tracing)
            {
                run.GradientNorm = Vectors.Norm(run.G);
                run.Record();
            }
        }
    }

    // The value and gradient at the run's point again (the iteration that left it overwrote them), and the non-finite result.
    private static MinimizationResult Diverged(Run run)
    {
        run.F = run.Evaluate(run.X, run.G);
        run.GradientNorm = Vectors.Norm(run.G);
        return run.Result(ExitReason.NonFinite);
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
            run.Accept(ref xNew, f, ref gNew);
            t *= 2;
        }
        return run.Finish(ExitReason.MaxIterations);
    }
}
