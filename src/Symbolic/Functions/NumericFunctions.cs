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

    private static double LogOnePlus(double x) => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);
}
