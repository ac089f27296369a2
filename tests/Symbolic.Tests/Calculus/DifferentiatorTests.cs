using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Support;
using static Symbolic.Tests.Support.NumericCheck;

namespace Symbolic.Tests.Calculus;

public class DifferentiatorTests
{
    [Theory]
    [InlineData("5", "0")]
    [InlineData("x", "1")]
    [InlineData("y", "0")]
    [InlineData("x^2", "2x")]
    [InlineData("x^3", "3x^2")]
    [InlineData("1/x", "-1/x^2")]
    [InlineData("sqrt(x)", "1/(2 sqrt(x))")]
    [InlineData("2x + 3", "2")]
    [InlineData("x*exp(x)", "x*exp(x) + exp(x)")]
    [InlineData("exp(2x)", "2exp(2x)")]
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("log(x)", "1/x")]
    [InlineData("ln(x)", "1/x")]
    [InlineData("log(x, 2)", "1/(x log(2))")]
    [InlineData("2^x", "2^x log(2)")]
    [InlineData("x^x", "x^x*(log(x) + 1)")]
    [InlineData("sin(x)", "cos(x)")]
    [InlineData("cos(x)", "-sin(x)")]
    [InlineData("tan(x)", "1 + tan(x)^2")]
    [InlineData("asin(x)", "1/sqrt(1 - x^2)")]
    [InlineData("acos(x)", "-1/sqrt(1 - x^2)")]
    [InlineData("atan(x)", "1/(1 + x^2)")]
    [InlineData("sinh(x)", "cosh(x)")]
    [InlineData("cosh(x)", "sinh(x)")]
    [InlineData("tanh(x)", "1 - tanh(x)^2")]
    [InlineData("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))")]
    [InlineData("softplus(x)", "sigmoid(x)")]
    [InlineData("abs(x)", "sign(x)")]
    [InlineData("relu(x)", "step(x)")]
    [InlineData("sign(x)", "0")]
    [InlineData("sin(x)/x", "cos(x)/x - sin(x)/x^2")]
    [InlineData("3x^2 y^3", "6x y^3")]
    [InlineData("(x - a)^2 + (x - b)^2", "4x - 2a - 2b")]
    [InlineData("7 log(x) + 3 log(1 - x)", "7/x - 3/(1 - x)")]
    [InlineData("g(x)", "diff(g(x), x)")]
    [InlineData("sin(g(x))", "cos(g(x)) diff(g(x), x)")]
    public void Diff_Rules(string input, string expected) =>
        Assert.Same(Expr.Parse(expected), Expr.Parse(input).Diff("x"));

    [Theory]
    [InlineData("0.8y^4", "y", "3.2*y^3")]
    [InlineData("sigmoid(z)", "z", "sigmoid(z)*(1 - sigmoid(z))")]
    [InlineData("3x^2 + 2x*y + 3y^2", "x", "6*x + 2*y")]
    [InlineData("exp(x) - log(x)", "x", "exp(x) - 1/x")]
    [InlineData("x^4 + 0.8y^4 + 4x^2 + 2y^2 - x*y - 0.2x^2*y", "x", "4*x^3 - 0.4*x*y + 8*x - y")]
    public void Diff_PrintsAsTheNotes(string input, string variable, string expected) =>
        Assert.Equal(expected, Symbolic.Printing.InfixPrinter.Print(Expr.Parse(input).Diff(variable), decimals: true));

    [Fact]
    public void Diff_UndefinedFunction_PrintsAndReparses()
    {
        var d = Expr.Parse("g(x, y)^2").Diff("x").Diff("y");
        Assert.Same(d, Expr.Parse(d.ToString()));
        Assert.Contains("diff(g(x, y), x, y)", d.ToString());
    }

    [Theory]
    [InlineData("x^2", 2, "2")]
    [InlineData("3x^2", 2, "6")]
    [InlineData("x^3", 3, "6")]
    [InlineData("x^3", 4, "0")]
    [InlineData("sin(x)", 4, "sin(x)")]
    [InlineData("x^5", 0, "x^5")]
    public void Diff_NthDerivative(string input, int n, string expected) =>
        Assert.Same(Expr.Parse(expected), Expr.Parse(input).Diff("x", n));

    [Fact]
    public void Diff_NthDerivative_MatchesRepeatedDiff()
    {
        var f = Expr.Parse("sin(x)*exp(-x^2)/(1+x^2)");
        var repeated = f;
        for (int i = 0; i < 4; i++) repeated = repeated.Diff("x");
        Assert.Same(repeated, f.Diff("x", 4));
    }

    // The 10th derivative stays as small as GiNaC's (1,791 nodes) by default and below 408 after simplify.
    [Fact]
    public void Diff_TenthDerivative_StaysSmall()
    {
        var d10 = Expr.Parse("sin(x)*exp(-x^2)/(1+x^2)").Diff("x", 10);
        Assert.True(d10.Size <= 1791, $"size {d10.Size}");
        var simplified = Simplifier.Simplify(d10);
        Assert.True(simplified.Size <= 408, $"simplified size {simplified.Size}");
        foreach (var x in new[] { -1.3, 0.2, 0.9, 2.1 })
        {
            var point = new Dictionary<Symbol, double> { [X] = x };
            Assert.True(Close(Interpreter.Evaluate(d10, point), Interpreter.Evaluate(simplified, point), 1e-9));
        }
    }

    // The central property: every symbolic derivative agrees with the shared finite-difference
    // estimate wherever the expression is finite and smooth. A failure prints the shrunk expression.
    [Fact]
    public void Diff_MatchesFiniteDifferences()
    {
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(4), count.Property<Expr>(e => FiniteDifference.CompareAtPoints(e, X, Differentiator.Diff(e, X))))
            .Check(Checks.Quick.WithMaxTest(400));
        count.AssertEnough(200);
    }

    [Fact]
    public void SecondDerivative_MatchesFiniteDifferencesOfFirst()
    {
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
                FiniteDifference.CompareAtPoints(Differentiator.Diff(e, X), X, Differentiator.Diff(e, X, 2))))
            .Check(Checks.Quick.WithMaxTest(300));
        count.AssertEnough(150);
    }

    [Fact]
    public void MixedPartial_MatchesFiniteDifferences_AndCommutes()
    {
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
            {
                var dx = Differentiator.Diff(e, X);
                var dxy = Differentiator.Diff(dx, Y);
                var dyx = Differentiator.Diff(Differentiator.Diff(e, Y), X);
                var commutes = Verdict.All(Points.Select(p =>
                    TryEvaluate(dxy, At(p)) is { } a && TryEvaluate(dyx, At(p)) is { } b ? Verdict.Of(Close(a, b, 1e-8)) : Verdict.Skipped));
                return FiniteDifference.CompareAtPoints(dx, Y, dxy) & commutes;
            }))
            .Check(Checks.Quick.WithMaxTest(300));
        count.AssertEnough(150);
    }
}
