
namespace Symbolic.Algebra;

/// <summary>Multinomial expansion: products of sums are distributed and integer powers of sums multiplied out.</summary>
public static class Expander
{
    // Powers of sums above this exponent are left alone: their expansion would be enormous.
    private const int MaxExponent = 1000;

    public static Expr Expand(Expr e) => Rewrite.BottomUp(e, static (node, walk) => node switch
    {
        Add a => Expr.Add(a.Terms.Select(walk)),
        Mul m => Distribute(m.Factors.Select(walk)),
        Pow p => ExpandPower(walk(p.Base), walk(p.Exponent)),
        _ => node.MapChildren(walk),
    });

    /// <summary>Multiplies out a product whose factors are already expanded.</summary>
    private static Expr Distribute(IEnumerable<Expr> factors)
    {
        // Keep the terms of the running product as a list; multiply in one factor at a time.
        var terms = new List<Expr> { Expr.One };
        var plain = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is not Add sum) { plain.Add(f); continue; }
            var next = new List<Expr>(terms.Count * sum.Terms.Length);
            foreach (var t in terms)
                foreach (var u in sum.Terms)
                    next.Add(Expr.Mul(t, u));
            terms = CollectTerms(next);
        }
        var rest = Expr.Mul(plain);
        return Expr.Add(terms.Select(t => Expr.Mul(rest, t)));
    }

    private static List<Expr> CollectTerms(List<Expr> terms) =>
        Expr.Add(terms) switch
        {
            Add a => [.. a.Terms],
            var single => [single],
        };

    private static Expr ExpandPower(Expr b, Expr e)
    {
        if (b is Add && e is Number { IsInteger: true } n && Math.Abs(n.Value) is >= 2 and <= MaxExponent)
        {
            int k = (int)Math.Abs(n.Value);
            var result = RepeatedSquare(b, k);
            return n.IsNegative ? Expr.Pow(result, Expr.MinusOne) : result;
        }
        return Expr.Pow(b, e);
    }

    private static Expr RepeatedSquare(Expr b, int k)
    {
        Expr result = Expr.One, square = b;
        while (k > 0)
        {
            if ((k & 1) == 1) result = Distribute([result, square]);
            k >>= 1;
            if (k > 0) square = Distribute([square, square]);
        }
        return result;
    }
}
