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
    /// <summary>0 (as 0/1). Prefer it to <c>default(Rational)</c>, which has denominator 0 and is not a valid number.</summary>
    public static readonly Rational Zero = new(BigInteger.Zero, BigInteger.One);

    /// <summary>1.</summary>
    public static readonly Rational One = new(BigInteger.One, BigInteger.One);

    /// <summary>-1.</summary>
    public static readonly Rational MinusOne = new(BigInteger.MinusOne, BigInteger.One);

    /// <summary>1/2.</summary>
    public static readonly Rational Half = new(BigInteger.One, 2);

    private Rational(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    /// <summary>The numerator, carrying the sign; coprime to <see cref="Denominator"/>.</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator, always positive (1 for an integer and for zero).</summary>
    public BigInteger Denominator { get; }

    /// <summary>True when the decimal expansion ends (the denominator has no prime factors but 2 and 5), as for 3.2 and 1/8.</summary>
    public bool HasTerminatingDecimal => Terminates(Denominator);

    /// <summary>True when the denominator is 1.</summary>
    public bool IsInteger => Denominator.IsOne;

    /// <summary>True for 0.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>True for 1.</summary>
    public bool IsOne => Numerator.IsOne && Denominator.IsOne;

    /// <summary>True for -1.</summary>
    public bool IsMinusOne => Numerator == BigInteger.MinusOne && Denominator.IsOne;

    /// <summary>-1, 0 or 1 as the number is negative, zero or positive.</summary>
    public int Sign => Numerator.Sign;

    /// <summary><paramref name="numerator"/>/<paramref name="denominator"/> reduced to lowest terms with a positive denominator.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is zero.</exception>
    /// <example><code>Rational.Create(6, -4).ToString() // "-3/2"</code></example>
    public static Rational Create(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        return new Rational(numerator, denominator);
    }

    /// <summary>The integer <paramref name="value"/> as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    /// <summary>The integer <paramref name="value"/> as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One);

    private static bool Terminates(BigInteger denominator) => DecimalText.TerminatingDigits(denominator) is not null;

    /// <summary>Parses a decimal literal such as <c>12</c>, <c>3.25</c>, <c>.5</c>, <c>1e-3</c> (optionally signed) exactly;
    /// fractions such as <c>1/3</c> are expressions, not literals (use <see cref="Expr.Parse(string)"/>).</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a decimal literal.</exception>
    /// <exception cref="SymbolicException">The value would have more digits than <see cref="ComputeLimits.MaxNumberDigits"/>
    /// (<see cref="ErrorCodes.LimitExceeded"/>).</exception>
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
            ? Create(mantissa * DecimalText.PowerOfTen(scale), BigInteger.One)
            : Create(mantissa, DecimalText.PowerOfTen(-scale));
    }

    /// <summary>The negation of <paramref name="a"/>.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>The exact sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a.Numerator + b.Numerator, BigInteger.One)
            : Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <summary>The exact difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + -b;

    /// <summary>The exact product.</summary>
    public static Rational operator *(Rational a, Rational b) =>
        a.Denominator.IsOne && b.Denominator.IsOne
            ? new Rational(a.Numerator * b.Numerator, BigInteger.One)
            : Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>The exact quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is zero.</exception>
    public static Rational operator /(Rational a, Rational b) =>
        Create(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>1 divided by this number.</summary>
    /// <exception cref="DivideByZeroException">This number is zero.</exception>
    public Rational Reciprocal() => Create(Denominator, Numerator);

    /// <summary>The absolute value.</summary>
    public Rational Abs() => Sign < 0 ? -this : this;

    /// <summary>This number to an integer power, exactly (no digit budget is checked here).</summary>
    /// <exception cref="DivideByZeroException">This number is zero and <paramref name="exponent"/> is negative.</exception>
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
        if (n >= value.GetBitLength()) return null; // 1 < root < 2
        double log = BigInteger.Log(value) / n;
        // exp(log) overflows a double beyond about 10^308: then Newton's iteration on integers, from above.
        var guess = log < 700 ? new BigInteger(Math.Round(Math.Exp(log))) : FloorRoot(value, n);
        for (var c = BigInteger.Max(BigInteger.Zero, guess - 2); c <= guess + 2; c++)
            if (BigInteger.Pow(c, n) == value) return c;
        return null;
    }

    // floor(value^(1/n)) for value > 1: Newton's iteration decreases to it from any start above.
    private static BigInteger FloorRoot(BigInteger value, int n)
    {
        var context = ComputeContext.Current;
        var x = BigInteger.One << (int)(value.GetBitLength() / n + 1);
        while (true)
        {
            context.ThrowIfStopped();
            var next = ((n - 1) * x + value / BigInteger.Pow(x, n - 1)) / n;
            if (next >= x) return x;
            x = next;
        }
    }

    /// <summary>The nearest double, also for numerators and denominators beyond the range of a double
    /// (a quotient too large or too small for a double gives an infinity or zero).</summary>
    public double ToDouble()
    {
        double n = (double)Numerator, d = (double)Denominator;
        if (!double.IsInfinity(n) && !double.IsInfinity(d)) return n / d;
        // Scale both down so huge numerators and denominators still divide to a finite value.
        int shift = (int)Math.Max(BigInteger.Abs(Numerator).GetBitLength(), Denominator.GetBitLength()) - 1000;
        return (double)(Numerator >> shift) / (double)(Denominator >> shift);
    }

    /// <summary>Compares values: negative, zero or positive as this number is less than, equal to or greater than <paramref name="other"/>.</summary>
    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>True when both are the same value (numbers are kept in lowest terms, so this compares the parts).</summary>
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <summary>True when <paramref name="obj"/> is a <see cref="Rational"/> of the same value.</summary>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <summary>A hash of the value, consistent with <see cref="Equals(Rational)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary><c>3</c>, <c>-1/30</c>, <c>16/5</c>: an integer or a reduced fraction.</summary>
    public override string ToString() => ToString(decimals: false);

    /// <summary>
    /// The number as text that <see cref="Expr.Parse(string)"/> reads back to the same value: an integer; with
    /// <paramref name="decimals"/>, a decimal when the expansion terminates (<c>3.2</c>, <c>-0.005</c>);
    /// otherwise a reduced fraction (<c>16/5</c>, <c>1/30</c>).
    /// </summary>
    public string ToString(bool decimals)
    {
        // DecimalText: BigInteger.ToString is quadratic, and an exact number may have a million digits.
        if (IsInteger) return DecimalText.Of(Numerator);
        if (!decimals || DecimalText.TerminatingDigits(Denominator) is not { } places) return $"{DecimalText.Of(Numerator)}/{DecimalText.Of(Denominator)}";
        // Terminating expansion: the denominator 2^a*5^b divides 10^k, k = max(a, b), with quotient 2^(k-a)*5^(k-b).
        int k = checked((int)places);
        var scaled = BigInteger.Abs(Numerator) * DecimalText.Cofactor(Denominator, k);
        var digits = DecimalText.Of(scaled).PadLeft(k + 1, '0');
        var sb = new StringBuilder();
        if (Sign < 0) sb.Append('-');
        sb.Append(digits, 0, digits.Length - k).Append('.').Append(digits, digits.Length - k, k);
        return sb.ToString();
    }
}
