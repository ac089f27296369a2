using System.Globalization;
using System.Numerics;

namespace Symbolic.Tests.Expressions;

/// <summary>The divide-and-conquer decimal conversion agrees with BigInteger.ToString digit for digit, and the
/// terminating-decimal test with dividing out 2s and 5s one at a time.</summary>
public sealed class DecimalTextTests
{
    public static TheoryData<string> Numbers()
    {
        var data = new TheoryData<string>();
        var random = new Random(20261201);
        // Around every chunk and split boundary: 10^k - 1, 10^k, 10^k + 1, and random numbers of many sizes.
        foreach (int k in new[] { 1, 17, 18, 19, 36, 6000, 6020, 7000, 12_000, 25_000, 40_000 })
        {
            var p = BigInteger.Pow(10, k);
            data.Add((p - 1).ToString(CultureInfo.InvariantCulture));
            data.Add(p.ToString(CultureInfo.InvariantCulture));
            data.Add((-(p + 1)).ToString(CultureInfo.InvariantCulture));
        }
        foreach (int bytes in new[] { 2_600, 3_000, 5_000, 9_000, 20_000 })
        {
            var buffer = new byte[bytes];
            random.NextBytes(buffer);
            var n = new BigInteger(buffer, isUnsigned: true);
            data.Add(n.ToString(CultureInfo.InvariantCulture));
            data.Add((-n).ToString(CultureInfo.InvariantCulture));
            // Zero runs inside: n * 10^50000 + 7.
            data.Add((n * BigInteger.Pow(10, 50_000) + 7).ToString(CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Of_MatchesBigIntegerToString(string digits)
    {
        var n = BigInteger.Parse(digits, CultureInfo.InvariantCulture);

        Assert.Equal(digits, DecimalText.Of(n));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(5, 1)]
    [InlineData(8, 3)]
    [InlineData(40, 3)]
    [InlineData(625, 4)]
    [InlineData(3, null)]
    [InlineData(6, null)]
    [InlineData(15, null)]
    [InlineData(1_000_000, 6)]
    public void TerminatingDigits_SmallDenominators(long denominator, int? expected) =>
        Assert.Equal(expected, DecimalText.TerminatingDigits(denominator));

    [Fact]
    public void TerminatingDigits_AgreesWithDividingOut()
    {
        for (int a = 0; a < 70; a += 3)
            for (int b = 0; b < 70; b += 2)
                foreach (int m in new[] { 1, 3, 7, 25 * 3 })
                {
                    var d = BigInteger.Pow(2, a) * BigInteger.Pow(5, b) * m;
                    long? expected = m == 1 ? Math.Max(a, b) : null;
                    Assert.Equal(expected, DecimalText.TerminatingDigits(d));
                }
        Assert.Equal(999_999, DecimalText.TerminatingDigits(BigInteger.Pow(10, 999_999)));
        Assert.Null(DecimalText.TerminatingDigits(BigInteger.Pow(10, 999_999) * 3));
    }
}
