using MathNet.Numerics.LinearAlgebra;

namespace Symbolic.Numerics;

/// <summary>
/// Newton's method for roots: x &lt;- x - J(x)^-1 F(x), each step solved by LU (MathNet; never an explicit
/// inverse), with the Jacobian compiled from exact derivatives. Damped by default: a full step that does not
/// reduce ||F|| is kept only when the full step after it brings ||F|| below where it started (a watchdog step, so
/// Newton's usual overshoot on a convex function keeps its quadratic convergence: x^2 - 9 from 1 runs 5, 3.4,
/// 3.0235, ...); otherwise the step is halved until it reduces ||F||. A singular Jacobian, divergence or a stalled search ends with
/// <see cref="RootResult.Converged"/> false and a reason, never an exception or a NaN point.
/// </summary>
/// <example><code>
/// var r = NewtonRaphson.FindRoot(Expr.Parse("x^2 - 9"), "x", 6);   // r.Root[0] = 3
/// var s = NewtonRaphson.FindRoot([Expr.Parse("x^2 + y^2 - 4"), Expr.Parse("x - y")], ["x", "y"], [1.0, 2.0]);
/// </code></example>
public static class NewtonRaphson
{
    /// <summary>A root of f(x) = 0 in one variable.</summary>
    /// <exception cref="SymbolicException">f depends on a symbol other than <paramref name="variable"/>.</exception>
    public static RootResult FindRoot(Expr f, string variable, double start, RootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(variable);
        return FindRoot([f], [variable], [start], options);
    }

    /// <summary>A root of the system F(x) = 0 (as many equations as variables).</summary>
    /// <exception cref="SymbolicException">The system is not square, or an equation depends on a symbol that is not a variable.</exception>
    public static RootResult FindRoot(IReadOnlyList<Expr> equations, IReadOnlyList<string> variables, double[] start, RootOptions? options = null)
    {
        Guard.NoNulls(equations);
        Guard.NoNulls(variables);
        ArgumentNullException.ThrowIfNull(start);
        if (equations.Count != variables.Count)
            throw new SymbolicException($"newton needs as many equations as variables, got {equations.Count} and {variables.Count}");
        if (start.Length != variables.Count)
            throw new SymbolicException($"newton needs a start with {variables.Count} coordinates, got {start.Length}");
        var F = Expr.CompileVector(equations, [.. variables]);
        return FindRoot(variables.Count, (x, v) => F.Values(x, v), (x, j) => F.Jacobian(x, j), start, options);
    }

    /// <summary>The one-variable root, or false when the search did not converge.</summary>
    public static bool TryFindRoot(Expr f, string variable, double start, out double root, RootOptions? options = null)
    {
        var r = FindRoot(f, variable, start, options);
        root = r.Root[0];
        return r.Converged;
    }

    /// <summary>A root of F given as delegates: <paramref name="values"/> writes F(x) (length n), <paramref name="jacobian"/> J row-major (n*n).</summary>
    public static RootResult FindRoot(int n, Action<double[], double[]> values, Action<double[], double[]> jacobian, double[] start, RootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(jacobian);
        ArgumentNullException.ThrowIfNull(start);
        options ??= RootOptions.Default;
        options.Validate();
        if (start.Length != n) throw new ArgumentException($"The start needs {n} coordinates.", nameof(start));
        if (!Vectors.AllFinite(start)) throw new ArgumentException("The start must be finite.", nameof(start));
        var x = (double[])start.Clone();
        var fx = new double[n];
        var trial = new double[n];
        var fTrial = new double[n];
        var j = new double[n * n];
        var ahead = new double[n];
        var fAhead = new double[n];
        bool singular = false;
        values(x, fx);
        double residual = Vectors.Norm(fx);
        var history = new List<RootIterate> { new(0, (double[])x.Clone(), residual) };
        int k = 0;
        RootResult Done(ExitReason reason) => new((double[])x.Clone(), k, residual, reason, history);

        var context = ComputeContext.Current;
        while (true)
        {
            context.ThrowIfStopped();
            if (!double.IsFinite(residual)) return Done(ExitReason.NonFinite);
            if (residual <= options.Tolerance) return Done(ExitReason.Converged);
            if (k >= options.MaxIterations) return Done(ExitReason.MaxIterations);
            var step = Step(x);
            if (step is null) return Done(singular ? ExitReason.Singular : ExitReason.NonFinite);
            for (int i = 0; i < n; i++) trial[i] = x[i] - step[i];
            values(trial, fTrial);
            double trialResidual = Vectors.Norm(fTrial);
            if (!options.Damped || trialResidual < residual)
            {
                if (!Vectors.AllFinite(trial) || !double.IsFinite(trialResidual))
                {
                    k++;
                    return Done(ExitReason.NonFinite); // x stays the last finite iterate
                }
                Accept(trialResidual);
                continue;
            }
            // Watchdog (Chamberlain et al. 1982; Nocedal and Wright 15.6): a full step that raises the residual is
            // kept when the full step after it brings the residual below where it started. Newton overshoots a
            // convex function that way, x^2 - 9 from 1: 1 -> 5 (|f| from 8 to 16) -> 3.4 (2.56), and the notes'
            // quadratic convergence shows only without damping there. Otherwise both are dropped and the step
            // from x is halved until it reduces the residual.
            if (double.IsFinite(trialResidual) && k + 2 <= options.MaxIterations && Vectors.AllFinite(trial))
            {
                var second = Step(trial);
                if (second is not null)
                {
                    for (int i = 0; i < n; i++) ahead[i] = trial[i] - second[i];
                    values(ahead, fAhead);
                    double aheadResidual = Vectors.Norm(fAhead);
                    if (aheadResidual < residual)
                    {
                        Accept(trialResidual);
                        (trial, ahead) = (ahead, trial);
                        (fTrial, fAhead) = (fAhead, fTrial);
                        Accept(aheadResidual);
                        continue;
                    }
                }
            }
            double t = 0.5;
            bool accepted = false;
            for (int halvings = 1; halvings <= 30; halvings++, t *= 0.5)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - t * step[i];
                values(trial, fTrial);
                trialResidual = Vectors.Norm(fTrial);
                if (trialResidual < residual) { accepted = true; break; }
            }
            if (!accepted) return Done(ExitReason.LineSearchFailed);
            Accept(trialResidual);
        }

        // The Newton step at p, solving J(p) s = F(p) by LU; null when J is not finite or is singular (then singular is set).
        MathNet.Numerics.LinearAlgebra.Vector<double>? Step(double[] p)
        {
            jacobian(p, j);
            singular = false;
            if (!Vectors.AllFinite(j)) return null;
            var lu = Matrix<double>.Build.Dense(n, n, (r, c) => j[r * n + c]).LU();
            if (NewtonMinimizer.IsSingular(lu.U, n))
            {
                singular = true;
                return null;
            }
            // F at p: fx for the current point, fTrial for the watchdog's look-ahead.
            return lu.Solve(Vector<double>.Build.Dense(ReferenceEquals(p, x) ? fx : fTrial));
        }

        // trial (with F in fTrial) becomes the current iterate.
        void Accept(double trialResidual)
        {
            (x, trial) = (trial, x);
            (fx, fTrial) = (fTrial, fx);
            residual = trialResidual;
            k++;
            history.Add(new RootIterate(k, (double[])x.Clone(), residual));
        }
    }
}
