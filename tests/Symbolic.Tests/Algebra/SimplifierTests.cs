using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Tests.Generators;
using static Symbolic.Tests.Support.NumericCheck;

namespace Symbolic.Tests.Algebra;

public class SimplifierTests
{
    [Theory]
    [InlineData("sin(x)^2 + cos(x)^2", "1")]
    [InlineData("3sin(2x)^2 + 3cos(2x)^2 + y", "3 + y")]
    [InlineData("cosh(x)^2 - sinh(x)^2", "1")]
    [InlineData("(x^2 - 1)/(x - 1)", "x + 1")]
    [InlineData("(x^2 - 1)/(x^2 + 2x + 1)", "(x - 1)/(x + 1)")]
    [InlineData("(x^2 - y^2)/(x + y)", "x - y")]
    [InlineData("(x*y + x)/(y + 1)", "x")]
    [InlineData("1/x - 1/x", "0")]
    [InlineData("x/(x + 1) + 1/(x + 1)", "1")]
    [InlineData("(x^3 - 1)/(x - 1)", "x^2 + x + 1")]
    [InlineData("sin((x^2 - 1)/(x - 1))", "sin(x + 1)")]
    [InlineData("exp(log(x))", "x")]
    [InlineData("exp(a)*exp(b)", "exp(a + b)")]
    [InlineData("sqrt(x)^2", "x")]
    [InlineData("(x + 1)^2 - x^2 - 2x", "1")]
    [InlineData("(2x + 2)/(x + 1)", "2")]
    [InlineData("(x^2 + 2x*y + y^2)/(x + y)^2", "1")]
    public void Simplify_KnownIdentities(string input, string expected) =>
        Assert.Same(Expr.Parse(expected), Simplifier.Simplify(Expr.Parse(input)));

    [Theory]
    [InlineData("(x + 1)^10")]
    [InlineData("(x + 1)*(x + 2)*(x + 3)*(x + 4)")]
    public void Simplify_KeepsFactoredFormWhenSmaller(string input) =>
        Assert.Same(Expr.Parse(input), Simplifier.Simplify(Expr.Parse(input)));

    [Fact]
    public void Simplify_PreservesValue()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), e =>
            {
                var s = Simplifier.Simplify(e);
                foreach (var p in Points)
                {
                    var point = At(p);
                    if (TryEvaluate(e, point) is not { } v || Math.Abs(v) > 1e8) continue;
                    if (TryEvaluate(s, point) is not { } w || !Close(v, w, 1e-7)) return false;
                }
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Simplify_NeverGrowsTheExpression()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), e => Simplifier.Simplify(e).Size <= e.Size)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
