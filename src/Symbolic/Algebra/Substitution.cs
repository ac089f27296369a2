namespace Symbolic.Algebra;

/// <summary>Exact simultaneous substitution of symbols (<c>subs(e, x = 1, y = x)</c> replaces both at once).
/// Each distinct node that mentions a replaced symbol is rebuilt once per call; the rest is kept as it is.</summary>
public static class Substitution
{
    /// <summary>Replaces every free occurrence of each key of <paramref name="replacements"/> in <paramref name="e"/> by its value,
    /// all at once, and rebuilds canonically; a derivative whose variable is replaced is kept as it is.</summary>
    /// <example><code>Substitution.Substitute(Expr.Parse("x + y"), new Dictionary&lt;Symbol, Expr&gt; { [Expr.Symbol("x")] = Expr.Symbol("y"), [Expr.Symbol("y")] = 1 }) // y + 1</code></example>
    public static Expr Substitute(Expr e, IReadOnlyDictionary<Symbol, Expr> replacements)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(replacements);
        foreach (var (s, value) in replacements)
            if (s is null || value is null) throw Guard.NullElement(nameof(replacements));
        if (replacements.Count == 0) return e;
        return Rewrite.BottomUp(e, (node, walk) => !Touches(node) ? node
            : node is Symbol s ? replacements[s]
            : node is Derivative d ? SubstituteInDerivative(d, walk)
            : node.MapChildren(walk), Touches);

        bool Touches(Expr node)
        {
            var free = node.FreeSymbols;
            if (free.Count < replacements.Count)
            {
                foreach (var s in free) if (replacements.ContainsKey(s)) return true;
                return false;
            }
            foreach (var s in replacements.Keys) if (free.Contains(s)) return true;
            return false;
        }

        // A derivative's variables are bound: substituting for them would change its meaning, so
        // only substitutions that leave them symbols are made; otherwise the derivative is kept.
        Expr SubstituteInDerivative(Derivative d, Func<Expr, Expr> walk)
        {
            if (d.Variables.Any(replacements.ContainsKey)) return d;
            return Expr.Derivative(walk(d.Expression), d.Variables);
        }
    }

    /// <summary>Replaces every free occurrence of <paramref name="symbol"/> in <paramref name="e"/> by <paramref name="value"/>.</summary>
    public static Expr Substitute(Expr e, Symbol symbol, Expr value) =>
        Substitute(Guard.NotNull(e), new Dictionary<Symbol, Expr> { [Guard.NotNull(symbol)] = Guard.NotNull(value) });
}
