using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Functions;
using Symbolic.Syntax;

namespace Symbolic.Tests.Generators;

/// <summary>
/// FsCheck generators of random expressions, built only through the public factories, so every
/// generated expression is canonical. Sizes grow with FsCheck's size parameter: early tests see
/// leaves and small trees, later ones trees up to <c>maxDepth</c> levels deep.
/// </summary>
/// <example><code>
/// Prop.ForAll(ExprGenerators.Arbitrary(), e => e.ToString().Length > 0)
///     .Check(Checks.Quick.WithMaxTest(500));
/// </code></example>
public static class ExprGenerators
{
    private static readonly string[] DefaultSymbols = ["x", "y", "z"];

    // Kink functions (abs, sign, relu, step) are drawn less often than smooth ones: a kink near a
    // sample point makes numeric checks skip it, and most code paths are the smooth ones.
    private static readonly FunctionDef[] SmoothFunctions =
        [.. Functions.Functions.All.Where(f => f.Arity == 1 && !Support.NumericCheck.KinkFunctions.Contains(f.Name))];

    private static readonly FunctionDef[] BinaryFunctions = [.. Functions.Functions.All.Where(f => f.MinArity == 2)];

    private static readonly FunctionDef[] KinkFunctions =
        [.. Functions.Functions.All.Where(f => f.Arity == 1 && Support.NumericCheck.KinkFunctions.Contains(f.Name))];

    private static readonly Gen<FunctionDef> UnaryFunction =
        Gen.Frequency((6, Gen.Elements(SmoothFunctions)), (1, Gen.Elements(KinkFunctions)));

    /// <summary>Long sums and products have at most this many operands (the collectors switch to a dictionary past 8 terms and 16 bases).</summary>
    public const int MaxOperands = 20;

    /// <summary>At most this many operands of a long sum or product are whole subexpressions; the rest are small atoms,
    /// so a product of 20 factors does not expand to 3^20 terms.</summary>
    private const int MaxCompoundOperands = 2;

    private static readonly Rational[] Decimals = [.. new[] { "0.5", "2.5", "-1.25", "0.1", "3.2", "-0.75" }.Select(Rational.Parse)];

    private static readonly Rational[] SmallRationalExponents =
        [Rational.Half, Rational.Create(-1, 2), Rational.Create(1, 3), Rational.Create(2, 3), Rational.Create(3, 2)];

    /// <summary>
    /// Random expressions over the whole function table (plus <c>sqrt</c> and two-argument <c>log</c>;
    /// the kink functions abs, sign, relu and step less often than the smooth ones), undefined
    /// functions and their derivatives, small integers, fractions and decimals, <c>pi</c>, <c>e</c>, the
    /// given symbols (x, y, z by default), + - * / and powers with small integer, simple rational or
    /// symbolic exponents; sums and products of up to <see cref="MaxOperands"/> operands, built in a
    /// random grouping; and shared subtrees (one generated subexpression used in several places).
    /// Numbers are exact unless <paramref name="floats"/> is set.
    /// </summary>
    /// <param name="decimals">Whether numbers written as decimals (0.5, 2.5) occur. While the decimal display
    /// flag is part of a number's identity, 0.5 + 2.5 - 1/2 is 5/2 or 2.5 depending on the grouping
    /// (issue 6 item 9), so properties about grouping turn them off.</param>
    public static Gen<Expr> Expression(int maxDepth = 4, string[]? symbols = null, bool floats = false, bool decimals = true)
    {
        var names = symbols is { Length: > 0 } ? symbols : DefaultSymbols;
        var syms = names.Select(Expr.Symbol).ToArray();
        var leaf = Leaf(syms, floats, decimals);
        // Size 0..100 maps to depth 0..maxDepth, so most expressions stay small.
        return Gen.Sized(size => Node(Math.Min(maxDepth, size / 12), syms, leaf));
    }

