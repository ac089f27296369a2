using MathNet.Numerics.LinearAlgebra;

namespace Symbolic.Numerics;

/// <summary>
/// Newton's method for roots: x &lt;- x - J(x)^-1 F(x), each step solved by LU (MathNet; never an explicit
/// inverse), with the Jacobian compiled from exact derivatives. Damped by default: a step that does not reduce
/// ||F|| is halved until it does. A singular Jacobian, divergence or a stalled search ends with
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
        return FindRoot([f], [variable], [start], options);
    }

    /// <summary>A root of the system F(x) = 0 (as many equations as variables).</summary>
    /// <exception cref="SymbolicException">The system is not square, or an equation depends on a symbol that is not a variable.</exception>
    public static RootResult FindRoot(IReadOnlyList<Expr> equations, IReadOnlyList<string> variables, double[] start, RootOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(equations);
        ArgumentNullException.ThrowIfNull(variables);
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
        if (start.Length != n) throw new ArgumentException($"The start needs {n} coordinates.", nameof(start));
        if (!Vectors.AllFinite(start)) throw new ArgumentException("The start must be finite.", nameof(start));
        var x = (double[])start.Clone();
        var fx = new double[n];
        var trial = new double[n];
        var fTrial = new double[n];
        var j = new double[n * n];
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
            jacobian(x, j);
            if (!Vectors.AllFinite(j)) return Done(ExitReason.NonFinite);
            var lu = Matrix<double>.Build.Dense(n, n, (r, c) => j[r * n + c]).LU();
            if (NewtonMinimizer.IsSingular(lu.U, n)) return Done(ExitReason.Singular);
            var step = lu.Solve(Vector<double>.Build.Dense(fx));
            double t = 1, trialResidual = double.NaN;
            bool accepted = false;
            for (int halvings = 0; halvings <= (options.Damped ? 30 : 0); halvings++, t *= 0.5)
            {
                for (int i = 0; i < n; i++) trial[i] = x[i] - t * step[i];
                values(trial, fTrial);
                trialResidual = Vectors.Norm(fTrial);
                if (!options.Damped || trialResidual < residual) { accepted = true; break; }
            }
            if (!accepted) return Done(ExitReason.LineSearchFailed);
            if (!Vectors.AllFinite(trial) || !double.IsFinite(trialResidual))
            {
                k++;
                return Done(ExitReason.NonFinite); // x stays the last finite iterate
            }
            (x, trial) = (trial, x);
            (fx, fTrial) = (fTrial, fx);
            residual = trialResidual;
            k++;
            history.Add(new RootIterate(k, (double[])x.Clone(), residual));
        }
    }
}
