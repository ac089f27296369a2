using System.Runtime.CompilerServices;
using System.Text;
using Symbolic.Printing;
using static Symbolic.Expr;

namespace Symbolic.Calculus;

/// <summary>
/// A worked derivation of a derivative, one rule application per line, as <c>steps(diff(e, x))</c>
/// prints it. The derivation reads top down, like a worked solution:
/// <code>
/// d/dx [x*exp(x)]
///   = d/dx [x]*exp(x) + x*d/dx [exp(x)]    (product rule, variable)
///     d/dx [exp(x)] = exp(x)               (exp rule)
///   = 1*exp(x) + x*exp(x)
///   = x*exp(x) + exp(x)                    (simplify)
/// </code>
/// <list type="bullet">
/// <item>The first line names the derivative. The next, <c>  = T</c>, applies the rule for the
/// outermost operation; <c>d/dx [u]</c> in T stands for a derivative still to be worked out.</item>
/// <item>Each such sub-derivative follows on its own line, indented one level deeper than the line
/// that needs it, as <c>d/dx [u] = T(u) = value</c>: the rule applied to u and its simplified
/// value (the value is left out when it reads the same as T(u)). A sub-derivative that occurs
/// twice is worked out once.</item>
/// <item>The derivatives of the variable itself (1) and of constants (0) get no line of their own:
/// the rule is named (<c>variable</c>, <c>constant rule</c>) on the line that uses them. Likewise
/// the chain rule is not applied, nor named, when the inner function is the variable itself.</item>
/// <item>The derivation ends with the top-level rule with every <c>d/dx [u]</c> replaced by its
/// value, unsimplified, and then the simplified result, which is exactly
/// <see cref="Differentiator.Diff(Expr, Symbol)"/>.</item>
/// </list>
/// Rule names: sum rule, constant multiple rule, constant rule, variable, power rule, exponential
/// rule (a^u), general power rule (u^v), product rule, quotient rule (a product with factors of
/// negative exponent, shown as u/v), chain rule, the function's rule named by its entry in the
/// function table (<see cref="Functions.FunctionDef.Rule"/>: exp rule, log rule, trig rule, inverse trig
/// rule, atan2 rule, hyperbolic rule, sigmoid rule, ...), undefined function. A function of several
/// arguments that contain x is differentiated by the chain rule over all of them, Σ ∂_i f · d/dx [u_i],
/// with the partials ∂_i f read from the entry, as the differentiator reads them. Names in parentheses are aligned
/// in one column where lines are short enough.
/// <para>Higher and mixed derivatives (<c>steps(diff(e, x, 2))</c>, <c>steps(diff(e, x, y))</c>) show
/// one such derivation per successive derivative, each starting from the previous result; the REPL
/// allows at most 10 of them.</para>
/// </summary>
public static class Steps
{
    /// <summary>Sub-derivative lines beyond this many are left out (the derivation still ends with the result).</summary>
    public const int MaxSubLines = 400;

    private const int RuleColumnLimit = 64;

