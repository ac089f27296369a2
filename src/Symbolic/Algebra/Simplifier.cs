using Symbolic.Expressions;

namespace Symbolic.Algebra;

/// <summary>
/// <c>simplify</c>: the canonical form (which construction already gives) or its expansion,
/// whichever is smaller.
/// </summary>
public static class Simplifier
{
    public static Expr Simplify(Expr e) => Smaller(e, Expander.Expand(e));

    /// <summary>The smaller of two equal expressions (by node count, then printed length); ties keep the first.</summary>
    internal static Expr Smaller(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return a;
        if (a.Size != b.Size) return a.Size < b.Size ? a : b;
        return b.ToString().Length < a.ToString().Length ? b : a;
    }
}
