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
    public void Parse_BadInput_ThrowsWithPosition()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("sin(x"));
        Assert.Equal(5, ex.Span.Start);
        Assert.False(Expr.TryParse("2 +", out _, out var error));
        Assert.NotNull(error);
    }
}
