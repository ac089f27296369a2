using Symbolic.Compilation;

namespace Symbolic.Numerics;

/// <summary>f(x) and its gradient: returns f(x) and writes the gradient into <c>gradient</c> (length n).</summary>
public delegate double GradientFunction(double[] x, double[] gradient);

/// <summary>Writes the Hessian at x, row-major, into <c>hessian</c> (length n*n).</summary>
public delegate void HessianFunction(double[] x, double[] hessian);

/// <summary>
/// A function to minimize: its value and gradient, and its Hessian when a method needs one. Built from an
/// expression (compiled once, with exact derivatives) or from delegates. Immutable; solvers count evaluations themselves.
/// </summary>
/// <example><code>
/// var f = Objective.FromExpression(Expr.Parse("(1-x)^2 + 100(y-x^2)^2"), "x", "y");
/// var r = new BfgsMinimizer().Minimize(f, [-1.2, 1.0]);
/// </code></example>
public sealed class Objective
{
    private readonly Func<double[], double> _value;
    private readonly GradientFunction _gradient;
    private readonly HessianFunction? _hessian;

    /// <summary>An objective from delegates.</summary>
    /// <param name="dimension">The number of variables.</param>
    /// <param name="value">f(x).</param>
    /// <param name="gradient">f(x) with its gradient.</param>
    /// <param name="hessian">The Hessian, or null when the function provides none (Newton's method then refuses it).</param>
    public Objective(int dimension, Func<double[], double> value, GradientFunction gradient, HessianFunction? hessian = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(gradient);
        (Dimension, _value, _gradient, _hessian) = (dimension, value, gradient, hessian);
    }

    /// <summary>The number of variables.</summary>
    public int Dimension { get; }

    /// <summary>True when <see cref="Hessian"/> is available.</summary>
    public bool HasHessian => _hessian is not null;

    /// <summary>The compiled function behind this objective, when it was built from an expression.</summary>
    public CompiledFunction? Compiled { get; private init; }

    /// <summary>Compiles <paramref name="expression"/> in <paramref name="variables"/> (in that order) with its exact gradient and Hessian.</summary>
    /// <exception cref="SymbolicException">The expression depends on a symbol that is not among the variables.</exception>
    public static Objective FromExpression(Expr expression, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return FromCompiled(expression.Compile(variables));
    }

    /// <summary>An objective over an already compiled function (its bound parameters stay fixed).</summary>
    public static Objective FromCompiled(CompiledFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new Objective(function.Dimension, function.Value, function.ValueAndGradient,
            (x, h) => function.Hessian(x, h)) { Compiled = function };
    }

    /// <summary>f(x).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is null or has not <see cref="Dimension"/> coordinates.</exception>
    public double Value(double[] x) => _value(Point(x));

    /// <summary>f(x), with the gradient written into <paramref name="gradient"/>.</summary>
    /// <exception cref="ArgumentException">An array is null or too short.</exception>
    public double ValueAndGradient(double[] x, double[] gradient) => _gradient(Point(x), Output(gradient, Dimension));

    /// <summary>The Hessian at x, row-major.</summary>
    /// <exception cref="InvalidOperationException">The objective has no Hessian.</exception>
    public void Hessian(double[] x, double[] hessian)
    {
        if (_hessian is null) throw new InvalidOperationException("This objective provides no Hessian; build it from an expression or pass one.");
        _hessian(Point(x), Output(hessian, Dimension * Dimension));
    }

    private double[] Point(double[] x, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(x))] string? name = null) =>
        Guard.NotNull(x, name).Length == Dimension ? x
            : throw new ArgumentException($"the point has {x.Length} coordinates but the objective has {Dimension} variables", name);

    private static double[] Output(double[] buffer, int size, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(buffer))] string? name = null) =>
        Guard.NotNull(buffer, name).Length >= size ? buffer : throw new ArgumentException($"{name} needs {size} entries", name);

    /// <summary>-f, for maximizing with a minimizer.</summary>
    public Objective Negate()
    {
        var hessian = _hessian;
        return new Objective(Dimension, x => -_value(x),
            (x, g) =>
            {
                double v = _gradient(x, g);
                for (int i = 0; i < g.Length; i++) g[i] = -g[i];
                return -v;
            },
            hessian is null ? null : (x, h) =>
            {
                hessian(x, h);
                for (int i = 0; i < h.Length; i++) h[i] = -h[i];
            });
    }
}
