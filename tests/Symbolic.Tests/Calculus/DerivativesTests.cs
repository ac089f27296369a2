using FsCheck;
using FsCheck.Fluent;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Tests.Generators;
using static Symbolic.Tests.Support.NumericCheck;

namespace Symbolic.Tests.Calculus;

public class DerivativesTests
{
    private static readonly Symbol[] Xyz = [X, Y, Z];

    [Fact]
    public void Hessian_OfTheNotesQuadratic_Is6226()
    {
        var h = Expr.Parse("3x^2 + 2x*y + 3y^2").Hessian();
        Assert.Equal("6,2,2,6", string.Join(",", h.Cast<Expr>()));
    }

    [Fact]
    public void Hessian_TwoDimensionalNewtonExample_AtFourFour()
    {
        var f = Expr.Parse("x^4 + 0.8y^4 + 4x^2 + 2y^2 - x*y - 0.2x^2*y");
        var point = new Dictionary<Symbol, double> { [X] = 4, [Y] = 4 };
        var g = f.Gradient("x", "y").Select(e => Interpreter.Evaluate(e, point)).ToArray();
        var h = f.Hessian("x", "y");
        Assert.Equal([277.6, 213.6], g.Select(v => Math.Round(v, 6)));
        Assert.Equal(198.4, Interpreter.Evaluate(h[0, 0], point), 9);
        Assert.Equal(-2.6, Interpreter.Evaluate(h[0, 1], point), 9);
        Assert.Equal(157.6, Interpreter.Evaluate(h[1, 1], point), 9);
    }

    [Fact]
    public void Gradient_OfTheNotesSurface_AtHalfAndPointSix()
    {
        var g = Expr.Parse("85 - (1/90) x^2 (x - 6) y^2 (y - 6)").Gradient("x", "y");
        var point = new Dictionary<Symbol, double> { [X] = 0.5, [Y] = 0.6 };
        Assert.Equal(-0.1134, Interpreter.Evaluate(g[0], point), 4);
        Assert.Equal(-0.0935, Interpreter.Evaluate(g[1], point), 4);
    }

    [Fact]
    public void Gradient_VariableOrder_IsAlphabeticalByDefault()
    {
        var g = Expr.Parse("b^2 + 3a + x10 + x2").Gradient();
        Assert.Equal("3,2*b,1,1", string.Join(",", g.Select(e => e.ToString())));
    }

    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), e =>
            {
                var g = Derivatives.Gradient(e, Xyz);
                foreach (var p in Points)
                {
                    var point = At(p);
                    if (TryEvaluate(e, point) is not { } v || Math.Abs(v) > 1e6) continue;
                    for (int i = 0; i < 3; i++)
                        if (FiniteDifference(e, Xyz[i], point) is { } numeric && Math.Abs(numeric) < 1e6
                            && (TryEvaluate(g[i], point) is { } symbolic ? !Close(symbolic, numeric, 1e-5) : !HasKink(e)))
                            return false;
                }
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Hessian_IsSymmetric_AndMatchesFiniteDifferencesOfTheGradient()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(3), e =>
            {
                var h = Derivatives.Hessian(e, Xyz);
                var g = Derivatives.Gradient(e, Xyz);
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        if (!ReferenceEquals(h[i, j], h[j, i])) return false;
                foreach (var p in Points)
                {
                    var point = At(p);
                    if (TryEvaluate(e, point) is null) continue;
                    for (int i = 0; i < 3; i++)
                    {
                        if (TryEvaluate(g[i], point) is not { } gi || Math.Abs(gi) > 1e6) continue;
                        for (int j = 0; j < 3; j++)
                            if (FiniteDifference(g[i], Xyz[j], point) is { } numeric && Math.Abs(numeric) < 1e6
                                && (TryEvaluate(h[i, j], point) is { } symbolic ? !Close(symbolic, numeric, 1e-5) : !HasKink(e)))
                                return false;
                    }
                }
                return true;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Gradient_OfLargeSum_OnlyDifferentiatesTermsByTheirOwnVariables()
    {
        var terms = string.Join(" + ", Enumerable.Range(1, 999).Select(i => $"100(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2"));
        var f = Expr.Parse(terms);
        var vars = Enumerable.Range(1, 1000).Select(i => Expr.Symbol($"x{i}")).ToArray();
        var g = Derivatives.Gradient(f, vars);
        Assert.Same(Expr.Parse("-400x1*(x2 - x1^2) - 2(1 - x1)"), g[0]);
        Assert.Same(Expr.Parse("200(x1000 - x999^2)"), g[999]);
        Assert.Same(Expr.Parse("200(x500 - x499^2) - 400x500*(x501 - x500^2) - 2(1 - x500)"), g[499]);
    }

    [Fact]
    public void Jacobian_OfVectorFunction()
    {
        var j = Derivatives.Jacobian([Expr.Parse("x^2 y"), Expr.Parse("5x + sin(y)")], [X, Y]);
        Assert.Equal("[[2*x*y, x^2], [5, cos(y)]]", j.ToString());
    }
}
