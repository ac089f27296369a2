using Symbolic.Evaluation;
using Symbolic.Syntax;

namespace Symbolic.Tests.Support;

/// <summary>Numeric evaluation and finite differences for checking symbolic results.</summary>
public static class NumericCheck
{
    public static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y"), Z = Expr.Symbol("z");

    /// <summary>Sample points (x, y, z) away from the usual singular places 0, ±1, ±pi/2.</summary>
    public static readonly double[][] Points =
    [
        [0.7, -0.4, 1.3],
        [-1.15, 0.55, 0.85],
        [1.65, 1.2, -0.6],
        [0.35, -1.45, 0.25],
    ];

    public static Dictionary<Symbol, double> At(double[] p) => new() { [X] = p[0], [Y] = p[1], [Z] = p[2] };

    /// <summary>The value, or null when it is not a finite real (or uses an undefined function).</summary>
    public static double? TryEvaluate(Expr e, IReadOnlyDictionary<Symbol, double> point)
    {
        try
        {
            double v = Interpreter.Evaluate(e, point);
            return double.IsFinite(v) ? v : null;
        }
        catch (SymbolicException)
        {
            return null;
        }
    }

    /// <summary>
    /// d e / d v at the point by central differences with two levels of Richardson extrapolation
    /// (error O(h^6)), or null where e is not finite nearby, or where the estimates at h and h/2
    /// disagree (a kink or a singularity within reach of the stencil).
    /// </summary>
    public static double? FiniteDifference(Expr e, Symbol v, IReadOnlyDictionary<Symbol, double> point, double h = 1e-2)
    {
        var p = new Dictionary<Symbol, double>(point);
        double x0 = p[v];
        double? F(double x)
        {
            p[v] = x;
            return TryEvaluate(e, p);
        }
        double? Central(double step)
        {
            var a = F(x0 + step);
            var b = F(x0 - step);
            return a is { } fa && b is { } fb ? (fa - fb) / (2 * step) : null;
        }
        double? Richardson(double step)
        {
            var d1 = Central(step);
            var d2 = Central(step / 2);
            return d1 is { } a && d2 is { } b ? (4 * b - a) / 3 : null;
        }
        var r1 = Richardson(h);
        var r2 = Richardson(h / 2);
        if (r1 is not { } coarse || r2 is not { } fine) return null;
        double scale = Math.Max(1, Math.Abs(fine));
        if (Math.Abs(coarse - fine) > 1e-4 * scale) return null; // not smooth at this scale
        return (16 * fine - coarse) / 15;
    }

    /// <summary>
    /// True when e uses a function with a kink or jump. Where such a function is flat, a derivative
    /// formula like step(x)/(2 sqrt(relu(x))) can read 0/0 although e itself is smooth there.
    /// </summary>
    public static bool HasKink(Expr e) =>
        e is Call { Function.Name: "relu" or "step" or "sign" or "abs" } || e.Children.Any(HasKink);

    /// <summary>True when a and b agree to a relative tolerance (absolute near zero).</summary>
    public static bool Close(double a, double b, double tolerance = 1e-6) =>
        Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
