namespace Symbolic.Numerics;

/// <summary>Maximizes by minimizing -f; the result reports f's value (not -f's) and the same gradient norm.</summary>
/// <example><c>Maximize.With("newton", Expr.Parse("-2x^2 - 3y^2 - x*y + 15"), ["x", "y"], [1.0, 1.0]).Value</c> is 15.</example>
public static class Maximize
{
    /// <summary>Maximizes <paramref name="f"/> with <paramref name="method"/> (see <see cref="Minimize.Methods"/>).</summary>
    public static MinimizationResult With(string method, Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(f);
        Guard.NoNulls(variables);
        ArgumentNullException.ThrowIfNull(start);
        return Minimize.With(method, Expr.Neg(f), variables, start, options).Negated();
    }

    /// <summary>Maximizes an objective (minimizes its negation).</summary>
    public static MinimizationResult With(string method, Objective f, double[] start, MinimizationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        return Minimize.With(method, f.Negate(), start, options).Negated();
    }

    /// <summary>Newton's method on -f.</summary>
    public static MinimizationResult Newton(Expr f, IReadOnlyList<string> variables, double[] start, MinimizationOptions? options = null) =>
        With("newton", f, variables, start, options);
}
