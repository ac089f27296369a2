namespace Symbolic.Functions;

/// <summary>
/// The truncated power series arithmetic a <see cref="SeriesRule"/> computes with: series are arrays
/// c[0..Order] of coefficients. The ring itself (Calculus' SeriesRing) sits above the function table; the
/// rules see it through this interface, so the table depends on nothing above it.
/// </summary>
internal interface ISeriesArithmetic
{
    /// <summary>The truncation order.</summary>
    int Order { get; }

    /// <summary>The index of the first nonzero coefficient (Order + 1 for the zero series).</summary>
    int Valuation(Expr[] s);

    /// <summary>The zero series.</summary>
    Expr[] Zeros();

    /// <summary>The constant series c.</summary>
    Expr[] Constant(Expr c);

    /// <summary>c times a series.</summary>
    Expr[] Scale(Expr c, Expr[] s);

    /// <summary>The sum of several series.</summary>
    Expr[] Sum(IReadOnlyList<Expr[]> series);

    /// <summary>The product of two series.</summary>
    Expr[] Mul(Expr[] a, Expr[] b);

    /// <summary>1/s; the constant term must be nonzero.</summary>
    Expr[] Reciprocal(Expr[] s);

    /// <summary>s^alpha; the constant term must be nonzero.</summary>
    Expr[] Power(Expr[] s, Expr alpha);

    /// <summary>F with F' = g s' and F(0) = f0: the recurrence behind every function of one argument.</summary>
    Expr[] Integral(Expr[] s, Expr[] g, Expr f0);

    /// <summary>exp(s), optionally with its known constant term.</summary>
    Expr[] Exp(Expr[] s, Expr? e0 = null);

    /// <summary>log(s).</summary>
    Expr[] Log(Expr[] s);

    /// <summary>sin(s) and cos(s), or sinh and cosh.</summary>
    (Expr[] Sin, Expr[] Cos) SinCos(Expr[] s, bool hyperbolic);

    /// <summary>tan(s) or tanh(s).</summary>
    Expr[] Tan(Expr[] s, bool hyperbolic);

    /// <summary>sigmoid(s).</summary>
    Expr[] Sigmoid(Expr[] s);

    /// <summary>softplus(s).</summary>
    Expr[] Softplus(Expr[] s);

    /// <summary>True for a zero coefficient, exact or floating point: a constant term that cannot be divided by.</summary>
    static bool IsZero(Expr e) => e is Number { IsZero: true };
}

/// <summary>
/// A function's Taylor series rule, kept in its <see cref="FunctionDef"/> entry: the truncated
/// series of f(u_1, ..., u_n) from the series of its arguments, computed in <see cref="SeriesCall.Ring"/>.
/// </summary>
internal delegate Expr[] SeriesRule(SeriesCall call);

/// <summary>
/// What a <see cref="SeriesRule"/> works with: the call, the series of its arguments, the ring, and the
/// ways out (not analytic at the point, or not supported so the expansion falls back to differentiation).
/// </summary>
internal sealed class SeriesCall(
    Call node,
    ISeriesArithmetic ring,
    Expr[][] arguments,
    Func<Exception> notAnalytic,
    Func<Exception> unsupported,
    Action<Expr, Expr[]> remember)
{
    /// <summary>The call being expanded.</summary>
    public Call Node { get; } = node;

    /// <summary>The ring the series live in (its order is the truncation order).</summary>
    public ISeriesArithmetic Ring { get; } = ring;

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