    /// <summary><see cref="Expression"/> with a shrinker, so a failing property reports a small counterexample.</summary>
    public static Arbitrary<Expr> Arbitrary(int maxDepth = 4, string[]? symbols = null, bool floats = false, bool decimals = true) =>
        Arb.From(Expression(maxDepth, symbols, floats, decimals), Shrink);

    /// <summary>Polynomials for expansion tests: sums, differences, products and powers 2..4 of symbols and small integers.</summary>
    public static Gen<Expr> Polynomial(int maxDepth = 3, string[]? symbols = null)
    {
        var syms = (symbols is { Length: > 0 } ? symbols : DefaultSymbols).Select(Expr.Symbol).ToArray();
        return Gen.Sized(size => PolynomialNode(Math.Min(maxDepth, size / 15), syms));
    }

    /// <summary><see cref="Polynomial"/> with the shrinker.</summary>
    public static Arbitrary<Expr> PolynomialArbitrary(int maxDepth = 3, string[]? symbols = null) =>
        Arb.From(Polynomial(maxDepth, symbols), Shrink);

    // ------------------------------------------------------------------ expressions

    private static Gen<Expr> Node(int depth, Symbol[] syms, Gen<Expr> leaf)
    {
        if (depth <= 0) return leaf;
        var sub = Node(depth - 1, syms, leaf);
        return Gen.Frequency(
            (4, leaf),
            (3, Binary(sub)),
            (2, Gen.Three(sub).Select(t => Safe(() => Expr.Add(t.Item1, t.Item2, t.Item3), t.Item1))),
            (2, Gen.Zip(sub, Exponent(syms)).Select(t => Safe(() => Expr.Pow(t.Item1, t.Item2), t.Item1))),
            (3, Gen.Zip(UnaryFunction, sub).Select(t => Safe(() => Expr.Call(t.Item1, t.Item2), t.Item2))),
            (1, sub.Select(u => Safe(() => Expr.Sqrt(u), u))),
            (1, Gen.Two(sub).Select(t => Safe(() => Functions.Functions.Apply("log", [t.Item1, t.Item2]), t.Item1))),
            // the functions of two arguments (atan2): the n-ary path of the table, differentiator and printers
            (1, Gen.Zip(Gen.Elements(BinaryFunctions), Gen.Two(sub)).Select(t => Safe(() => Expr.Call(t.Item1, t.Item2.Item1, t.Item2.Item2), t.Item2.Item1))),
            (1, Gen.Zip(sub, Gen.Elements(syms)).Select(t => Safe(() => Undefined("f", t.Item1, t.Item2), t.Item1))),
            (1, DerivativeOfUndefined(syms)),
            (1, LongSum(sub, syms, leaf)),
            (1, LongProduct(sub, syms, leaf)),
            (2, Shared(sub)));
    }

    /// <summary>A sum of 2..20 terms: monomials c x^i y^j, calls of leaves and a few whole subexpressions.</summary>
    private static Gen<Expr> LongSum(Gen<Expr> sub, Symbol[] syms, Gen<Expr> leaf)
    {
        var atom = Gen.Frequency(
            (4, Monomial(syms)),
            (2, CallOfLeaf(syms, leaf)),
            (1, leaf));
        return Operands(sub, atom).SelectMany(items => Grouped(items, Expr.Add, (a, b) => a + b));
    }

