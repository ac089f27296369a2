namespace Symbolic.Functions;

/// <summary>
/// Double-precision implementations of the built-in functions that System.Math lacks. They are
/// static methods so the LINQ compiler can call them directly.
/// </summary>
public static class NumericFunctions
{
    /// <summary>1 / (1 + e^-x), computed without overflow for large |x|.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double ex = Math.Exp(x);
        return ex / (1 + ex);
    }

    /// <summary>log(1 + e^x), computed without overflow: max(x, 0) + log1p(e^-|x|).</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x)));

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    public static double Relu(double x) => x > 0 ? x : (double.IsNaN(x) ? x : 0);

    /// <summary>Sign with sign(0) = 0, as machine-learning libraries take it at a kink; NaN stays NaN.</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>The unit step with step(0) = 0 (the derivative of relu as ML libraries define it).</summary>
    public static double Step(double x) => x > 0 ? 1 : (double.IsNaN(x) ? x : 0);

    /// <summary>log(p/(1 - p)), the inverse of <see cref="Sigmoid"/>; NaN outside [0, 1].</summary>
    public static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>
    /// b^(p/q) over the reals: for a negative base and an odd denominator q the real root, so
    /// (-8)^(1/3) = -2 and (-8)^(2/3) = 4, as exact arithmetic gives (the course notes work over the reals;
    /// Math.Pow gives NaN). <paramref name="sign"/> is (-1)^p, the sign an odd root of a negative base takes.
    /// </summary>
    public static double OddRootPower(double b, double exponent, double sign) =>
        b < 0 ? sign * Math.Pow(-b, exponent) : Math.Pow(b, exponent);

    /// <summary>b^e over the reals for an exact exponent e (see <see cref="OddRootPower"/>); Math.Pow otherwise.</summary>
    public static double RealPower(double b, Rational e) =>
        e.Denominator.IsEven ? Math.Pow(b, e.ToDouble()) : OddRootPower(b, e.ToDouble(), e.Numerator.IsEven ? 1 : -1);

    /// <summary>
    /// log(1 + x), accurate to a few ulps also for small x, where Math.Log(1 + x) loses the digits that
    /// rounding 1 + x dropped (relative error up to 1e-16/x). The rounding error of u = 1 + x is divided out:
    /// log(u) * x / (u - 1) (Goldberg, "What every computer scientist should know about floating-point").
    /// </summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1 + x;
        if (u == 1) return x;
        if (double.IsInfinity(u)) return Math.Log(u);
        return Math.Log(u) * x / (u - 1);
    }
}
