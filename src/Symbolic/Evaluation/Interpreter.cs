using System.Diagnostics;
using Symbolic.Functions;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>
/// Evaluates an expression in double precision at a point, following IEEE arithmetic. The work is
/// linear in the distinct nodes: a hash-consed expression is a graph, and the gradient of a layered
/// network has a few dozen distinct nodes per layer but exponentially many as a tree, so each large
/// subexpression is evaluated once per call.
/// </summary>
public static class Interpreter
{
    // Subexpressions at most this large as trees are evaluated by plain recursion each time they
    // occur: no memo entry to pay for, and repeating one costs at most this many steps, so the work
    // stays linear in the distinct nodes. Larger ones are evaluated once per call, children first,
    // with an explicit stack (a 100,000-deep expression must not overflow the call stack).
    private const long SmallTree = 64;

    /// <summary>The value of <paramref name="e"/> with each free symbol looked up in <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">A symbol has no value, or the expression applies an undefined function.</exception>
    public static double Evaluate(Expr e, IReadOnlyDictionary<Symbol, double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Evaluate(e, s => point.TryGetValue(s, out var v) ? v : null);
    }

    /// <summary>The value of <paramref name="e"/> with each free symbol looked up by <paramref name="lookup"/> (null: no value).</summary>
    /// <exception cref="SymbolicException">A symbol has no value, or the expression applies an undefined function.</exception>
    public static double Evaluate(Expr e, Func<Symbol, double?> lookup) => Evaluate(Guard.NotNull(e), Guard.NotNull(lookup), out _);

    /// <summary>As <see cref="Evaluate(Expr, Func{Symbol, double?})"/>; <paramref name="work"/> is the number of
    /// interior nodes evaluated (a node repeated inside a small shared subtree counts each time; what the tests count).</summary>
    internal static double Evaluate(Expr e, Func<Symbol, double?> lookup, out long work)
    {
        e = StableForms.Rewrite(e); // log(sigmoid(-1000)) is -1000, not log(0)
        var run = new Run(lookup);
        double value = e.Size <= SmallTree ? run.Tree(e) : run.Graph(e);
        work = run.Work;
        return value;
    }

    private sealed class Run(Func<Symbol, double?> lookup)
    {
        private Dictionary<Expr, double>? _values;

        public long Work;

        /// <summary>Evaluates the large nodes once each, children first, the small ones by <see cref="Tree"/>.</summary>
        public double Graph(Expr root)
        {
            var values = _values = new Dictionary<Expr, double>();
            var stack = new Stack<(Expr Node, bool ChildrenDone)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, childrenDone) = stack.Pop();
                ComputeContext.Poll();
                if (values.ContainsKey(node)) continue; // reached twice before its evaluation
                if (childrenDone)
                {
                    values[node] = Node(node);
                    continue;
                }
                stack.Push((node, true));
                if (node is Derivative) continue; // not evaluable: Node reports it
                foreach (var child in node.Children)
                    if (child.Size > SmallTree && !values.ContainsKey(child)) stack.Push((child, false));
            }
            return values[root];
        }

        private double Value(Expr child) => child.Size <= SmallTree ? Tree(child) : _values![child];

        private double Node(Expr e)
        {
            Work++;
            switch (e)
            {
                case Add a:
                {
                    double sum = 0;
                    foreach (var t in a.Terms) sum += Value(t);
                    return sum;
                }
                case Mul m:
                {
                    double product = 1;
                    foreach (var f in m.Factors) product *= Value(f);
                    return product;
                }
                case Pow p:
                {
                    double b = Value(p.Base);
                    return SpecialPower(b, p.Exponent) ?? Math.Pow(b, Value(p.Exponent));
                }
                case Call c:
                    return Apply(c, Value);
                default:
                    return Atom(e, lookup);
            }
        }

        /// <summary>Evaluates by plain recursion over the tree (shared subtrees each time they occur).</summary>
        public double Tree(Expr e)
        {
            switch (e)
            {
                case Add a:
                {
                    Work++;
                    double sum = 0;
                    foreach (var t in a.Terms) sum += Tree(t);
                    return sum;
                }
                case Mul m:
                {
                    Work++;
                    double product = 1;
                    foreach (var f in m.Factors) product *= Tree(f);
                    return product;
                }
                case Pow p:
                {
                    Work++;
                    double b = Tree(p.Base);
                    return SpecialPower(b, p.Exponent) ?? Math.Pow(b, Tree(p.Exponent));
                }
                case Call c:
                    Work++;
                    return Apply(c, Tree);
                default:
                    return Atom(e, lookup);
            }
        }
    }

    // The common exact exponents, faster and more accurate than Math.Pow; null for the rest.
    private static double? SpecialPower(double b, Expr exponent)
    {
        if (exponent is not Number { IsExact: true } k) return null;
        if (k.Exact.Equals(Rational.Half)) return Math.Sqrt(b);
        if (k.IsInteger && k.Exact.Numerator == -1) return 1 / b;
        if (k.IsInteger && k.Exact.Numerator == 2) return b * b;
        // odd roots of negative numbers are real, as in exact arithmetic: (-8)^(1/3) = -2
        if (!k.Exact.Denominator.IsEven) return NumericFunctions.RealPower(b, k.Exact);
        return null;
    }

    // f(u_1, ..., u_n) by the entry's numeric implementation: the unary fast path, or any arity.
    private static double Apply(Call c, Func<Expr, double> argument)
    {
        if (c.Function.IsUndefined)
            throw new SymbolicException($"cannot evaluate the undefined function '{c.Function.Name}'");
        if (c.Arguments.Length == 1 && c.Function.Evaluate is { } unary) return unary(argument(c.Argument));
        Span<double> values = c.Arguments.Length <= 8 ? stackalloc double[c.Arguments.Length] : new double[c.Arguments.Length];
        for (int i = 0; i < values.Length; i++) values[i] = argument(c.Arguments[i]);
        return c.Function.Compute(values);
    }

    private static double Atom(Expr e, Func<Symbol, double?> lookup) => e switch
    {
        Number n => n.Value,
        Constant c => c.Value,
        Symbol s => lookup(s) ?? throw new SymbolicException($"symbol '{s.Name}' has no value"),
        Derivative d => throw new SymbolicException($"cannot evaluate the derivative of an undefined function: {d}"),
        _ => throw new UnreachableException(e.GetType().Name),
    };
}
