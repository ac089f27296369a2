namespace Symbolic.Numerics;

/// <summary>
/// Minimizes an expression by name of method, compiling it once (value, gradient and Hessian from exact
/// derivatives). The methods: "newton" (the default; safeguarded), "gd", "momentum", "nesterov", "adagrad",
/// "rmsprop", "adam", "bfgs", "lbfgs", "cg" (linear CG when the expression is quadratic, nonlinear CG otherwise).
/// </summary>
/// <example><code>
/// var r = Minimize.Newton(Expr.Parse("3x^2 + 2x*y + 3y^2"), ["x", "y"], [4.0, 4.0]);
/// // r.Point, r.Value, r.Iterations, r.Converged, r.Trace
/// </code></example>
public static class Minimize
{
    /// <summary>Every method name <see cref="With(string, Expr, IReadOnlyList{string}, double[], MinimizationOptions?)"/> accepts.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["newton", "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "bfgs", "lbfgs", "cg"];

    /// <summary>The minimizer of a method name with its options.</summary>
    /// <exception cref="ArgumentException">Unknown method (<see cref="ArgumentNullException"/> when null).</exception>
    public static IMinimizer Minimizer(string method, MinimizationOptions? options = null) => Guard.NotNull(method) switch
    {
        "newton" => new NewtonMinimizer(options),
        "gd" or "sgd" or "momentum" or "nesterov" or "adagrad" or "rmsprop" or "adam" => new FirstOrderMinimizer(method, options),
        "bfgs" => new BfgsMinimizer(options),
        "lbfgs" => new LbfgsMinimizer(options),
        "cg" => new ConjugateGradientMinimizer(options),
        _ => throw new ArgumentException($"Unknown method '{method}'; expected one of {string.Join(", ", Methods)}.", nameof(method)),
    };

    /// <summary>Minimizes <paramref name="f"/> in <paramref name="variables"/> from <paramref name="start"/> with <paramref name="method"/>.</summary>
    /// <exception cref="SymbolicException">f depends on a symbol that is not a variable.</exception>
    /// <exception cref="ArgumentException">Unknown method, a start of the wrong length, or an argument that is null or holds a null
    /// (<see cref="ArgumentNullException"/> for a null argument).</exception>
    public static MinimizationResult With(string method, Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(f);
        Guard.NoNulls(variables);
        ArgumentNullException.ThrowIfNull(start);
        if (variables.Count == 0) throw new ArgumentException("minimizing needs at least one variable", nameof(variables));
        var minimizer = Minimizer(method, options);
        var objective = Objective.FromExpression(f, [.. variables]);
        if (method == "cg" && Quadratic(f, variables, objective) is var (a, b))
        {
            var r = LinearConjugateGradient.Minimize(a, b, start, options);
            // The quadratic form differs from f by the constant f(0); report f itself.
            var g = new double[r.Point.Length];
            return r with { Value = objective.ValueAndGradient(r.Point, g), Trace = [.. r.Trace.Select(t => t with { Value = objective.Value(t.Point) })] };
        }
        return minimizer.Minimize(objective, start);
    }

    /// <summary>Minimizes an objective with a method by name.</summary>
    /// <exception cref="ArgumentException">Unknown method, a start of the wrong length, or a null argument.</exception>
    public static MinimizationResult With(string method, Objective f, double[] start, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        return Minimizer(method, options).Minimize(f, start);
    }

    /// <summary>Newton's method (exact Hessian, Cholesky, modified when not positive definite, Armijo steps).</summary>
    public static MinimizationResult Newton(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("newton", f, variables, start, options);

    /// <summary>Gradient descent with a fixed rate (0.01), or backtracking when <see cref="MinimizationOptions.LineSearch"/> is on.</summary>
    public static MinimizationResult GradientDescent(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("gd", f, variables, start, options);

    /// <summary>Heavy-ball momentum (rate 0.01, momentum 0.9).</summary>
    public static MinimizationResult Momentum(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("momentum", f, variables, start, options);

    /// <summary>Nesterov's accelerated gradient (rate 0.01, momentum 0.9).</summary>
    public static MinimizationResult Nesterov(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("nesterov", f, variables, start, options);

    /// <summary>Adagrad (rate 0.01).</summary>
    public static MinimizationResult Adagrad(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("adagrad", f, variables, start, options);

    /// <summary>RMSprop (rate 0.001, decay 0.9).</summary>
    public static MinimizationResult RmsProp(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("rmsprop", f, variables, start, options);

    /// <summary>Adam (rate 0.001, betas 0.9 and 0.999).</summary>
    public static MinimizationResult Adam(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("adam", f, variables, start, options);

    /// <summary>BFGS with strong Wolfe steps.</summary>
    public static MinimizationResult Bfgs(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("bfgs", f, variables, start, options);

    /// <summary>L-BFGS (memory 10).</summary>
    public static MinimizationResult Lbfgs(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("lbfgs", f, variables, start, options);

    /// <summary>Conjugate gradient: linear CG for a quadratic, nonlinear (PR+) otherwise.</summary>
    public static MinimizationResult ConjugateGradient(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("cg", f, variables, start, options);

    /// <summary>Up to this many variables, "cg" checks whether f is quadratic (by its symbolic Hessian, n^2 entries)
    /// to use linear CG; above it, nonlinear CG, which is also exact on a quadratic but needs line searches.</summary>
    public const int LinearCgDetectionLimit = 100;

    // A and b when f = 1/2 x^T A x - b^T x + c with A symmetric positive definite; else null.
    private static (double[,] A, double[] B)? Quadratic(Expr f, IReadOnlyList<string> variables, Objective objective)
    {
        int n = variables.Count;
        if (n > LinearCgDetectionLimit) return null;
        var h = f.Hessian([.. variables]);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (h[i, j].FreeSymbols.Count != 0) return null;
                a[i, j] = h[i, j].Evaluate();
            }
        var l = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) l[i * n + j] = a[i, j];
        if (!Vectors.Cholesky(l, n)) return null;
        var b = new double[n];
        objective.ValueAndGradient(new double[n], b);
        for (int i = 0; i < n; i++) b[i] = -b[i];
        return Vectors.AllFinite(b) ? (a, b) : null;
    }
}
