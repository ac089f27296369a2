using System.Numerics;

namespace Symbolic.Functions;

/// <summary>
/// Exact values of the trigonometric functions at multiples of pi/6 and pi/4, and of their inverses
/// at the matching values: sin(pi/6) = 1/2, cos(pi/2) = 0, atan(1) = pi/4, acos(0) = pi/2.
/// </summary>
internal static class SpecialValues
{
    // sin(r pi) for r = 0, 1/6, 1/4, 1/3, 1/2
    private static readonly (Rational Angle, Expr Sine)[] FirstQuadrant =
    [
        (Rational.Zero, Expr.Zero),
        (Rational.Create(1, 6), Expr.Half),
        (Rational.Create(1, 4), Expr.Sqrt(Expr.Two) / Expr.Two),
        (Rational.Create(1, 3), Expr.Sqrt(Expr.Number(3)) / Expr.Two),
        (Rational.Half, Expr.One),
    ];

    /// <summary>k when u = k*pi for a rational k.</summary>
    public static Rational? MultipleOfPi(Expr u) => u switch
    {
        Constant { Name: "pi" } => Rational.One,
        Mul { Factors: [Number { IsExact: true } k, Constant { Name: "pi" }] } => k.Exact,
        _ => null,
    };

    /// <summary>sin(k pi) when it is one of the tabulated values.</summary>
    public static Expr? SinOfPiTimes(Rational k)
    {
        // Reduce to [0, 2), then to the first quadrant using sin(pi + r) = -sin(r) and sin(pi - r) = sin(r).
        var r = k - Rational.Create(2 * Floor(k / 2), BigInteger.One);
        bool negate = false;
        if (r.CompareTo(Rational.One) >= 0) { r -= Rational.One; negate = true; }
        if (r.CompareTo(Rational.Half) > 0) r = Rational.One - r;
        foreach (var (angle, sine) in FirstQuadrant)
            if (angle.CompareTo(r) == 0) return negate ? Expr.Neg(sine) : sine;
        return null;
    }

    public static Expr? CosOfPiTimes(Rational k) => SinOfPiTimes(k + Rational.Half);

    public static Expr? TanOfPiTimes(Rational k) =>
        SinOfPiTimes(k) is { } s && CosOfPiTimes(k) is { } c && c is not Number { IsZero: true } ? Expr.Div(s, c) : null;

    /// <summary>asin(v) as a multiple of pi when v is a tabulated sine.</summary>
    public static Expr? Asin(Expr v)
    {
        foreach (var (angle, sine) in FirstQuadrant)
        {
            if (ReferenceEquals(sine, v)) return Expr.Mul(Expr.Number(angle), Expr.Pi);
            if (ReferenceEquals(Expr.Neg(sine), v)) return Expr.Mul(Expr.Number(-angle), Expr.Pi);
        }
        return null;
    }

    /// <summary>acos(v) = pi/2 - asin(v).</summary>
    public static Expr? Acos(Expr v) => Asin(v) is { } a ? Expr.Sub(Expr.Mul(Expr.Half, Expr.Pi), a) : null;

    /// <summary>atan(v) for v = 0, ±sqrt(3)/3, ±1, ±sqrt(3).</summary>
    public static Expr? Atan(Expr v)
    {
        foreach (var (angle, _) in FirstQuadrant)
        {
            if (angle.CompareTo(Rational.Half) == 0) continue;
            var tan = TanOfPiTimes(angle)!;
            if (ReferenceEquals(tan, v)) return Expr.Mul(Expr.Number(angle), Expr.Pi);
            if (ReferenceEquals(Expr.Neg(tan), v)) return Expr.Mul(Expr.Number(-angle), Expr.Pi);
        }
        return null;
    }

    private static BigInteger Floor(Rational q) =>
        BigInteger.Divide(q.Numerator - (q.Sign < 0 ? q.Denominator - 1 : 0), q.Denominator);
}