    /// <summary>
    /// A product of 2..20 factors: mostly distinct bases (symbols and smooth functions of symbols,
    /// drawn without repetition, so over 16 bases are common), a kink function now and then, small
    /// powers of some bases, a number, and a few whole subexpressions.
    /// </summary>
    private static Gen<Expr> LongProduct(Gen<Expr> sub, Symbol[] syms, Gen<Expr> leaf)
    {
        Expr[] bases = [.. syms, .. SmoothFunctions.SelectMany(f => syms.Select(x => Safe(() => Expr.Call(f, x), x))).Distinct()];
        var exponent = Gen.Frequency((6, Gen.Constant(1)), (1, Gen.Choose(-2, 3)));
        var power = Gen.Zip(Gen.Elements(bases), exponent).Select(t => Safe(() => Expr.Pow(t.Item1, Expr.Number(t.Item2)), t.Item1));
        var atom = Gen.Frequency(
            (8, power),
            (1, CallOfLeaf(syms, leaf)),
            (1, Gen.Choose(-3, 4).Select(n => (Expr)Expr.Number(n))));
        return
            from operands in Operands(sub, atom)
            // Replace the repeated bases by unused ones, so the product keeps most of its factors.
            from fresh in Gen.Shuffle(bases)
            from exponents in Gen.ArrayOf(exponent, operands.Length)
            from product in Grouped(Distinct(operands, fresh, exponents), Expr.Mul, (a, b) => a * b)
            select product;
    }

    private static Expr[] Distinct(Expr[] operands, Expr[] fresh, int[] exponents)
    {
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        int next = 0;
        var result = new Expr[operands.Length];
        for (int i = 0; i < operands.Length; i++)
        {
            var factor = operands[i];
            var b = factor is Pow p ? p.Base : factor;
            if (factor is not Number && !seen.Add(b))
            {
                while (next < fresh.Length && !seen.Add(fresh[next])) next++;
                if (next < fresh.Length) factor = Safe(() => Expr.Pow(fresh[next], Expr.Number(exponents[i])), fresh[next]);
            }
            result[i] = factor;
        }
        return result;
    }

    /// <summary>2..<see cref="MaxOperands"/> operands, at most <see cref="MaxCompoundOperands"/> of them from <paramref name="sub"/>.</summary>
    private static Gen<Expr[]> Operands(Gen<Expr> sub, Gen<Expr> atom) =>
        // Mostly long: past 8 terms or 16 bases is where the collectors change method.
        from n in Gen.Frequency((1, Gen.Choose(2, 8)), (2, Gen.Choose(9, MaxOperands)))
        from k in Gen.Choose(0, MaxCompoundOperands)
        from atoms in Gen.ArrayOf(atom, n - Math.Min(k, n))
        from compounds in Gen.ArrayOf(sub, Math.Min(k, n))
        from order in Gen.Shuffle(atoms.Concat(compounds).ToArray())
        select order;

    /// <summary>
    /// The operands combined in one call, folded from the left, folded from the right or split in two:
    /// every grouping must give the same canonical object (CanonicalFormTests checks that).
    /// </summary>
    private static Gen<Expr> Grouped(Expr[] items, Func<Expr[], Expr> nary, Func<Expr, Expr, Expr> binary) =>
        Gen.Zip(Gen.Choose(0, 3), Gen.Choose(1, items.Length - 1)).Select(t => Safe(() => t.Item1 switch
        {
            0 => nary(items),
            1 => items.Aggregate(binary),
            2 => items.Reverse().Aggregate((acc, x) => binary(x, acc)),
            _ => binary(nary(items[..t.Item2]), nary(items[t.Item2..])),
        }, items[0]));

    // c x^i y^j of degree at most 2 in each of two symbols: dense random polynomials of higher
    // degree make simplify's multivariate gcd run for minutes (reported in issue 6, item 12).
    private static Gen<Expr> Monomial(Symbol[] syms) =>
        from c in Gen.Choose(-9, 9)
        from x in Gen.Elements(syms)
        from y in Gen.Elements(syms)
        from i in Gen.Choose(1, 2)
        from j in Gen.Choose(0, 1)
        select Expr.Mul(Expr.Number(c == 0 ? 1 : c), Expr.Pow(x, Expr.Number(i)), Expr.Pow(y, Expr.Number(j)));

