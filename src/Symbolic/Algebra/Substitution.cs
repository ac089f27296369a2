using System.Runtime.CompilerServices;

namespace Symbolic.Algebra;

/// <summary>Exact simultaneous substitution of symbols (<c>subs(e, x = 1, y = x)</c> replaces both at once).</summary>
public static class Substitution
{
    public static Expr Substitute(Expr e, IReadOnlyDictionary<Symbol, Expr> replacements)
    {
        if (replacements.Count == 0) return e;
        var memo = new Dictionary<Expr, Expr>();
        return Walk(e);

        Expr Walk(Expr node)
        {
            if (!Touches(node)) return node;
            if (node is Symbol s) return replacements[s];
            if (memo.TryGetValue(node, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var result = node is Derivative d
                ? SubstituteInDerivative(d)
                : node.MapChildren(Walk);
            memo[node] = result;
            return result;
        }

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
        Expr SubstituteInDerivative(Derivative d)
        {
            if (d.Variables.Any(replacements.ContainsKey)) return d;
            return Expr.Derivative(Walk(d.Expression), d.Variables);
        }
    }

    public static Expr Substitute(Expr e, Symbol symbol, Expr value) =>
        Substitute(e, new Dictionary<Symbol, Expr> { [symbol] = value });
}
