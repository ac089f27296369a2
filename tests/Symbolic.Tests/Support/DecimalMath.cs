namespace Symbolic.Tests.Support;

/// <summary>
/// exp and log in <see cref="decimal"/> (28 significant digits), as an independent reference for the
/// double-precision stable forms: none of the code under test is used, and the arguments checked here
/// stay within decimal's range (|x| up to about 60 for exp).
/// </summary>
public static class DecimalMath
{
    /// <summary>e^x by halving x until it is small, a Taylor series, and squaring back.</summary>
    public static decimal Exp(decimal x)
    {
        int halvings = 0;
        while (Math.Abs(x) > 0.5m)
        {
            x /= 2;
            halvings++;
        }
        decimal term = 1, sum = 1;
        for (int k = 1; k < 40; k++)
        {
            term *= x / k;
            sum += term;
            if (Math.Abs(term) < 1e-28m) break;
        }
        for (int i = 0; i < halvings; i++) sum *= sum;
        return sum;
    }

    /// <summary>log(y) for y &gt; 0: y = m 2^k with m in [1, 2), then 2 atanh((m-1)/(m+1)) as a series.</summary>
    public static decimal Log(decimal y)
    {
        if (y <= 0) throw new ArgumentOutOfRangeException(nameof(y));
        int k = 0;
        while (y >= 2) { y /= 2; k++; }
        while (y < 1) { y *= 2; k--; }
        return LogNear1(y) + k * Ln2;
    }

    private static readonly decimal Ln2 = LogNear1(2m);

    private static decimal LogNear1(decimal m)
    {
        decimal t = (m - 1) / (m + 1), t2 = t * t, power = t, sum = 0;
        for (int n = 1; n < 200; n += 2)
        {
            decimal term = power / n;
            sum += term;
            if (Math.Abs(term) < 1e-28m) break;
            power *= t2;
        }
        return 2 * sum;
    }
}
