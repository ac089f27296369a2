using System.Globalization;
using System.Numerics;
using System.Text;

namespace Symbolic;

/// <summary>
/// Decimal text of big integers, quickly for long ones and within the time limit of
/// <see cref="ComputeContext.Current"/>. <see cref="BigInteger.ToString()"/> takes time quadratic in the
/// number of digits (about 30 s for the 477,122 digits of 3^1000000), and nothing can interrupt it; an exact
/// number may have up to <see cref="ComputeLimits.MaxNumberDigits"/> digits, so the printers convert long
/// numbers here, splitting them by powers of 10^(18*2^k) (divide and conquer: about 1.5 s for 3^1000000)
/// and looking at the deadline between the pieces.
/// </summary>
internal static class DecimalText
{
    // Below this many bits (about 6,000 digits) BigInteger.ToString is fast enough and cannot be beaten.
    private const long ShortBits = 20_000;

    private static readonly BigInteger FiveTo27 = BigInteger.Pow(5, 27);

    private const int ChunkDigits = 18; // 10^18 < 2^63: a chunk prints as one ulong

    /// <summary>The decimal digits of <paramref name="value"/>, with a '-' when it is negative.</summary>
    /// <exception cref="SymbolicException">The context's deadline passed or it was cancelled.</exception>
    public static string Of(BigInteger value)
    {
        if (value.GetBitLength() < ShortBits) return value.ToString(CultureInfo.InvariantCulture);
        var context = ComputeContext.Current;
        var text = new StringBuilder((int)Math.Min(int.MaxValue / 2, value.GetBitLength() * 0.30103 + 2));
        if (value.Sign < 0)
        {
            text.Append('-');
            value = BigInteger.Negate(value);
        }
        // powers[k] = 10^(18 * 2^k), up to the first whose square exceeds the value.
        var powers = new List<BigInteger> { BigInteger.Pow(10, ChunkDigits) };
        while (powers[^1].GetBitLength() * 2 <= value.GetBitLength() + 1)
        {
            context.ThrowIfStopped();
            powers.Add(powers[^1] * powers[^1]);
        }
        Write(text, value, powers, powers.Count - 1, pad: false, context);
        return text.ToString();
    }

    // Writes value < powers[level]^2 (value < 10^18 when level < 0); with pad, zero-filled to the full width
    // of its level (2 * 18 * 2^level digits), since it is a lower half.
    private static void Write(StringBuilder text, BigInteger value, List<BigInteger> powers, int level, bool pad, ComputeContext context)
    {
        if (level < 0)
        {
            string chunk = ((ulong)value).ToString(CultureInfo.InvariantCulture);
            if (pad) text.Append('0', ChunkDigits - chunk.Length);
            text.Append(chunk);
            return;
        }
        if (!pad && value < powers[level])
        {
            Write(text, value, powers, level - 1, pad: false, context);
            return;
        }
        if (level >= 4) context.ThrowIfStopped();
        var (high, low) = BigInteger.DivRem(value, powers[level]);
        Write(text, high, powers, level - 1, pad, context);
        Write(text, low, powers, level - 1, pad: true, context);
    }

    /// <summary>10^<paramref name="n"/> as 5^n*2^n: the power has 30 % fewer bits to square.</summary>
    public static BigInteger PowerOfTen(int n)
    {
        if (n < 64) return BigInteger.Pow(10, n);
        // A script may repeat a long literal (1e-999999) thousands of times: keep the last long power.
        if (_lastPower is { } last && last.N == n) return last.Value;
        ComputeContext.CheckStopped();
        var value = BigInteger.Pow(5, n) << n;
        if (n >= 10_000) _lastPower = (n, value);
        return value;
    }

    [ThreadStatic] private static (int N, BigInteger Value)? _lastPower;

    /// <summary>
    /// The number of digits after the point of 1/<paramref name="denominator"/> (a positive integer) when its
    /// decimal expansion terminates, that is when the denominator is 2^a*5^b (then max(a, b)); otherwise null.
    /// Found from the bit length, without dividing by 2 and 5 once per factor (which on a denominator of
    /// 10^999999 takes hours).
    /// </summary>
    public static long? TerminatingDigits(BigInteger denominator) =>
        Exponents(denominator) is var (twos, fives) ? Math.Max(twos, fives) : null;

    /// <summary>10^<paramref name="k"/>/<paramref name="denominator"/> for a denominator 2^a*5^b with k &gt;= max(a, b),
    /// as 2^(k-a)*5^(k-b), without building 10^k.</summary>
    public static BigInteger Cofactor(BigInteger denominator, int k)
    {
        var (twos, fives) = Exponents(denominator) ?? throw new ArgumentException("not of the form 2^a*5^b", nameof(denominator));
        return (BigInteger.One << (int)(k - twos)) * BigInteger.Pow(5, (int)(k - fives));
    }

    [ThreadStatic] private static (BigInteger Denominator, (long, long)? Exponents)? _lastLong;

    // (a, b) with denominator = 2^a*5^b, or null.
    private static (long Twos, long Fives)? Exponents(BigInteger denominator)
    {
        if (denominator.Sign <= 0) return null;
        if (denominator.GetBitLength() < ShortBits) return FindExponents(denominator);
        // Printing asks more than once about the same long denominator; each answer costs a power of 5.
        if (_lastLong is { } last && last.Denominator == denominator) return last.Exponents;
        var exponents = FindExponents(denominator);
        _lastLong = (denominator, exponents);
        return exponents;
    }

    private static (long Twos, long Fives)? FindExponents(BigInteger denominator)
    {
        long twos = (long)BigInteger.TrailingZeroCount(denominator);
        var rest = denominator >> (int)twos;
        if (rest.IsOne) return (twos, 0);
        if (!(rest % 5).IsZero) return null;
        // rest = 5^b has a bit length of floor(b * log2 5) + 1; try b around that (rounding), after a cheap
        // test that turns most other numbers away.
        long estimate = (long)((rest.GetBitLength() - 1) / Math.Log2(5));
        long first = Math.Max(1, estimate - 1);
        if (first > int.MaxValue - 4) return null;
        if (first >= 27 && !(rest % FiveTo27).IsZero) return null;
        var power = BigInteger.Pow(5, (int)first);
        for (long b = first; b <= estimate + 2; b++, power *= 5)
        {
            int compare = power.CompareTo(rest);
            if (compare == 0) return (twos, b);
            if (compare > 0) return null;
        }
        return null;
    }
}
