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
        if (Small(numerator) && Small(denominator)) return Create((long)numerator, (long)denominator);
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        if (numerator.IsZero) denominator = BigInteger.One;
        return new Rational(numerator, denominator);
    }

    // Most numbers met in practice (literals of up to 18 digits, coefficients of derivatives) fit in a long:
    // reducing and comparing them with long and Int128 arithmetic allocates nothing, where BigInteger's
    // gcd and products beyond 32 bits allocate every time. Parsing a sum of 4,000 terms compares and
    // builds tens of thousands of them.
    private static bool Small(BigInteger value) => value.GetBitLength() < 63;

    // numerator/denominator in lowest terms; the denominator is not zero and neither is long.MinValue.
    private static Rational Create(long numerator, long denominator)
    {
        if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
        if (numerator == 0) return new Rational(BigInteger.Zero, BigInteger.One);
        long g = Gcd(Math.Abs(numerator), denominator);
        if (g != 1) { numerator /= g; denominator /= g; }
        return new Rational(numerator, denominator);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The integer <paramref name="value"/> as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One);

    /// <summary>The integer <paramref name="value"/> as a rational.</summary>
    public static implicit operator Rational(BigInteger value) => new(value, BigInteger.One);

    private static readonly long[] Pow10 = [.. Enumerable.Range(0, 19).Select(k => (long)Math.Pow(10, k))];

    // no division per factor: a denominator of 1e-999999 has a million of each
    private static bool Terminates(BigInteger denominator) => DecimalText.TerminatingDigits(denominator) is not null;

    /// <summary>Parses a decimal literal such as <c>12</c>, <c>3.25</c>, <c>.5</c>, <c>1e-3</c> (optionally signed) exactly;
    /// fractions such as <c>1/3</c> are expressions, not literals (use <see cref="Expr.Parse(string)"/>).</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a decimal literal.</exception>
    /// <exception cref="SymbolicException">The value would have more digits than <see cref="ComputeLimits.MaxNumberDigits"/>
    /// (<see cref="ErrorCodes.LimitExceeded"/>).</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
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
                    : Create(value, Pow10[fraction]);
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

    /// <summary>
    /// The greatest common divisor of the absolute values, gcd(p/q, r/s) = gcd(p, r)/lcm(q, s): the largest
    /// rational whose quotients by it are both integers (gcd(0, b) = |b|). Folded over a sum's coefficients it
    /// gives the sum's content.
    /// </summary>
    /// <example><code>Rational.Gcd(Rational.Create(3, 4), Rational.Create(9, 10)) // 3/20</code></example>
    public static Rational Gcd(Rational a, Rational b)
    {
        if (a.TryLongs(out long an, out long ad) && b.TryLongs(out long bn, out long bd))
        {
            long g = Gcd(Math.Abs(an), Math.Abs(bn));
            Int128 lcm = (Int128)(ad / Gcd(ad, bd)) * bd;
            if (lcm < long.MaxValue) return g == 0 ? Zero : Create(g, (long)lcm);
        }
        var numerator = BigInteger.GreatestCommonDivisor(a.Numerator, b.Numerator);
        var denominator = a.Denominator / BigInteger.GreatestCommonDivisor(a.Denominator, b.Denominator) * b.Denominator;
        return numerator.IsZero ? Zero : Create(numerator, denominator);
    }

    /// <summary>The negation of <paramref name="a"/>.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    /// <summary>The exact sum.</summary>
    public static Rational operator +(Rational a, Rational b)
    {
        if (a.Denominator.IsOne && b.Denominator.IsOne) return new Rational(a.Numerator + b.Numerator, BigInteger.One);
        if (a.TryLongs(out long an, out long ad) && b.TryLongs(out long bn, out long bd))
        {
            Int128 n = (Int128)an * bd + (Int128)bn * ad, d = (Int128)ad * bd;
            if (Int128.Abs(n) < long.MaxValue && d < long.MaxValue) return Create((long)n, (long)d);
        }
        return Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    }

    // Both parts as longs, when they fit with room to spare.
    private bool TryLongs(out long numerator, out long denominator)
    {
        if (Small(Numerator) && Small(Denominator))
        {
            numerator = (long)Numerator;
            denominator = (long)Denominator;
            return true;
        }
        numerator = denominator = 0;
        return false;
    }

    /// <summary>The exact difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + -b;

    /// <summary>The exact product.</summary>
    public static Rational operator *(Rational a, Rational b)
    {
        if (a.Denominator.IsOne && b.Denominator.IsOne) return new Rational(a.Numerator * b.Numerator, BigInteger.One);
        if (a.TryLongs(out long an, out long ad) && b.TryLongs(out long bn, out long bd))
        {
            Int128 n = (Int128)an * bn, d = (Int128)ad * bd;
            if (Int128.Abs(n) < long.MaxValue && d < long.MaxValue) return Create((long)n, (long)d);
        }
        return Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    }

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
    public int CompareTo(Rational other)
    {
        if (Denominator.IsOne && other.Denominator.IsOne) return Numerator.CompareTo(other.Numerator);
        if (Sign != other.Sign) return Sign.CompareTo(other.Sign);
        if (TryLongs(out long an, out long ad) && other.TryLongs(out long bn, out long bd))
            return ((Int128)an * bd).CompareTo((Int128)bn * ad);
        return (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }

    /// <summary>True when both are the same value (numbers are kept in lowest terms, so this compares the parts).</summary>
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <summary>True when <paramref name="obj"/> is a <see cref="Rational"/> of the same value.</summary>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <summary>A hash of the value, consistent with <see cref="Equals(Rational)"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary><c>3</c>, <c>-1/30</c>, <c>16/5</c>: an integer or a reduced fraction.</summary>
    public override string ToString() => ToString(decimals: false);

    /// <summary>
    /// The number as text. Without <paramref name="decimals"/>: an integer or a reduced fraction (<c>3</c>,
    /// <c>16/5</c>), which <see cref="Expr.Parse(string)"/> reads back to the same value. With it, the decimal
    /// style, every number is a decimal: exactly when its expansion terminates within
    /// <see cref="DecimalDigits"/> significant digits (<c>3.2</c>, <c>-0.005</c>, and integers always), otherwise
    /// the shortest text that reads back as the same double (<c>1/3</c> is <c>0.3333333333333333</c>); the
    /// exact value is what is kept and computed with. A decimal whose leading digit is more than six places
    /// right of the point, or with 22 digits or more before the point, is written in scientific form
    /// (<c>1e-400</c>, <c>1.5e300</c>, <c>1.267650600228229401496703205376e30</c> for 2^100: an integer keeps all its digits).
    /// </summary>
    /// <example><code>Rational.Parse("1e-400").ToString(decimals: true) // "1e-400"</code></example>
    public string ToString(bool decimals)
    {
        if (!decimals)
        {
            // DecimalText: BigInteger.ToString is quadratic, and an exact number may have a million digits.
            if (IsInteger) return DecimalText.Of(Numerator);
            return $"{DecimalText.Of(Numerator)}/{DecimalText.Of(Denominator)}";
        }
        if (IsZero) return "0";
        bool exact = TryExactDigits(out var digits, out int exponent);
        if (!exact) ApproximateDigits(out digits, out exponent);
        return Layout(Sign < 0, digits, exponent, forceFraction: !exact);
    }

    /// <summary>True when the decimal style prints this number exactly: an integer, or a terminating decimal of at
    /// most <see cref="DecimalDigits"/> significant digits (<c>3.2</c>, <c>1e-400</c>; not <c>1/3</c>).</summary>
    public bool IsExactDecimal => IsInteger || TryExactDigits(out _, out _);

    /// <summary>The most significant digits a terminating decimal may have to print exactly in the decimal
    /// style (17, as many as a double needs to be read back); integers always print exactly.</summary>
    public const int DecimalDigits = 17;

    // The significant digits of |this| (no leading or trailing zeros) and the decimal exponent of the
    // first one, when the expansion terminates within DecimalDigits digits or the number is an integer.
    private bool TryExactDigits(out string digits, out int exponent)
    {
        if (IsInteger)
        {
            var full = DecimalText.Of(BigInteger.Abs(Numerator));
            digits = full.TrimEnd('0');
            exponent = full.Length - 1;
            return true;
        }
        digits = "";
        exponent = 0;
        if (DecimalText.TerminatingDigits(Denominator) is not { } places || places > int.MaxValue) return false;
        // Denominator = 2^a 5^b; |n|/d = |n| 2^(k-a) 5^(k-b) / 10^k with k = max(a, b), and that integer
        // has no trailing zero (n is coprime to d, and one of the two multipliers is 1).
        int k = (int)places;
        // the digits would pass 64 bits (a guess from bit lengths, exact enough at this margin): no big power to build
        long twos = (long)BigInteger.TrailingZeroCount(Denominator);
        double fives = (Denominator.GetBitLength() - twos) / Math.Log2(5);
        if (Numerator.GetBitLength() + (k - twos) + Math.Log2(5) * (k - fives) > 68) return false;
        var scaled = BigInteger.Abs(Numerator) * DecimalText.Cofactor(Denominator, k);
        if (scaled.GetBitLength() > 64) return false;
        digits = scaled.ToString(CultureInfo.InvariantCulture);
        if (digits.Length > DecimalDigits) return false;
        exponent = digits.Length - 1 - k;
        return true;
    }

    // The shortest digits that read back as the same double, or 17 significant digits (rounded) when the
    // value is beyond the range of a double.
    private void ApproximateDigits(out string digits, out int exponent)
    {
        double d = Math.Abs(ToDouble());
        if (double.IsNormal(d))
        {
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            int ePos = text.IndexOf('E');
            int e = ePos < 0 ? 0 : int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = ePos < 0 ? text : text[..ePos];
            int dot = mantissa.IndexOf('.');
            int integerDigits = dot < 0 ? mantissa.Length : dot;
            var all = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
            int leadingZeros = all.Length - all.TrimStart('0').Length;
            digits = all.Trim('0');
            exponent = e + integerDigits - 1 - leadingZeros;
            return;
        }
        var n = BigInteger.Abs(Numerator);
        int guess = (int)Math.Floor(BigInteger.Log10(n) - BigInteger.Log10(Denominator));
        for (int attempt = 0; ; attempt++)
        {
            int shift = DecimalDigits - 1 - guess;
            var num = shift >= 0 ? n * BigInteger.Pow(10, shift) : n;
            var den = shift >= 0 ? Denominator : Denominator * BigInteger.Pow(10, -shift);
            var q = BigInteger.DivRem(num, den, out var r);
            if (r * 2 >= den) q += 1;
            var text = q.ToString(CultureInfo.InvariantCulture);
            if (text.Length == DecimalDigits || attempt > 2)
            {
                digits = text.TrimEnd('0');
                exponent = guess + text.Length - DecimalDigits;
                return;
            }
            guess += text.Length - DecimalDigits;
        }
    }

    // d1.d2d3... x 10^exponent, positional from 1e-6 to below 1e21 (as JavaScript and .NET print doubles),
    // otherwise d1.d2d3e-7. An approximation never looks like an integer (1.0, not 1).
    private static string Layout(bool negative, string digits, int exponent, bool forceFraction)
    {
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (exponent is > -7 and < 21)
        {
            if (exponent < 0) sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            else if (digits.Length <= exponent + 1)
            {
                sb.Append(digits).Append('0', exponent + 1 - digits.Length);
                if (forceFraction) sb.Append(".0");
            }
            else sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
