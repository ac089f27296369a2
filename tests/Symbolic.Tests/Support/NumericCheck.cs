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
    /// True when every subexpression of <paramref name="e"/> has a finite value at the point. A value can be
    /// finite although a part is not (1/(1 - 0^x)^3 is -0 at x &lt; 0, through 0^x = Infinity); rewritten forms
    /// such as the expansion then meet Infinity - Infinity, so such points say nothing about the rewrite.
    /// </summary>
    public static bool FiniteThroughout(Expr e, IReadOnlyDictionary<Symbol, double> point)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.TryPop(out var node))
        {
            if (!seen.Add(node)) continue;
            if (TryEvaluate(node, point) is not { } v || !double.IsFinite(v)) return false;
            foreach (var child in node.Children) stack.Push(child);
        }
        return true;
    }

    /// <summary>
    /// True when e uses a function with a kink or jump. Where such a function is flat, a derivative
    /// formula like step(x)/(2 sqrt(relu(x))) can read 0/0 although e itself is smooth there.
    /// </summary>
    public static bool HasKink(Expr e)
    {
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([e]);
        while (stack.TryPop(out var node))
        {
            if (!seen.Add(node)) continue;
            if (node is Call { Function.IsSmooth: false }) return true;
            foreach (var child in node.Children) stack.Push(child);
        }
        return false;
    }

    /// <summary>The functions of one argument with a kink or a jump (abs, sign, relu, step), read from the table.</summary>
    public static readonly IReadOnlySet<string> KinkFunctions =
        Functions.Functions.All.Where(f => f.MinArity == 1 && !f.IsSmooth).Select(f => f.Name).ToHashSet();

    /// <summary>True when a and b agree to a relative tolerance (absolute near zero).</summary>
    public static bool Close(double a, double b, double tolerance = 1e-6) =>
        Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
