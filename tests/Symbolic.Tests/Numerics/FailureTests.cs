using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

// Failures are results: converged false, a reason, and a finite point; never an exception or NaN.
public class FailureTests
{
    private static void AssertFinite(double[] point) => Assert.All(point, v => Assert.True(double.IsFinite(v)));

    [Fact]
    public void GradientDescent_RateTooLarge_EndsNonFiniteAtLastFinitePoint()
    {
        var r = Minimize.GradientDescent(Expr.Parse("x^2"), ["x"], [1.0], new MinimizationOptions(Rate: 3));
        Assert.False(r.Converged);
        Assert.Equal(ExitReason.NonFinite, r.Reason);
        AssertFinite(r.Point);
        Assert.True(double.IsFinite(r.Value));
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("nesterov")]
    [InlineData("adam")]
    public void FirstOrder_NaNObjective_EndsNonFinite(string method)
    {
        // sqrt(x) is NaN left of 0, where a large step lands.
        var r = Minimize.With(method, Expr.Parse("sqrt(x)"), ["x"], [1.0], new MinimizationOptions(Rate: 2));
        Assert.Equal(ExitReason.NonFinite, r.Reason);
        AssertFinite(r.Point);
    }

    [Fact]
    public void PlainNewton_SingularHessian_EndsSingular()
    {
        var r = Minimize.Newton(Expr.Parse("x^4 + y^2"), ["x", "y"], [0.0, 1.0], new MinimizationOptions(LineSearch: false));
        Assert.False(r.Converged);
        Assert.Equal(ExitReason.Singular, r.Reason);
        AssertFinite(r.Point);
    }

    [Fact]
    public void Newton_UnboundedBelow_DoesNotConverge()
    {
        var r = Minimize.Newton(Expr.Parse("x + y"), ["x", "y"], [0.0, 0.0]);
        Assert.False(r.Converged);
        AssertFinite(r.Point);
    }

    [Fact]
    public void Newton_WithoutHessian_RefusesUpFront()
    {
        var f = new Objective(1, x => x[0] * x[0], (x, g) => { g[0] = 2 * x[0]; return x[0] * x[0]; });
        var ex = Assert.Throws<ArgumentException>(() => new NewtonMinimizer().Minimize(f, [1.0]));
        Assert.Contains("Hessian", ex.Message);
    }

    [Fact]
    public void Bfgs_IterationLimit_ReportsMaxIterations()
    {
        var r = Minimize.Bfgs(Expr.Parse("(1 - x)^2 + 100(y - x^2)^2"), ["x", "y"], [-1.2, 1.0], new MinimizationOptions(MaxIterations: 5));
        Assert.Equal(ExitReason.MaxIterations, r.Reason);
        Assert.Equal(5, r.Iterations);
    }

    [Fact]
    public void NewtonRoot_SingularJacobian_EndsSingular()
    {
        var r = NewtonRaphson.FindRoot(Expr.Parse("x^2 + 1"), "x", 0);
        Assert.False(r.Converged);
        Assert.Equal(ExitReason.Singular, r.Reason);
        AssertFinite(r.Root);
    }

    [Fact]
    public void NewtonRoot_NoRealRoot_StopsWithReason()
    {
        var damped = NewtonRaphson.FindRoot(Expr.Parse("x^2 + 1"), "x", 1);
        var plain = NewtonRaphson.FindRoot(Expr.Parse("x^2 + 1"), "x", 1, new RootOptions(Damped: false));
        Assert.False(damped.Converged);
        Assert.False(plain.Converged);
        AssertFinite(damped.Root);
        AssertFinite(plain.Root);
    }

    [Fact]
    public void NewtonRoot_Overflow_EndsNonFinite()
    {
        // Undamped Newton on atan from 3 overshoots further each step, until the Jacobian underflows.
        var r = NewtonRaphson.FindRoot(Expr.Parse("atan(x)"), "x", 3, new RootOptions(Damped: false));
        Assert.False(r.Converged);
        AssertFinite(r.Root);
        var damped = NewtonRaphson.FindRoot(Expr.Parse("atan(x)"), "x", 3);
        Assert.True(damped.Converged);
        Assert.Equal(0, damped.Root[0], 1e-10);
    }
}