    /// <summary>The steps of d <paramref name="e"/> / d <paramref name="x"/>.</summary>
    /// <param name="e">The expression to differentiate.</param>
    /// <param name="x">The variable.</param>
    /// <param name="result">The derivative, the same object as <c>Differentiator.Diff(e, x)</c>.</param>
    /// <returns>The step lines, ending with the simplified result (the result itself is not repeated after it).</returns>
    public static IReadOnlyList<string> Derive(Expr e, Symbol x, out Expr result)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(x);
        result = Differentiator.Diff(e, x);
        var derivation = new Derivation(x);
        derivation.Run(e, result);
        return derivation.Lines();
    }

    /// <summary>
    /// Successive derivatives, one after the other (<c>[x, x]</c> is the second derivative by x,
    /// <c>[x, y]</c> the mixed partial): the steps of each derivative, in order, each starting
    /// from the previous result.
    /// </summary>
    public static IReadOnlyList<string> Derive(Expr e, IEnumerable<Symbol> variables, out Expr result)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(variables);
        var lines = new List<string>();
        result = e;
        foreach (var x in variables) lines.AddRange(Derive(result, x, out result));
        return lines;
    }

    // ------------------------------------------------------------------ display trees

    // A rule's right-hand side as written, before any simplification: the canonical factories would
    // reorder and fold it (0 + u, 1*u), which is exactly what a worked step must not do.
    private abstract class Node;

    /// <summary>An expression, printed by the infix printer.</summary>
    private sealed class Leaf(Expr value) : Node
    {
        public Expr Value { get; } = value;
    }

    /// <summary><c>d/dx [Of]</c>, a derivative still to be worked out.</summary>
    private sealed class Hole(Expr of) : Node
    {
        public Expr Of { get; } = of;
    }

    private sealed class SumNode(IReadOnlyList<(bool Minus, Node Term)> terms) : Node
    {
        public IReadOnlyList<(bool Minus, Node Term)> Terms { get; } = terms;
    }

    private sealed class ProductNode(IReadOnlyList<Node> factors) : Node
    {
        public IReadOnlyList<Node> Factors { get; } = factors;
    }

    private sealed class QuotientNode(Node numerator, Node denominator) : Node
    {
        public Node Numerator { get; } = numerator;
        public Node Denominator { get; } = denominator;
    }

    private sealed class PowerNode(Node @base, Expr exponent) : Node
    {
        public Node Base { get; } = @base;
        public Expr Exponent { get; } = exponent;
    }

    private static IEnumerable<Hole> Holes(Node n) => n switch
    {
        Hole h => [h],
        SumNode s => s.Terms.SelectMany(t => Holes(t.Term)),
        ProductNode p => p.Factors.SelectMany(Holes),
        QuotientNode q => Holes(q.Numerator).Concat(Holes(q.Denominator)),
        PowerNode w => Holes(w.Base),
        _ => [],
    };

    private static Node Substitute(Node n, Func<Expr, Expr> value) => n switch
    {
        Hole h => new Leaf(value(h.Of)),
        SumNode s => new SumNode(s.Terms.Select(t => (t.Minus, Substitute(t.Term, value))).ToList()),
        ProductNode p => new ProductNode(p.Factors.Select(f => Substitute(f, value)).ToList()),
        QuotientNode q => new QuotientNode(Substitute(q.Numerator, value), Substitute(q.Denominator, value)),
        PowerNode w => new PowerNode(Substitute(w.Base, value), w.Exponent),
        _ => n,
    };

    // Binding strength of printed text, loosest first: a sum, a leading unary minus, a product or
    // quotient, a power, an atom (symbol, number, call, parenthesized text).
    private const int SumLevel = 1, NegLevel = 2, ProductLevel = 3, PowerLevel = 4, AtomLevel = 5;

    private readonly record struct Text(string Value, int Level, bool HasSlash, bool IsNumber = false);

    // ------------------------------------------------------------------ the derivation

    private sealed class Derivation(Symbol x)
    {
        private readonly Dictionary<Expr, Expr> _values = new();
        private readonly HashSet<Expr> _shown = new();
        private readonly List<(string Left, string? Rules)> _lines = new();
        private int _subLines;
        private bool _truncated;

        private string D => "d/d" + x.Name;

        public void Run(Expr e, Expr result)
        {
            _lines.Add(($"{D} [{Print(e)}]", null));
            if (ReferenceEquals(e, x))
            {
                _lines.Add(("  = 1", "variable"));
                return;
            }
            if (!e.Contains(x))
            {
                _lines.Add(("  = 0", "constant rule"));
                return;
            }
            var (template, rules) = Apply(e);
            _shown.Add(e);
            string last = Render(template).Value;
            _lines.Add(("  = " + last, Names(rules, template)));
            var holes = Holes(template).ToList();
            foreach (var h in holes)
                if (NonTrivial(h.Of)) Block(h.Of, 1);
            if (holes.Count > 0)
            {
                var substituted = Render(Substitute(template, Value)).Value;
                if (substituted != last) _lines.Add(("  = " + substituted, null));
                last = substituted;
            }
            var final = Print(result);
            if (final != last) _lines.Add(("  = " + final, "simplify"));
        }

        /// <summary>The lines, with the rule names aligned in one column where the lines are short enough.</summary>
        public IReadOnlyList<string> Lines()
        {
            int column = _lines.Where(l => l.Rules is not null && l.Left.Length <= RuleColumnLimit)
                .Select(l => l.Left.Length).DefaultIfEmpty(0).Max();
            return _lines.Select(l => l.Rules is null ? l.Left : $"{l.Left.PadRight(column)}    ({l.Rules})").ToList();
        }

        // One sub-derivative: d/dx [v] = T(v) = value, then the sub-derivatives T(v) needs.
        private void Block(Expr v, int depth)
        {
            if (!_shown.Add(v)) return;
            if (_subLines >= MaxSubLines)
            {
                if (!_truncated) _lines.Add((Indent(depth) + "... (further sub-derivatives left out)", null));
                _truncated = true;
                return;
            }
            _subLines++;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var (template, rules) = Apply(v);
            var text = Render(template).Value;
            var value = Print(Value(v));
            _lines.Add(($"{Indent(depth)}{D} [{Print(v)}] = {text}{(value == text ? "" : " = " + value)}", Names(rules, template)));
            foreach (var h in Holes(template))
                if (NonTrivial(h.Of)) Block(h.Of, depth + 1);
        }

        private static string Indent(int depth) => new(' ', 2 + 2 * Math.Min(depth, 12));

        private Expr Value(Expr v)
        {
            if (!_values.TryGetValue(v, out var d)) _values[v] = d = Differentiator.Diff(v, x);
            return d;
        }

        private bool NonTrivial(Expr v) => !ReferenceEquals(v, x) && v.Contains(x);

        // The rule's own names, then those of the trivial derivatives it uses inline.
        private string Names(List<string> rules, Node template)
        {
            var names = new List<string>(rules);
            foreach (var h in Holes(template))
            {
                if (ReferenceEquals(h.Of, x)) names.Add("variable");
                else if (!h.Of.Contains(x)) names.Add("constant rule");
            }
            return string.Join(", ", names.Distinct());
        }

        // ---------------------------------------------------------------- the rules

        /// <summary>The rule for the outermost operation of <paramref name="v"/>, which contains x and is not x.</summary>
        private (Node Template, List<string> Rules) Apply(Expr v) => v switch
        {
            Add a => Sum(a),
            Mul m => Product(m),
            Pow p => Power(p),
            Call { Function.IsUndefined: true } or global::Symbolic.Derivative => (new Leaf(Value(v)), ["undefined function"]),
            Call c => Chain(c),
            _ => throw new InvalidOperationException($"no differentiation rule for {v.GetType().Name}"),
        };

        // (u + v - w)' = u' + v' - w'
        private static (Node, List<string>) Sum(Add a)
        {
            var terms = new List<(bool, Node)>();
            // in the printed order, so the terms read as in the line above
            foreach (var t in PrintOrder.Terms(a))
            {
                bool minus = PrintOrder.IsNegativeTerm(t);
                terms.Add((minus, new Hole(minus ? Neg(t) : t)));
            }
            return (new SumNode(terms), ["sum rule"]);
        }

        private (Node, List<string>) Product(Mul m)
        {
            var constant = new List<Expr>();
            var varying = new List<Expr>();
            foreach (var f in m.Factors) (f.Contains(x) ? varying : constant).Add(f);

            // (c u)' = c u'
            if (constant.Count > 0)
                return (new ProductNode([new Leaf(Mul(constant)), new Hole(Mul(varying))]), ["constant multiple rule"]);

            // (u/v)' = (u' v - u v')/v^2, when some factors have a negative exponent and others do not
            var denominator = varying.OfType<Pow>().Where(p => PrintOrder.IsReciprocalExponent(p.Exponent)).ToList();
            if (denominator.Count > 0 && denominator.Count < varying.Count)
            {
                var u = Mul(varying.Where(f => !denominator.Contains(f)));
                var w = Mul(denominator.Select(p => Pow(p.Base, Neg(p.Exponent))));
                var numerator = new SumNode([
                    (false, new ProductNode([new Hole(u), new Leaf(w)])),
                    (true, new ProductNode([new Leaf(u), new Hole(w)])),
                ]);
                return (new QuotientNode(numerator, new PowerNode(new Leaf(w), Two)), ["quotient rule"]);
            }

            // (u v w)' = u' v w + u v' w + u v w'
            var terms = new List<(bool, Node)>();
            for (int i = 0; i < varying.Count; i++)
                terms.Add((false, new ProductNode(varying.Select((f, j) => j == i ? new Hole(f) : (Node)new Leaf(f)).ToList())));
            return (new SumNode(terms), ["product rule"]);
        }

        private (Node, List<string>) Power(Pow p)
        {
            var (u, v) = (p.Base, p.Exponent);
            if (!v.Contains(x))
            {
                // (u^n)' = n u^(n-1) u'
                var n1 = Sub(v, One);
                var factors = new List<Node> { new Leaf(v), n1 is Number { IsOne: true } ? new Leaf(u) : new PowerNode(new Leaf(u), n1) };
                return WithChain(factors, u, "power rule");
            }
            // 0^v is 0 wherever it is defined, so its derivative is 0 (as in the differentiator)
            if (u is Number { IsZero: true }) return (new Leaf(Zero), ["constant rule"]);
            if (!u.Contains(x))
            {
                // (a^v)' = a^v ln(a) v'
                return WithChain([new Leaf(p), new Leaf(Call(Functions.Functions.Log, u))], v, "exponential rule");
            }
            // (u^v)' = u^v (v' ln u + v u'/u)
            var inner = new SumNode([
                (false, new ProductNode([new Hole(v), new Leaf(Call(Functions.Functions.Log, u))])),
                (false, new QuotientNode(new ProductNode([new Leaf(v), new Hole(u)]), new Leaf(u))),
            ]);
            return (new ProductNode([new Leaf(p), inner]), ["general power rule"]);
        }

        // f(u_1, ..., u_n)' = Σ_i ∂_i f(u) u_i' over the arguments that contain x, with the partials
        // read from the function's entry (the same ones the differentiator uses)
        private (Node, List<string>) Chain(Call c)
        {
            var args = c.Arguments;
            var rule = c.Function.Rule + " rule";
            var varying = Enumerable.Range(0, args.Length).Where(i => args[i].Contains(x)).ToList();
            if (varying.Count == 1)
                return WithChain([new Leaf(c.Function.Partial(args, varying[0]))], args[varying[0]], rule);
            var terms = new List<(bool, Node)>();
            foreach (int i in varying)
            {
                // a negative partial is written after a minus: - (y/(x^2 + y^2))*d/dx [u]
                var partial = c.Function.Partial(args, i);
                bool minus = PrintOrder.IsNegativeTerm(partial);
                var leaf = new Leaf(minus ? Neg(partial) : partial);
                terms.Add((minus, ReferenceEquals(args[i], x) ? leaf : new ProductNode([leaf, new Hole(args[i])])));
            }
            var rules = new List<string> { rule };
            if (varying.Any(i => !ReferenceEquals(args[i], x))) rules.Add("chain rule");
            return (new SumNode(terms), rules);
        }

        // outer * u', the chain rule, unless u is x itself
        private (Node, List<string>) WithChain(List<Node> outer, Expr u, string rule)
        {
            if (ReferenceEquals(u, x)) return (outer.Count == 1 ? outer[0] : new ProductNode(outer), [rule]);
            return (new ProductNode([.. outer, new Hole(u)]), [rule, "chain rule"]);
        }

        // ---------------------------------------------------------------- rendering

        private static string Print(Expr e) => e.ToString();

        private Text Render(Node n)
        {
            switch (n)
            {
                case Leaf l:
                    return Classify(l.Value);
                case Hole h:
                    return new Text($"{D} [{Print(h.Of)}]", AtomLevel, false);
                case SumNode s:
                {
                    var sb = new StringBuilder();
                    for (int i = 0; i < s.Terms.Count; i++)
                    {
                        var (minus, term) = s.Terms[i];
                        var t = Render(term);
                        if (i == 0)
                            sb.Append(minus ? "-" + Wrap(t, t.Level <= ProductLevel) : Wrap(t, t.Level == SumLevel));
                        else
                            sb.Append(minus ? " - " : " + ").Append(Wrap(t, t.Level <= NegLevel));
                    }
                    return new Text(sb.ToString(), SumLevel, false);
                }
                case ProductNode p:
                {
                    var parts = new List<string>();
                    bool slash = false;
                    for (int i = 0; i < p.Factors.Count; i++)
                    {
                        var t = Render(p.Factors[i]);
                        bool wrap = t.Level == SumLevel
                                    || (i > 0 && t.Level <= ProductLevel)
                                    || (p.Factors.Count > 1 && t.HasSlash && !t.IsNumber);
                        slash |= !wrap && t.HasSlash;
                        parts.Add(Wrap(t, wrap));
                    }
                    var text = string.Join("*", parts);
                    return new Text(text, text.StartsWith('-') ? NegLevel : ProductLevel, slash);
                }
                case QuotientNode q:
                {
                    var num = Render(q.Numerator);
                    var den = Render(q.Denominator);
                    return new Text($"{Wrap(num, num.Level == SumLevel)}/{Wrap(den, den.Level <= ProductLevel)}", ProductLevel, true);
                }
                case PowerNode w:
                {
                    var b = Render(w.Base);
                    string exponent;
                    if (w.Exponent is Number { IsInteger: true } k) exponent = Print(k);
                    else
                    {
                        var t = Classify(w.Exponent);
                        exponent = Wrap(t, t.Level < AtomLevel || t.Value.StartsWith('-'));
                    }
                    return new Text($"{Wrap(b, b.Level < AtomLevel)}^{exponent}", PowerLevel, false);
                }
                default:
                    throw new InvalidOperationException(n.GetType().Name);
            }
        }

        private static string Wrap(Text t, bool parenthesize) => parenthesize ? $"({t.Value})" : t.Value;

        /// <summary>
        /// The printed form of <paramref name="e"/> and how tightly it binds, as the infix printer decides it
        /// (its precedence, and its split of a product into numerator and denominator), not read off the text.
        /// </summary>
        private static Text Classify(Expr e)
        {
            int level = InfixPrinter.PrecedenceOf(e) switch
            {
                Precedence.Add => SumLevel,
                Precedence.Unary => NegLevel,
                Precedence.Mul => ProductLevel,
                Precedence.Pow => PowerLevel,
                _ => AtomLevel,
            };
            // a '/' outside parentheses: a fraction, a product with a denominator, or a reciprocal 1/u
            bool slash = e switch
            {
                Number { IsExact: true } n => !n.Exact.IsInteger,
                Mul m => PrintOrder.Split(m).HasDenominator,
                Pow p => PrintOrder.IsReciprocalExponent(p.Exponent),
                _ => false,
            };
            return new Text(Print(e), level, slash, e is Number);
        }
    }
}
