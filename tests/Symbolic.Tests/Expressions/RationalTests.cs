using System.Numerics;

namespace Symbolic.Tests.Expressions;

/// <summary>
/// Rational arithmetic takes long/Int128 fast paths when the parts fit in 62 bits and BigInteger
/// otherwise; both must agree with the definitions (a/b + c/d = (ad + bc)/bd, compared by cross products),
/// also across the boundary, and decimal text must read back exactly when it is exact.
/// </summary>
public sealed class RationalTests
{
    // Numerators and denominators around the 62-bit boundary and well inside it.
    private static readonly BigInteger[] Parts =
    [
        1, 2, 3, 7, 10, 1_000_000_007, 3_123_456_789_012, (BigInteger.One << 61) - 1, BigInteger.One << 61,
        (BigInteger.One << 62) - 3, BigInteger.One << 62, (BigInteger.One << 63) + 5, BigInteger.Pow(10, 30) + 7,
    ];

    public static TheoryData<int, int> Pairs()
    {
        var data = new TheoryData<int, int>();
        for (int i = 0; i < 40; i++) data.Add(i, (i * 7 + 3) % 40);
        return data;
    }

    private static Rational Sample(int k)
    {
        var n = Parts[k % Parts.Length] * (k % 3 == 0 ? -1 : 1);
        var d = Parts[(k / 3 + 2) % Parts.Length];
        return Rational.Create(n, d);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Arithmetic_FastPathsAgreeWithTheDefinitions(int i, int j)
    {
        Rational a = Sample(i), b = Sample(j);
        Assert.Equal(Rational.Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator), a + b);
        Assert.Equal(Rational.Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator), a * b);
        Assert.Equal((a.Numerator * b.Denominator).CompareTo(b.Numerator * a.Denominator), Math.Sign(a.CompareTo(b)));
        var g = Rational.Gcd(a, b);
        Assert.True(g.Sign > 0);
        Assert.True((a / g).IsInteger && (b / g).IsInteger, $"gcd {g} divides {a} and {b}");
        Assert.Equal(Rational.One, Rational.Gcd(a / g, b / g));
    }

    [Fact]
    public void Arithmetic_RandomPairsAroundTheFastPathLimit_AgreeWithTheDefinitions()
    {
        var random = new Random(20261201);
        BigInteger Part()
        {
            int bits = random.Next(1, 66);
            var value = new BigInteger(random.NextInt64(long.MaxValue)) >> (63 - Math.Min(bits, 63));
            if (bits > 63) value = (value << (bits - 63)) + random.Next();
            return value.IsZero ? BigInteger.One : value;
        }
        for (int k = 0; k < 20_000; k++)
        {
            var a = Rational.Create(random.Next(2) == 0 ? Part() : -Part(), Part());
            var b = Rational.Create(random.Next(2) == 0 ? Part() : -Part(), Part());
            Assert.Equal(Rational.Create(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator), a + b);
            Assert.Equal(Rational.Create(a.Numerator * b.Numerator, a.Denominator * b.Denominator), a * b);
            Assert.Equal((a.Numerator * b.Denominator).CompareTo(b.Numerator * a.Denominator), Math.Sign(a.CompareTo(b)));
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor((a + b).Numerator, (a + b).Denominator) is var g && g.IsZero ? BigInteger.One : g);
        }
    }

    [Theory]
    [InlineData("3.123456789012")]
    [InlineData("0.000000000000000001")]
    [InlineData("123456789012345678")]
    [InlineData("1e-400")]
    [InlineData("-2.5e300")]
    public void ExactDecimal_ReadsBackToTheSameValue(string text)
    {
        var r = Rational.Parse(text.TrimStart('-'));
        if (text.StartsWith('-')) r = -r;
        Assert.True(r.IsExactDecimal);
        var printed = r.ToString(decimals: true);
        var back = Rational.Parse(printed.TrimStart('-'));
        Assert.Equal(r, printed.StartsWith('-') ? -back : back);
    }

    [Theory]
    [InlineData(1, 3, "0.3333333333333333")]
    [InlineData(-2, 3, "-0.6666666666666666")]
    [InlineData(1, 6000, "0.00016666666666666666")]
    [InlineData(1, 7_000_000, "1.4285714285714285e-7")]
    public void InexactDecimal_IsTheShortestRoundTripDouble(long p, long q, string expected)
    {
        var r = Rational.Create(p, q);
        Assert.False(r.IsExactDecimal);
        Assert.Equal(expected, r.ToString(decimals: true));
        Assert.Equal((double)p / q, double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }
}
