namespace Symbolic;

/// <summary>
/// Products of roots of positive rationals with one exponent join under one root, as a person writes
/// them: sqrt(2)*sqrt(3) is sqrt(6), and sqrt(6)/sqrt(2) (built as sqrt(6)*sqrt(2)/2) is sqrt(3).
/// The joined root is taken by the exact power rule, so square factors come out (sqrt(2)*sqrt(6) = 2*sqrt(3)).
/// Only positive bases join: for negative ones sqrt(-2)*sqrt(-3) is not sqrt(6).
/// </summary>
internal static class RootProducts
{
    /// <summary>
    /// Joins the numeric roots among a product's built factors (<paramref name="factors"/>, unsorted) that share
    /// an exponent; numbers that come out multiply <paramref name="coefficient"/>.
    /// </summary>
    public static void Join(List<Expr> factors, ref Number coefficient)
    {
        int roots = 0;
        foreach (var f in factors)
            if (IsRoot(f)) roots++;
        if (roots < 2) return;
        var groups = new Dictionary<Rational, Rational>();
        var order = new List<Rational>();
        for (int i = factors.Count - 1; i >= 0; i--)
        {
            if (!IsRoot(factors[i])) continue;
            var p = (Pow)factors[i];
            var exponent = ((Number)p.Exponent).Exact;
            var b = ((Number)p.Base).Exact;
            if (groups.TryGetValue(exponent, out var product)) groups[exponent] = product * b;
            else { groups[exponent] = b; order.Add(exponent); }
            factors.RemoveAt(i);
        }
        foreach (var exponent in order)
        {
            var joined = Expr.Pow(Expr.Number(groups[exponent]), Expr.Number(exponent));
            foreach (var part in joined is Mul m ? m.Factors.AsEnumerable() : [joined])
            {
                if (part is Number n) coefficient = Arithmetic.Mul(coefficient, n);
                else factors.Add(part);
            }
        }
    }

    private static bool IsRoot(Expr e) =>
        e is Pow { Base: Number { IsExact: true } b, Exponent: Number { IsExact: true, IsInteger: false } } && b.Exact.Sign > 0;
}
