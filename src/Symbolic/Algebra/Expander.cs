using System.Numerics;

namespace Symbolic.Algebra;

/// <summary>Multinomial expansion: products of sums are distributed and integer powers of sums multiplied out.</summary>
/// <remarks>
/// The multiplication is done by the polynomial engine (<see cref="SparsePolynomial"/>), which counts the
/// terms of the result before expanding and refuses with <see cref="ErrorCodes.LimitExceeded"/> what the
/// budgets of <see cref="ComputeContext.Current"/> do not allow. Floating-point and decimal coefficients
/// are multiplied as expressions (same budgets), so their rounding and display stay as they were.
/// </remarks>
public static class Expander
{
    /// <summary>The expanded form of <paramref name="e"/>: products of sums distributed and integer powers of sums
    /// multiplied out, at every level (inside function arguments and exponents too).</summary>
    /// <exception cref="SymbolicException">A budget of <see cref="ComputeContext.Current"/> would be exceeded
    /// (<see cref="ErrorCodes.LimitExceeded"/>, checked before expanding), or the context was cancelled or timed out.</exception>
    public static Expr Expand(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var context = ComputeContext.Current;
        return Rewrite.BottomUp(e, (node, walk) =>
        {
            context.ThrowIfStopped();
            return node switch
            {
                Add a => Expr.Add(a.Terms.Select(walk)),
                Mul m => Distribute([.. m.Factors.Select(walk)]),
                Pow p => ExpandPower(walk(p.Base), walk(p.Exponent)),
                _ => node.MapChildren(walk),
            };
        });
    }

    /// <summary>Multiplies out a product whose factors are already expanded.</summary>
    internal static Expr Distribute(IReadOnlyList<Expr> factors)
    {
        if (!factors.Any(f => f is Add)) return Expr.Mul(factors);
        return SparsePolynomial.Multiply(factors) ?? DistributeAsExpressions(factors);
    }

    /// <summary>(sum)^n multiplied out for an integer |n| &gt;= 2 (a negative power is the reciprocal of the expansion).</summary>
    private static Expr ExpandPower(Expr b, Expr e)
    {
        if (b is Add sum && e is Number { IsInteger: true } n && BigInteger.Abs(n.Exact.Numerator) >= 2)
        {
            var result = PowerOfSum(sum, BigInteger.Abs(n.Exact.Numerator));
            return n.IsNegative ? Expr.Pow(result, Expr.MinusOne) : result;
        }
        return Expr.Pow(b, e);
    }

    /// <summary>sum^k multiplied out (k &gt;= 1) for a sum whose terms are expanded.</summary>
    internal static Expr PowerOfSum(Add sum, BigInteger k) =>
        k.IsOne ? sum : SparsePolynomial.Power(sum, k) ?? PowerAsExpressions(sum, k);

    // ---------------------------------------------------------------- coefficients that are not exact rationals

    private static Expr DistributeAsExpressions(IReadOnlyList<Expr> factors)
    {
        var context = ComputeContext.Current;
        BigInteger bound = BigInteger.One;
        foreach (var f in factors) if (f is Add s) bound *= s.Terms.Length;
        context.CheckTerms("expand", bound);
        // Keep the terms of the running product as a list; multiply in one factor at a time.
        var terms = new List<Expr> { Expr.One };
        var plain = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is not Add sum) { plain.Add(f); continue; }
            var next = new List<Expr>(terms.Count * sum.Terms.Length);
            foreach (var t in terms)
            {
                context.ThrowIfStopped();
                foreach (var u in sum.Terms)
                    next.Add(Expr.Mul(t, u));
            }
            terms = Expr.Add(next) switch
            {
                Add a => [.. a.Terms],
                var single => [single],
            };
        }
        var rest = Expr.Mul(plain);
        return Expr.Add(terms.Select(t => Expr.Mul(rest, t)));
    }

    private static Expr PowerAsExpressions(Add b, BigInteger n)
    {
        ComputeContext.Current.CheckTerms("expand", SparsePolynomial.Binomial(n + b.Terms.Length - 1, b.Terms.Length - 1));
        int k = (int)n;
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
