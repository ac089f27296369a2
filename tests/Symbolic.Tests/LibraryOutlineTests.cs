namespace Symbolic.Tests;

/// <summary>The README's library example (also samples/LibraryTour), with its comments as assertions.</summary>
public class LibraryOutlineTests
{
    [Fact]
    public void ReadmeExample_GivesTheCommentedResults()
    {
        Expr f = Expr.Parse("3x^2 + 2x*y + 3y^2");
        Assert.Equal("6*x + 2*y", f.Diff("x").ToString());
        Assert.Equal(["6*x + 2*y", "2*x + 6*y"], f.Gradient("x", "y").Select(e => e.ToString()));
        Assert.Equal(["6", "2", "2", "6"], f.Hessian("x", "y").Cast<Expr>().Select(e => e.ToString()));
        Assert.Equal("x^4/24 + x^3/6 + x^2/2 + x + 1", Expr.Parse("exp(x)").Taylor("x", 0, 4).ToString());
        Assert.Equal("6*x + 2", f.Diff("x").Subs("y", Expr.Parse("1")).ToString());
        Assert.Equal("x^2 + 2*x + 1", Expr.Parse("(x + 1)^2").Expand().ToString());
        Assert.Equal("1/(x + 1)", Expr.Parse("x/(x^2 + x)").Simplify().ToString());
        Assert.Equal(19, f.Evaluate(("x", 1.0), ("y", 2.0)));
        Assert.Equal("x e^{x} + e^{x}", Expr.Parse("x*exp(x)").Diff("x").ToLatex());
    }

    [Fact]
    public void ReadmeCompileExample_GivesTheCommentedResults()
    {
        Expr f = Expr.Parse("3x^2 + 2x*y + 3y^2");
        var fn = f.Compile("x", "y");
        Assert.Equal(19, fn.Value([1.0, 2.0]));
        var grad = new double[2];
        fn.ValueAndGradient([1.0, 2.0], grad);
        Assert.Equal([10.0, 14.0], grad);
        var hess = new double[4];
        fn.Hessian([1.0, 2.0], hess);
        Assert.Equal([6.0, 2.0, 2.0, 6.0], hess);
        Assert.Equal(19, f.Compile<Func<double, double, double>>("x", "y")(1, 2));
        var loss = Expr.Parse("(w*a + b - t)^2").Compile(["w", "b"], ["a", "t"]);
        Assert.Equal(4, loss.Bind([2.0, 5.0]).Value([1.0, 1.0]));
    }

    [Fact]
    public void ReadmeSolverExample_GivesTheCommentedResults()
    {
        Expr f = Expr.Parse("3x^2 + 2x*y + 3y^2");
        var r = Symbolic.Numerics.Minimize.Newton(f, ["x", "y"], [4.0, 4.0]);
        Assert.True(r.Converged);
        Assert.Equal(0, r.Point[0], 9);
        Assert.Equal(0, r.Point[1], 9);
        Assert.Equal(3, Symbolic.Numerics.NewtonRaphson.FindRoot(Expr.Parse("x^2 - 9"), "x", 6).Root[0], 12);
        var kind = Symbolic.Numerics.CriticalPoints.Classify(Expr.Parse("2x^2 - 2y^2"), ["x", "y"], [0.0, 0.0]);
        Assert.Contains("saddle", kind.ToString());
    }

    [Fact]
    public void Parse_BadInput_ThrowsWithPosition()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("sin(x"));
        Assert.Equal(5, ex.Span.Start);
        Assert.False(Expr.TryParse("2 +", out _, out var error));
        Assert.NotNull(error);
    }
}
