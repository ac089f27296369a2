using Symbolic.Functions;

namespace Symbolic.Evaluation;

/// <summary>
/// Rewrites an expression into forms that evaluate without overflow in double precision, for the
/// interpreter and the compiler alike. Machine-learning losses are written with the textbook formulas,
/// which overflow long before their values do: log(sigmoid(-1000)) is -1000, but sigmoid(-1000) is 0
/// in doubles and its log is -Infinity. The rewritten expression is equal to the original as a real
/// function; only its evaluation order changes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>log(sigmoid(z)) = -softplus(-z)</c> and <c>log(1 - sigmoid(z)) = -softplus(z)</c>.</item>
/// <item><c>log(exp(a) + exp(b) + ...)</c> (a constant 1 counts as exp(0)) as a log-sum-exp: pairwise,
/// <c>log(e^a + e^b) = a + softplus(b - a)</c>, which never exponentiates a large positive number.</item>
/// <item><c>softplus</c> and <c>sigmoid</c> themselves are evaluated stably by <see cref="NumericFunctions"/>.</item>
/// </list>
/// The walk is bottom-up with an explicit stack and visits each distinct node once.
/// </remarks>
public static class StableForms
{
    /// <summary>The expression with every unstable pattern above replaced; the same object when there is none.</summary>
    public static Expr Rewrite(Expr e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!MayContainLog(e)) return e;
        var done = new Dictionary<Expr, Expr>();
        var stack = new Stack<(Expr Node, bool Ready)>();
        stack.Push((e, false));
        while (stack.Count > 0)
        {
            var (node, ready) = stack.Pop();
            if (done.ContainsKey(node)) continue;
            if (node.Children.IsEmpty)
            {
                done[node] = node;
                continue;
            }
            if (!ready)
            {
                stack.Push((node, true));
                foreach (var child in node.Children)
                    if (!done.ContainsKey(child)) stack.Push((child, false));
                continue;
            }
            var rebuilt = node is Derivative ? node : node.MapChildren(c => done[c]);
            done[node] = rebuilt is Call { Function.Name: "log", Arguments.Length: 1 } log ? StableLog(log) : rebuilt;
        }
        return done[e];
    }

    private static bool MayContainLog(Expr e)
    {
        // cheap pre-check on the printed function names would be wrong for user symbols; walk instead
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is Call { Function.Name: "log" }) return true;
            foreach (var c in n.Children)
                if (!c.Children.IsEmpty && seen.Add(c)) stack.Push(c);
        }
        return false;
    }

    private static Expr StableLog(Call log)
    {
        var u = log.Argument;
        // log(sigmoid(z)) = -softplus(-z)
        if (u is Call { Function.Name: "sigmoid" } s)
            return Expr.Neg(Expr.Call(Functions.Functions.Softplus, Expr.Neg(s.Argument)));
        if (u is Add sum)
        {
            // log(1 - sigmoid(z)) = -softplus(z)
            if (sum.Terms is [Number { IsOne: true }, Mul { Factors: [Number { IsMinusOne: true }, Call { Function.Name: "sigmoid" } sig] }])
                return Expr.Neg(Expr.Call(Functions.Functions.Softplus, sig.Argument));
            // log(e^a + e^b + ...) as a pairwise log-sum-exp
            var exponents = new List<Expr>(sum.Terms.Length);
            foreach (var t in sum.Terms)
            {
                if (t is Call { Function.Name: "exp" } ex) exponents.Add(ex.Argument);
                else if (t is Number { IsOne: true }) exponents.Add(Expr.Zero);
                else return log;
            }
            var acc = exponents[0];
            for (int i = 1; i < exponents.Count; i++)
                acc = Expr.Add(acc, Expr.Call(Functions.Functions.Softplus, Expr.Sub(exponents[i], acc)));
            return acc;
        }
        return log;
    }
}
