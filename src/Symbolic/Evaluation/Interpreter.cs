using System.Diagnostics;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>
/// Evaluates an expression in double precision at a point, following IEEE arithmetic. Each distinct
/// node is evaluated once per call: a hash-consed expression is a graph, and the gradient of a layered
/// network has a few dozen distinct nodes per layer but exponentially many as a tree.
/// </summary>
public static class Interpreter
{
    // Expressions at most this large as trees are evaluated by plain recursion: no memo to allocate,
    // and a tree this small is neither deep enough to overflow nor shared enough to repeat much work.
    private const long SmallTree = 64;

    /// <summary>The value of <paramref name="e"/> with each free symbol looked up in <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">A symbol has no value, or the expression applies an undefined function.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> point) =>
        Evaluate(e, s => point.TryGetValue(s, out var v) ? v : null);

    /// <summary>The value of <paramref name="e"/> with each free symbol looked up by <paramref name="lookup"/> (null: no value).</summary>
    /// <exception cref="SymbolicException">A symbol has no value, or the expression applies an undefined function.</exception>
    public static double Evaluate(Expr e, Func<Symbol, double?> lookup) =>
        e.Size <= SmallTree ? EvaluateTree(e, lookup) : EvaluateGraph(e, lookup, out _);

    /// <summary>Evaluates with an explicit stack, each distinct interior node once; <paramref name="visits"/>
    /// is the number of interior nodes evaluated (what the tests count).</summary>
    internal static double EvaluateGraph(Expr root, Func<Symbol, double?> lookup, out int visits)
    {
        visits = 0;
        if (root.Children.IsEmpty) return Atom(root, lookup);
        var values = new Dictionary<Expr, double>();
        var stack = new Stack<(Expr Node, bool ChildrenDone)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (!childrenDone)
            {
                if (values.ContainsKey(node)) continue;
                stack.Push((node, true));
                if (node is Derivative) continue; // not evaluable: Node reports it
                foreach (var child in node.Children)
                    if (!child.Children.IsEmpty && !values.ContainsKey(child)) stack.Push((child, false));
                continue;
            }
            // A node reached twice before its first evaluation is on the stack twice; the second is a no-op.
            if (values.ContainsKey(node)) continue;
            values[node] = Node(node, lookup, values);
            visits++;
        }
        return values[root];
    }

    private static double Value(Expr child, Func<Symbol, double?> lookup, Dictionary<Expr, double> values) =>
        child.Children.IsEmpty ? Atom(child, lookup) : values[child];

    private static double Node(Expr e, Func<Symbol, double?> lookup, Dictionary<Expr, double> values)
    {
        switch (e)
        {
            case Add a:
            {
                double sum = 0;
                foreach (var t in a.Terms) sum += Value(t, lookup, values);
                return sum;
            }
            case Mul m:
            {
                double product = 1;
                foreach (var f in m.Factors) product *= Value(f, lookup, values);
                return product;
            }
            case Pow p:
            {
                double b = Value(p.Base, lookup, values);
                return SpecialPower(b, p.Exponent) ?? Math.Pow(b, Value(p.Exponent, lookup, values));
            }
            case Call c:
                return Apply(c, Value(c.Argument, lookup, values));
            default:
                return Atom(e, lookup);
        }
    }

    /// <summary>Evaluates by plain recursion over the tree (shared subtrees each time they occur).</summary>
    internal static double EvaluateTree(Expr e, Func<Symbol, double?> lookup)
    {
        switch (e)
        {
            case Add a:
            {
                double sum = 0;
                foreach (var t in a.Terms) sum += EvaluateTree(t, lookup);
                return sum;
            }
            case Mul m:
            {
                double product = 1;
                foreach (var f in m.Factors) product *= EvaluateTree(f, lookup);
                return product;
            }
            case Pow p:
            {
                double b = EvaluateTree(p.Base, lookup);
                return SpecialPower(b, p.Exponent) ?? Math.Pow(b, EvaluateTree(p.Exponent, lookup));
            }
            case Call c:
                return Apply(c, EvaluateTree(c.Argument, lookup));
            default:
                return Atom(e, lookup);
        }
    }

    // The common exact exponents, faster and more accurate than Math.Pow; null for the rest.
    private static double? SpecialPower(double b, Expr exponent)
    {
        if (exponent is not Number { IsExact: true } k) return null;
        if (k.Exact.Equals(Rational.Half)) return Math.Sqrt(b);
        if (k.IsInteger && k.Exact.Numerator == -1) return 1 / b;
        if (k.IsInteger && k.Exact.Numerator == 2) return b * b;
        return null;
    }

    private static double Apply(Call c, double argument) =>
        c.Function.Evaluate is { } function
            ? function(argument)
            : throw new SymbolicException($"cannot evaluate the undefined function '{c.Function.Name}'");

    private static double Atom(Expr e, Func<Symbol, double?> lookup) => e switch
    {
        Number n => n.Value,
        Constant c => c.Value,
        Symbol s => lookup(s) ?? throw new SymbolicException($"symbol '{s.Name}' has no value"),
        Derivative d => throw new SymbolicException($"cannot evaluate the derivative of an undefined function: {d}"),
        _ => throw new UnreachableException(e.GetType().Name),
    };
}
