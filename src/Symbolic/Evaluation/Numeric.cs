using System.Runtime.CompilerServices;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>
/// <c>N(e)</c>: the expression in floating point. Exact numbers and constants become floats and the
/// canonical factories fold them (float arithmetic is IEEE: 1/0.0 is Infinity); symbols stay symbols.
/// </summary>
public static class Numeric
{
    public static Expr N(Expr e)
    {
        var memo = new Dictionary<Expr, Expr>();
        return Walk(e);

        Expr Walk(Expr node)
        {
            switch (node)
            {
                case Number { IsExact: true } n: return Expr.Float(n.Value);
                case Number or Symbol: return node;
                case Constant c: return Expr.Float(c.Value);
                case Call { Function.IsUndefined: true } call:
                    throw new SymbolicException($"cannot evaluate the undefined function '{call.Function.Name}'");
                case Derivative d:
                    throw new SymbolicException($"cannot evaluate the derivative of an undefined function: {d}");
            }
            if (memo.TryGetValue(node, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            // Exponents that are small integers stay exact so x^2 does not become x^2.0.
            var result = node is Pow { Exponent: Number { IsInteger: true } } p
                ? Expr.Pow(Walk(p.Base), p.Exponent)
                : node.MapChildren(Walk);
            memo[node] = result;
            return result;
        }
    }
}
