using System.Runtime.CompilerServices;

namespace Symbolic;

/// <summary>
/// The walks that expansion, simplification, substitution and numeric evaluation share: bottom-up
/// over the expression DAG, each distinct node rewritten once per call (hash-consing makes shared
/// subtrees the same object, so the memo is keyed by reference).
/// </summary>
internal static class Rewrite
{
    /// <summary>Interior nodes the rules were applied to by this thread's walks: the work the tests
    /// count to check that a pass visits each distinct node once.</summary>
    [ThreadStatic] internal static long Visits;

    /// <summary>
    /// Applies <paramref name="rule"/> to every node; the rule gets the node and a function that
    /// rewrites a child through the same memo. Atoms (numbers, symbols, constants) are not memoized.
    /// Nodes are rewritten on demand, so a rule that does not ask for a child's rewrite never causes it;
    /// recursion is guarded by <see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/>.
    /// </summary>
    public static Expr Memoized(Expr e, Func<Expr, Func<Expr, Expr>, Expr> rule)
    {
        var memo = new Dictionary<Expr, Expr>();
        return Walk(e);

        Expr Walk(Expr node)
        {
            if (node is Number or Symbol or Constant) return rule(node, Walk);
            if (memo.TryGetValue(node, out var done)) return done;
            Visits++;
            ComputeContext.Poll();
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return memo[node] = rule(node, Walk);
        }
    }

    /// <summary>
    /// Like <see cref="Memoized"/> for rules that rewrite every child they look at: the distinct nodes
    /// are rewritten children first with an explicit stack, so an expression 100,000 levels deep is no
    /// problem. <paramref name="descend"/> (default: always) says whether a node's children are visited
    /// ahead of it; the children of an unevaluated derivative are visited only if the rule asks.
    /// </summary>
    public static Expr BottomUp(Expr e, Func<Expr, Func<Expr, Expr>, Expr> rule, Func<Expr, bool>? descend = null)
    {
        var memo = new Dictionary<Expr, Expr>();
        if (e.Children.IsEmpty) return rule(e, Walk);
        var stack = new Stack<(Expr Node, bool ChildrenDone)>();
        stack.Push((e, false));
        while (stack.Count > 0)
        {
            var (node, childrenDone) = stack.Pop();
            if (memo.ContainsKey(node)) continue;
            if (childrenDone)
            {
                Visits++;
                ComputeContext.Poll();
                memo[node] = rule(node, Walk);
                continue;
            }
            stack.Push((node, true));
            if (node is Derivative || descend?.Invoke(node) == false) continue;
            foreach (var child in node.Children)
                if (!child.Children.IsEmpty && !memo.ContainsKey(child)) stack.Push((child, false));
        }
        return memo[e];

        // Children were rewritten first; anything else the rule asks for is rewritten on demand.
        Expr Walk(Expr node)
        {
            if (node.Children.IsEmpty) return rule(node, Walk);
            if (memo.TryGetValue(node, out var done)) return done;
            Visits++;
            ComputeContext.Poll();
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return memo[node] = rule(node, Walk);
        }
    }
}
