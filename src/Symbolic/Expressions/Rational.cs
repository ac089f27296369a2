using System.Globalization;
using System.Numerics;
using System.Text;

namespace Symbolic;

/// <summary>
/// An exact rational number in lowest terms with a positive denominator. Identity is the value alone:
/// the literal <c>0.5</c> and <c>1/2</c> are the same number. Whether a number is shown as a decimal
/// (<c>3.2</c>) or a fraction (<c>16/5</c>) is the printer's choice (<see cref="ToString(bool)"/>).
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    public static readonly Rational Zero = new(BigInteger.Zero, BigInteger.One);
    public static readonly Rational One = new(BigInteger.One, BigInteger.One);
    public static readonly Rational MinusOne = new(BigInteger.MinusOne, BigInteger.One);
    public static readonly Rational Half = new(BigInteger.One, 2);

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    /// <summary>True when the decimal expansion ends (the denominator has no prime factors but 2 and 5), as for 3.2 and 1/8.</summary>
    public bool HasTerminatingDecimal => Terminates(Denominator);

    public bool IsInteger => Denominator.IsOne;
    public bool IsZero => Numerator.IsZero;
    public bool IsOne => Numerator.IsOne && Denominator.IsOne;
    public bool IsMinusOne => Numerator == BigInteger.MinusOne && Denominator.IsOne;
    public int Sign => Numerator.Sign;

    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        return new Rational(numerator, denominator);
    }

    public static implicit operator Rational(long value) => new(value, BigInteger.One);
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One);

    private static bool Terminates(BigInteger denominator)
    {
        if (denominator.IsOne) return true;
        while (denominator.IsEven) denominator >>= 1;
        while ((denominator % 5).IsZero) denominator /= 5;
        return denominator.IsOne;
    }

    /// <summary>Parses a literal such as <c>12</c>, <c>3.25</c>, <c>.5</c>, <c>1e-3</c> exactly.</summary>
    public static Rational Parse(string text)
    {
        // Fast path for the common short literals (12, 3.25): digits accumulate in a long.
        if (text.Length <= 18 && text.AsSpan().IndexOfAny('e', 'E') < 0)
        {
            long value = 0;
            int fraction = -1;
            bool ok = text.Length > 0;
            foreach (char ch in text)
            {
                if (ch == '.' && fraction < 0) fraction = 0;
                else if (char.IsAsciiDigit(ch))
                {
                    value = value * 10 + (ch - '0');
                    if (fraction >= 0) fraction++;
                }
                else { ok = false; break; }
            }
            if (ok)
                return fraction <= 0
                    ? new Rational(value, BigInteger.One)
                    : Create(value, BigInteger.Pow(10, fraction));
        }
        string s = text;
        int exponent = 0;
        int ePos = s.IndexOfAny(['e', 'E']);
        if (ePos >= 0)
        {
            exponent = int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..ePos];
        }
        int dot = s.IndexOf('.');
        string digits = dot >= 0 ? s.Remove(dot, 1) : s;
        int fractionDigits = dot >= 0 ? s.Length - dot - 1 : 0;
        if (digits.Length == 0) digits = "0";
        var mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        int scale = exponent - fractionDigits;
        // 1e1000000000 would spend minutes building 10^(10^9): a digits budget of the context.
        long digitCount = digits.Length + Math.Abs((long)scale), limit = ComputeContext.Current.Limits.MaxNumberDigits;
        if (digitCount > limit)
            throw ComputeContext.LimitExceeded($"number too large: {text} would have about {digitCount:N0} digits (limit {limit:N0})");
        return scale >= 0
            ? Create(mantissa * BigInteger.Pow(10, scale), BigInteger.One)
            : Create(mantissa, BigInteger.Pow(10, -scale));
    }

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a.Numerator + b.Numerator, BigInteger.One)
            : Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a.Numerator * b.Numerator, BigInteger.One)
            : Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public Rational Reciprocal() => Create(Denominator, Numerator);

    public Rational Abs() => Sign < 0 ? -this : this;

    /// <summary>This number to an integer power, exactly.</summary>
    public Rational Pow(int exponent)
    {
        if (exponent == 0) return One;
        var r = Create(BigInteger.Pow(Numerator, Math.Abs(exponent)), BigInteger.Pow(Denominator, Math.Abs(exponent)));
        return exponent < 0 ? r.Reciprocal() : r;
    }

    /// <summary>The exact n-th root if there is one (n &gt; 0), else null.</summary>
    public Rational? Root(int n)
    {
        if (Sign < 0 && n % 2 == 0) return null;
        var num = IntegerRoot(BigInteger.Abs(Numerator), n);
        var den = IntegerRoot(Denominator, n);
        if (num is null || den is null) return null;
        return Create(Sign < 0 ? -num.Value : num.Value, den.Value);
    }

    private static BigInteger? IntegerRoot(BigInteger value, int n)
    {
        if (value.IsZero || value.IsOne) return value;
        var guess = new BigInteger(Math.Round(Math.Exp(BigInteger.Log(value) / n)));
        for (var c = BigInteger.Max(BigInteger.Zero, guess - 2); c <= guess + 2; c++)
            if (BigInteger.Pow(c, n) == value) return c;
        return null;
    }

    public double ToDouble()
    {
        double n = (double)Numerator, d = (double)Denominator;
        if (!double.IsInfinity(n) && !double.IsInfinity(d)) return n / d;
        // Scale both down so huge numerators and denominators still divide to a finite value.
        int shift = (int)Math.Max(BigInteger.Abs(Numerator).GetBitLength(), Denominator.GetBitLength()) - 1000;
        return (double)(Numerator >> shift) / (double)(Denominator >> shift);
    }

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary><c>3</c>, <c>-1/30</c>, <c>16/5</c>: an integer or a reduced fraction.</summary>
    public override string ToString() => ToString(decimals: false);

    /// <summary>
    /// The number as text that <see cref="Parse"/> reads back to the same value: an integer; with
    /// <paramref name="decimals"/>, a decimal when the expansion terminates (<c>3.2</c>, <c>-0.005</c>);
    /// otherwise a reduced fraction (<c>16/5</c>, <c>1/30</c>).
    /// </summary>
    public string ToString(bool decimals)
    {
        if (IsInteger) return Numerator.ToString(CultureInfo.InvariantCulture);
        if (!decimals || !HasTerminatingDecimal) return $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
        // Terminating expansion: scale by 10^k until the denominator divides.
        int k = 0;
        var pow = BigInteger.One;
        while (!(pow % Denominator).IsZero) { pow *= 10; k++; }
        var scaled = BigInteger.Abs(Numerator) * (pow / Denominator);
        var digits = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(k + 1, '0');
        var sb = new StringBuilder();
        if (Sign < 0) sb.Append('-');
        sb.Append(digits, 0, digits.Length - k).Append('.').Append(digits, digits.Length - k, k);
        return sb.ToString();
    }
}
