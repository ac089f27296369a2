using static Symbolic.Tests.Support.NumericCheck;

namespace Symbolic.Tests.Support;

/// <summary>
/// The one numeric derivative the tests compare symbolic derivatives with, and the one rule that
/// decides whether the two agree.
/// </summary>
/// <remarks>
/// <para><b>Estimate.</b> Central differences D(h) = (f(x+h) - f(x-h)) / 2h with two levels of
/// Richardson extrapolation: R(h) = (4 D(h/2) - D(h)) / 3 has error O(h^4), and the result
/// (16 R(h/2) - R(h)) / 15 has error O(h^6). The step is <see cref="Step"/> = 1e-2, so the
/// truncation error is about 1e-12 times the seventh derivative.</para>
/// <para><b>Skipped, not compared:</b> where f, the estimate or the symbolic derivative is not finite or larger than
/// <see cref="MaxMagnitude"/>, where a part of f is not finite (f is then finite only by IEEE's
/// 1/Infinity = 0, and the chain rule meets 0 * Infinity), and where the two extrapolation levels disagree by more than
/// <see cref="SmoothnessGate"/> relative to max(1, |R(h/2)|): a kink, a jump or a singularity is
/// within reach of the stencil, so no difference quotient means anything there.</para>
/// <para><b>Tolerance.</b> A symbolic value s agrees with the estimate n when
/// |s - n| &lt;= <see cref="RelativeTolerance"/> * max(1, |s|, |n|) + 100 * eps * max(1, |f|) / h (eps = 2^-52),
/// that is a relative error of 1e-5 (absolute below magnitude 1) plus the roundoff of a difference
/// quotient of values of size |f| taken with step h.</para>
/// <para><b>Kinks.</b> Where f is smooth but its derivative formula reads 0/0 (for example
/// step(x)/(2 sqrt(relu(x))) where relu is flat), a non-finite symbolic value is accepted only when
/// f uses a kink function (<see cref="NumericCheck.HasKink"/>); otherwise it is a failure.</para>
/// </remarks>
public static class FiniteDifference
{
    /// <summary>The base step h.</summary>
    public const double Step = 1e-2;

    /// <summary>The relative tolerance of the comparison (absolute below magnitude 1).</summary>
    public const double RelativeTolerance = 1e-5;

    /// <summary>How far apart the two extrapolation levels may be (relative) before the point counts as not smooth.</summary>
    public const double SmoothnessGate = 1e-4;

    /// <summary>The machine epsilon of double (2^-52).</summary>
    private const double Roundoff = 2.220446049250313e-16;

    /// <summary>Values and estimates beyond this magnitude are skipped: their absolute error swamps the tolerance.</summary>
    public const double MaxMagnitude = 1e6;

    /// <summary>
    /// d f / d v at the point (see the remarks for the method), or null where the point is skipped.
    /// </summary>
    public static double? Estimate(Expr f, Symbol v, IReadOnlyDictionary<Symbol, double> point) =>
        Levels(f, v, point) is { } l ? l.Extrapolated : null;

    /// <summary>
    /// Compares <paramref name="derivative"/> (claimed to be d f / d v) with the estimate at the point
    /// by the rule in the remarks.
    /// </summary>
    public static Verdict Compare(Expr f, Symbol v, Expr derivative, IReadOnlyDictionary<Symbol, double> point)
    {
        if (TryEvaluate(f, point) is not { } value || Math.Abs(value) > MaxMagnitude) return Verdict.Skipped;
        // a finite value reached through an infinite part (cosh(cosh(x + 10))^z with z < 0 is 0) has no
        // meaningful derivative there: the chain rule meets 0 * Infinity
        if (!NumericCheck.FiniteThroughout(f, point)) return Verdict.Skipped;
        if (Levels(f, v, point) is not { } l || Math.Abs(l.Extrapolated) > MaxMagnitude) return Verdict.Skipped;
        if (TryEvaluate(derivative, point) is not { } symbolic)
            return HasKink(f) ? Verdict.Skipped : Verdict.Failed;
        // a derivative this large means f changes by more than the step can follow (sin(exp(x + 10.6))):
        // the estimate is then noise, like an estimate this large
        if (Math.Abs(symbolic) > MaxMagnitude) return Verdict.Skipped;
        return Agree(symbolic, l.Extrapolated, value) ? Verdict.Passed : Verdict.Failed;
    }

    /// <summary>
    /// Compares <paramref name="derivative"/> with d f / d v at every point of <see cref="NumericCheck.Points"/>:
    /// failed if any point fails, passed if at least one point was compared, else skipped.
    /// </summary>
    public static Verdict CompareAtPoints(Expr f, Symbol v, Expr derivative) =>
        Verdict.All(NumericCheck.Points.Select(p => Compare(f, v, derivative, At(p))));

    /// <summary>The tolerance rule of the remarks, with <paramref name="value"/> the value of f at the point.</summary>
    public static bool Agree(double symbolic, double numeric, double value)
    {
        double tolerance = RelativeTolerance * Math.Max(1, Math.Max(Math.Abs(symbolic), Math.Abs(numeric)))
                           + 100 * Roundoff * Math.Max(1, Math.Abs(value)) / Step;
        return Math.Abs(symbolic - numeric) <= tolerance;
    }

    private static (double Extrapolated, double Coarse, double Fine)? Levels(Expr f, Symbol v, IReadOnlyDictionary<Symbol, double> point)
    {
        var p = new Dictionary<Symbol, double>(point);
        double x0 = p[v];
        double? F(double x)
        {
            p[v] = x;
            return TryEvaluate(f, p);
        }
        double? Central(double h) =>
            F(x0 + h) is { } a && F(x0 - h) is { } b ? (a - b) / (2 * h) : null;
        double? Richardson(double h) =>
            Central(h) is { } d1 && Central(h / 2) is { } d2 ? (4 * d2 - d1) / 3 : null;
        if (Richardson(Step) is not { } coarse || Richardson(Step / 2) is not { } fine) return null;
        if (Math.Abs(coarse - fine) > SmoothnessGate * Math.Max(1, Math.Abs(fine))) return null;
        return ((16 * fine - coarse) / 15, coarse, fine);
    }
}