    private static Gen<Expr> CallOfLeaf(Symbol[] syms, Gen<Expr> leaf) =>
        Gen.Zip(UnaryFunction, Gen.Frequency((4, Gen.Elements(syms).Select(x => (Expr)x)), (1, leaf)))
            .Select(t => Safe(() => Expr.Call(t.Item1, t.Item2), t.Item2));

    /// <summary>
    /// One subexpression s used in several places, as in s*t + f(s) or (s + t)^2 / s: hash-consing
    /// makes the copies one object, so a pass that walks trees instead of the graph does the work twice.
    /// </summary>
    private static Gen<Expr> Shared(Gen<Expr> sub) =>
        from s in sub
        from t in sub
        from f in UnaryFunction
        from shape in Gen.Choose(0, 4)
        select Safe(() => shape switch
        {
            0 => s * t + Expr.Call(f, s),
            1 => Expr.Pow(s + t, Expr.Two) / s,
            2 => Expr.Call(f, s * t) * Expr.Call(f, s * t + s),
            3 => Expr.Add(s, Expr.Call(f, s), Expr.Pow(Expr.Call(f, s), Expr.Two)),
            _ => Expr.Call(f, Expr.Call(f, s) + t) - s,
        }, s);

    private static Gen<Expr> Leaf(Symbol[] syms, bool floats, bool decimals)
    {
        var leaves = new List<(int, Gen<Expr>)>
        {
            (6, Gen.Elements(syms).Select(s => (Expr)s)),
            (3, Gen.Choose(-5, 9).Select(n => (Expr)Expr.Number(n))),
            (1, Gen.Zip(Gen.Choose(-7, 7), Gen.Choose(2, 6)).Select(t => (Expr)Expr.Number(Rational.Create(t.Item1, t.Item2)))),
            (1, Gen.Elements<Expr>(Expr.Pi, Expr.E)),
        };
        if (decimals)
            leaves.Add((1, Gen.Elements(Decimals).Select(d => (Expr)Expr.Number(d))));
        if (floats)
            leaves.Add((1, Gen.Elements(0.1, -2.5, 1e-20, 3.0, 1.0 / 3, double.PositiveInfinity).Select(v => (Expr)Expr.Float(v))));
        return Gen.Frequency(leaves);
    }

    private static Gen<Expr> Binary(Gen<Expr> sub) =>
        Gen.Zip(Gen.Choose(0, 3), Gen.Two(sub)).Select(t => Safe(() => t.Item1 switch
        {
            0 => t.Item2.Item1 + t.Item2.Item2,
            1 => t.Item2.Item1 - t.Item2.Item2,
            2 => t.Item2.Item1 * t.Item2.Item2,
            _ => t.Item2.Item1 / t.Item2.Item2,
        }, t.Item2.Item1));

    private static Gen<Expr> Exponent(Symbol[] syms) => Gen.Frequency(
        (4, Gen.Choose(-3, 4).Select(n => (Expr)Expr.Number(n))),
        (2, Gen.Elements(SmallRationalExponents).Select(r => (Expr)Expr.Number(r))),
        (1, Gen.Elements(syms).Select(s => (Expr)s)),
        (1, Gen.Elements(syms).Select(s => Expr.Neg(s))));

    /// <summary>f(u, x): an undefined function of two arguments, so the printer meets multi-argument calls.</summary>
    private static Expr Undefined(string name, Expr u, Symbol x) =>
        Expr.Call(Functions.Functions.Undefined(name, 2), u, x);

    /// <summary>diff(g(x), x), diff(g(x, y), x, y), diff(g(x), x, 2): the unevaluated derivatives the differentiator builds.</summary>
    private static Gen<Expr> DerivativeOfUndefined(Symbol[] syms) =>
        Gen.Zip(Gen.Zip(Gen.Choose(1, Math.Min(2, syms.Length)), Gen.Choose(1, 3)), Gen.Shuffle(syms)).Select(t =>
        {
            var ((arity, order), shuffled) = t;
            var args = shuffled.Take(arity).ToArray();
            var g = Expr.Call(Functions.Functions.Undefined("g", args.Length), args.Cast<Expr>().ToArray());
            // order 3 with two arguments is diff(g(x, y), x, 2, y): a repeated and a mixed variable.
            var variables = Enumerable.Range(0, order).Select(i => args[i % args.Length]);
            return Expr.Derivative(g, variables);
        });

