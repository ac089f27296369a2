using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>
/// <c>N(e)</c>: the expression in floating point. Exact numbers and constants become floats and the
/// canonical factories fold them (float arithmetic is IEEE: 1/0.0 is Infinity); symbols stay symbols.
/// </summary>
public static class Numeric
{
    /// <summary>The expression with exact numbers and constants as floats (integer exponents stay exact), folded where possible.</summary>
    /// <exception cref="SymbolicException">The expression applies an undefined function or holds a derivative of one.</exception>
    /// <example><code>Numeric.N(Expr.Parse("pi/2 + x^2")) // 1.5707963267948966 + x^2</code></example>
    public static Expr N(Expr e) => Rewrite.BottomUp(Guard.NotNull(e), static (node, walk) => node switch
    {
        Number { IsExact: true } n => Expr.Float(n.Value),
        Number or Symbol => node,
        Constant c => Expr.Float(c.Value),
        Call { Function.IsUndefined: true } call =>
            throw new SymbolicException($"cannot evaluate the undefined function '{call.Function.Name}'"),
        Derivative d => throw new SymbolicException($"cannot evaluate the derivative of an undefined function: {d}"),
        // Exponents that are integers stay exact so x^2 does not become x^2.0, and so do fractions with an odd
        // denominator, so a negative base takes the real root ((-8.0)^(1/3) is -2, not NaN).
        Pow { Exponent: Number { IsExact: true } k } p when !k.Exact.Denominator.IsEven => Expr.Pow(walk(p.Base), p.Exponent),
        _ => node.MapChildren(walk),
    });
}
