using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

// Newton's method for roots with its default damping: the notes' iterates and quadratic convergence, and
// damping that changes a run only where a full step (and the full step after it) does not reduce |f|.
public class RootTests
{
    [Fact]
    public void DefaultDamping_XSquaredMinus9From1_TakesTheNotesFullSteps()
    {
        var r = NewtonRaphson.FindRoot(Expr.Parse("x^2 - 9"), "x", 1);
        Assert.True(r.Converged);
        var x = r.History.Select(h => h.Point[0]).ToArray();
        Assert.Equal([1, 5, 3.4], x[..3]);
        Assert.Equal(3 + 2.0 / 85, x[3], 1e-15); // 3.4 - (3.4^2 - 9) / 6.8 = 3.0235...
        // The notes' error recursion, e(k+1) = e(k)^2 / (2 x_k), while the errors are above round-off.
        for (int k = 0; k + 1 < x.Length && Math.Abs(x[k + 1] - 3) > 1e-7; k++)
            Assert.Equal(1 / (2 * x[k]), (x[k + 1] - 3) / ((x[k] - 3) * (x[k] - 3)), 1e-6);
    }

    [Theory]
    [InlineData("x^2 - 9", 6.0)]
    [InlineData("x^3 - 2x - 5", 3.0)]
    [InlineData("exp(x) - 2", 2.0)]
    public void DefaultDamping_WhenEveryFullStepReducesTheResidual_IsPlainNewton(string f, double start)
    {
        var damped = NewtonRaphson.FindRoot(Expr.Parse(f), "x", start);
        var plain = NewtonRaphson.FindRoot(Expr.Parse(f), "x", start, new RootOptions(Damped: false));
        Assert.True(damped.Converged);
        // Precondition of the claim: plain Newton's residuals fall at every step here.
        for (int k = 1; k < plain.History.Count; k++) Assert.True(plain.History[k].Residual < plain.History[k - 1].Residual);
        Assert.Equal(plain.History.Select(h => h.Point[0]), damped.History.Select(h => h.Point[0]));
    }

    [Fact]
    public void DefaultDamping_WhenTheFullStepsRunAway_HalvesTheStep()
    {
        // atan from 3: full steps go to -9.49 then 124, each raising |f|, so the first step is halved instead.
        var r = NewtonRaphson.FindRoot(Expr.Parse("atan(x)"), "x", 3);
        Assert.True(r.Converged);
        var first = r.History[1].Point[0];
        Assert.True(Math.Abs(first) < 3, $"first iterate {first}");
        Assert.True(r.History[1].Residual < r.History[0].Residual);
        // It is the full Newton step 3 - atan(3) (1 + 9) scaled by a power of two.
        double full = -Math.Atan(3) * 10, t = (first - 3) / full;
        Assert.Equal(Math.Round(Math.Log2(t)), Math.Log2(t), 9);
    }
}
