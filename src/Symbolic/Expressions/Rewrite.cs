using System.Runtime.CompilerServices;

namespace Symbolic;

/// <summary>
/// The walk that expansion, simplification and numeric evaluation share: bottom-up over the
/// expression DAG, each distinct node rewritten once (hash-consing makes shared subtrees the same
/// object, so the memo is keyed by reference), with a clear error instead of a stack overflow.
/// </summary>
internal static class Rewrite
{
    /// <summary>
    /// Applies <paramref name="rule"/> to every node; the rule gets the node and a function that
    /// rewrites a child through the same memo. Atoms (numbers, symbols, constants) are not memoized.
    /// </summary>
    public static Expr Memoized(Expr e, Func<Expr, Func<Expr, Expr>, Expr> rule)
    {
        var memo = new Dictionary<Expr, Expr>();
        return Walk(e);

        Expr Walk(Expr node)
        {
            if (node is Number or Symbol or Constant) return rule(node, Walk);
            if (memo.TryGetValue(node, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return memo[node] = rule(node, Walk);
        }
    }
}