    // ------------------------------------------------------------------ polynomials

    private static Gen<Expr> PolynomialNode(int depth, Symbol[] syms)
    {
        var leaf = Gen.Frequency(
            (3, Gen.Elements(syms).Select(s => (Expr)s)),
            (2, Gen.Choose(-4, 5).Select(n => (Expr)Expr.Number(n))));
        if (depth <= 0) return leaf;
        var sub = PolynomialNode(depth - 1, syms);
        return Gen.Frequency(
            (3, leaf),
            (3, Gen.Zip(sub, sub).Select(t => t.Item1 + t.Item2)),
            (1, Gen.Zip(sub, sub).Select(t => t.Item1 - t.Item2)),
            (3, Gen.Zip(sub, sub).Select(t => t.Item1 * t.Item2)),
            (1, Gen.Zip(sub, Gen.Choose(2, 4)).Select(t => Expr.Pow(t.Item1, Expr.Number(t.Item2)))));
    }

    // ------------------------------------------------------------------ shrinking

    /// <summary>
    /// Smaller candidates for a failing expression, best first: a leaf in its place, each child,
    /// then the node rebuilt with one child shrunk. Every candidate has fewer nodes, so shrinking ends.
    /// </summary>
    public static IEnumerable<Expr> Shrink(Expr e)
    {
        var seen = new HashSet<Expr> { e };
        foreach (var candidate in Candidates(e))
            if (candidate.Size < e.Size || (candidate.Size == 1 && e.Size == 1 && LeafRank(candidate) < LeafRank(e)))
                if (seen.Add(candidate))
                    yield return candidate;
    }

    private static IEnumerable<Expr> Candidates(Expr e)
    {
        switch (e)
        {
            case Number n:
                if (!n.IsZero) yield return Expr.Zero;
                if (!n.IsOne) yield return Expr.One;
                if (n.IsExact && !n.IsInteger) yield return Expr.Number(n.Exact.Numerator / n.Exact.Denominator);
                yield break;
            case Symbol or Constant:
                yield return Expr.One;
                yield break;
        }
        yield return Expr.One;
        foreach (var s in e.FreeSymbols) { yield return s; break; }
        foreach (var child in e.Children) yield return child;
        // A derivative's expression is the undefined call it was built from; shrinking inside it
        // would give derivatives the differentiator never builds, such as diff(1, x).
        if (e is Derivative) yield break;
        var children = e.Children;
        for (int i = 0; i < children.Length; i++)
        {
            foreach (var smaller in Shrink(children[i]))
            {
                var rebuilt = SafeOrNull(() => e.WithChildren(children.SetItem(i, smaller)));
                if (rebuilt is not null) yield return rebuilt;
            }
        }
    }

    // Among leaves: 0, 1, other integers, other numbers, constants, symbols, simplest first.
    private static int LeafRank(Expr leaf) => leaf switch
    {
        Number { IsZero: true, IsExact: true } => 0,
        Number { IsOne: true } => 1,
        Number { IsInteger: true } => 2,
        Number => 3,
        Constant => 4,
        _ => 5,
    };

    /// <summary>Builds with <paramref name="build"/>, or returns <paramref name="fallback"/> when the
    /// result is undefined (division by an exact zero) or out of range.</summary>
    private static Expr Safe(Func<Expr> build, Expr fallback) => SafeOrNull(build) ?? fallback;

    private static Expr? SafeOrNull(Func<Expr> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (ex is SymbolicException or DivideByZeroException or OverflowException)
        {
            return null;
        }
    }
}
