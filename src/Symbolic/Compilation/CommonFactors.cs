namespace Symbolic.Compilation;

/// <summary>
/// Takes the factors common to every term of a sum out of it: <c>a*x*u + a*x*v</c> becomes <c>a*x*(u + v)</c>.
/// Symbolic gradients are sums of chain-rule products that repeat the same factors: the log loss
/// <c>t*softplus(-z) + (1 - t)*softplus(z)</c> with <c>z = w1*a1 + ...</c> has
/// <c>d/dw1 = -a1*t*sigmoid(-z) + a1*(1 - t)*sigmoid(z)</c>, and the sum left after taking <c>a1</c> out is
/// the same node for every weight (hash-consing), so the compiled gradient computes dL/dz once and one
/// product per weight, as backpropagation written by hand does.
/// </summary>
/// <remarks>
/// Only symbolic factors are taken out (a number times a sum would be multiplied back in by the canonical
/// product), and the result equals the input as a real function; its rounding can differ in the last bits.
/// </remarks>
internal static class CommonFactors
{
    /// <summary>The expression with the common factors of its top-level sum taken out; the same object when there are none.</summary>
    public static Expr Extract(Expr e)
    {
        if (e is not Add sum) return e;
        // the factors of the first term that every other term has too (as many times)
        var common = new List<Expr>();
        foreach (var f in FactorsOf(sum.Terms[0]))
            if (f is not Number) common.Add(f);
        for (int i = 1; i < sum.Terms.Length && common.Count > 0; i++)
        {
            var available = FactorsOf(sum.Terms[i]).ToList();
            common.RemoveAll(f => !available.Remove(f));
        }
        if (common.Count == 0) return e;
        var rests = new Expr[sum.Terms.Length];
        for (int i = 0; i < rests.Length; i++)
        {
            var rest = FactorsOf(sum.Terms[i]).ToList();
            foreach (var f in common) rest.Remove(f);
            rests[i] = Expr.Mul(rest);
        }
        return Expr.Mul([.. common, Expr.Add(rests)]);
    }

    private static IEnumerable<Expr> FactorsOf(Expr term) => term is Mul m ? m.Factors : [term];
}
