using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Support;
using static Symbolic.Tests.Support.NumericCheck;

namespace Symbolic.Tests.Expressions;

public class CanonicalFormTests
{
    [Theory]
    [InlineData("x + y", "y + x")]
    [InlineData("x*y*z", "z*(y*x)")]
    [InlineData("2x + 3x", "5x")]
    [InlineData("x*x^2", "x^3")]
    [InlineData("x - x", "0")]
    [InlineData("-x^2 + x^2", "0")]
    [InlineData("(x + 1) - (1 + x)", "0")]
    [InlineData("2^3^2", "512")]
    [InlineData("3/90", "1/30")]
    [InlineData("0.2 + 0.3", "0.5")]
    [InlineData("x/x", "1")]
    [InlineData("exp(a)*exp(b)", "exp(a + b)")]
    [InlineData("exp(log(x))", "x")]
    [InlineData("log(exp(x))", "x")]
    [InlineData("sqrt(x)^2", "x")]
    [InlineData("e^x", "exp(x)")]
    [InlineData("sqrt(8)", "2 sqrt(2)")]
    [InlineData("sin(-x)", "-sin(x)")]
    [InlineData("cos(-x)", "cos(x)")]
    [InlineData("x^0", "1")]
    [InlineData("1*x + 0", "x")]
    [InlineData("2(x + 1)", "2x + 2")]
    public void Parse_EquivalentInputs_AreTheSameObject(string a, string b) =>
        Assert.Same(Expr.Parse(b), Expr.Parse(a));

    [Fact]
    public void Add_OperandOrder_GivesTheSameObject()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), ExprGenerators.Arbitrary(3), (a, b) =>
                ReferenceEquals(Expr.Add(a, b), Expr.Add(b, a)) && ReferenceEquals(Expr.Mul(a, b), Expr.Mul(b, a)))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Construction_FromSeveralThreads_InternsOneObject()
    {
        var results = new Expr[8];
        Parallel.For(0, results.Length, i => results[i] = Expr.Parse("sin(x)*exp(-x^2)/(1 + x^2) + 17y"));
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    // The canonical form is built from the parts as written; evaluating the parts separately and
    // combining them numerically must give the same value.
    [Fact]
    public void CanonicalForm_PreservesValue()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), ExprGenerators.Arbitrary(3), (a, b) =>
            {
                foreach (var p in Points)
                {
                    var point = At(p);
                    if (TryEvaluate(a, point) is not { } va || TryEvaluate(b, point) is not { } vb) continue;
                    if (Math.Abs(va) > 1e6 || Math.Abs(vb) > 1e6) continue;
                    if (TryEvaluate(a + b, point) is { } sum && !Close(sum, va + vb, 1e-9)) return false;
                    if (TryEvaluate(a * b, point) is { } product && !Close(product, va * vb, 1e-9)) return false;
                    if (TryEvaluate(a - b, point) is { } difference && !Close(difference, va - vb, 1e-9)) return false;
                }
                return true;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Expand_PreservesValue()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), e =>
            {
                var expanded = Expander.Expand(e);
                foreach (var p in Points)
                {
                    var point = At(p);
                    if (TryEvaluate(e, point) is not { } v || Math.Abs(v) > 1e8) continue;
                    if (TryEvaluate(expanded, point) is not { } w || !Close(v, w, 1e-8)) return false;
                }
                return true;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Expand_Polynomial_HasNoProductOfSums()
    {
        Prop.ForAll(ExprGenerators.PolynomialArbitrary(), e =>
            {
                var expanded = Expander.Expand(e);
                IEnumerable<Expr> terms = expanded is Add a ? a.Terms : [expanded];
                return terms.All(t => t is not Mul m || !m.Factors.Any(f => f is Add or Pow { Base: Add }));
            })
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("(x + 1)^2", "x^2 + 2*x + 1")]
    [InlineData("(x + y)^3", "x^3 + 3*x^2*y + 3*x*y^2 + y^3")]
    [InlineData("(x + 1)*(x - 1)", "x^2 - 1")]
    [InlineData("(a + b)*(c + d)", "a*c + a*d + b*c + b*d")]
    public void Expand_Multinomial(string input, string expected) =>
        Assert.Same(Expr.Parse(expected), Expander.Expand(Expr.Parse(input)));

    [Fact]
    public void FreeSymbols_OfAVeryDeepExpression_DoNotOverflowTheStack()
    {
        Expr e = Expr.Symbol("x");
        for (int i = 0; i < 100_000; i++) e = Expr.Call(Symbolic.Functions.Functions.Sin, e) + Expr.Symbol("y");
        Assert.Equal(["x", "y"], e.FreeSymbols.Select(s => s.Name));
    }

    [Fact]
    public void Division_ByExactZero_IsAnError()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("1/0"));
        Assert.Contains("division by zero", ex.Message);
    }
}
