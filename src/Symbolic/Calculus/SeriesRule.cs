namespace Symbolic.Calculus;

/// <summary>
/// A function's Taylor series rule, kept in its <see cref="Functions.FunctionDef"/> entry: the truncated
/// series of f(u_1, ..., u_n) from the series of its arguments, computed in <see cref="SeriesCall.Ring"/>.
/// </summary>
internal delegate Expr[] SeriesRule(SeriesCall call);

/// <summary>
/// What a <see cref="SeriesRule"/> works with: the call, the series of its arguments, the ring, and the
/// ways out (not analytic at the point, or not supported so the expansion falls back to differentiation).
/// </summary>
internal sealed class SeriesCall(
    Call node,
    SeriesRing ring,
    Expr[][] arguments,
    Func<Exception> notAnalytic,
    Func<Exception> unsupported,
    Action<Expr, Expr[]> remember)
{
    /// <summary>The call being expanded.</summary>
    public Call Node { get; } = node;

    /// <summary>The ring the series live in (its order is the truncation order).</summary>
    public SeriesRing Ring { get; } = ring;

    /// <summary>The series of each argument, in order.</summary>
    public Expr[][] Arguments { get; } = arguments;

    /// <summary>The series of the only argument of a unary call.</summary>
    public Expr[] Argument => Arguments[0];

    /// <summary>The constant term of the only argument: its value at the expansion point.</summary>
    public Expr Argument0 => Arguments[0][0];

    /// <summary>The error to throw when the function has no Taylor expansion at the point (a pole, a kink, log at 0).</summary>
    public Exception NotAnalytic() => notAnalytic();

    /// <summary>The exception to throw when the rule cannot handle this case; the expansion then falls back to differentiation.</summary>
    public Exception Unsupported() => unsupported();

    /// <summary>Records the series of another node computed on the way (sin(u) while computing cos(u)).</summary>
    public void Remember(Expr other, Expr[] series) => remember(other, series);

    /// <summary>
    /// abs, sign, relu, step: locally the argument, its negative, a constant or 0 when the sign of the
    /// argument near the point is known. <paramref name="jumps"/> marks sign and step, which take the
    /// value 0 at a zero of the argument but not next to it.
    /// </summary>
    public Expr[] Piecewise(bool jumps, Func<bool, Expr[]> local)
    {
        var s = Argument;
        int v = Ring.Valuation(s);
        if (v > 0 && jumps) throw NotAnalytic();
        // s vanishes beyond the order: |s| and relu(s) are O(t^(order+1)).
        if (v > Ring.Order) return Ring.Zeros();
        if (s[v] is not Number lead) throw Unsupported(); // the sign is symbolic
        if (v % 2 == 1) throw NotAnalytic(); // s changes sign at the point: a kink or a jump
        return local(!lead.IsNegative);
    }
}
