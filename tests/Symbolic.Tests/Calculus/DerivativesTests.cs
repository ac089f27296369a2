using FsCheck;
using FsCheck.Fluent;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Support;
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
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
            {
                var g = Derivatives.Gradient(e, Xyz);
                return Verdict.All(Enumerable.Range(0, 3).Select(i => FiniteDifference.CompareAtPoints(e, Xyz[i], g[i])));
            }))
            .Check(Checks.Quick.WithMaxTest(200));
        count.AssertEnough(100);
    }

    [Fact]
    public void Hessian_IsSymmetric_AndMatchesFiniteDifferencesOfTheGradient()
    {
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
            {
                var h = Derivatives.Hessian(e, Xyz);
                var g = Derivatives.Gradient(e, Xyz);
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        if (!ReferenceEquals(h[i, j], h[j, i])) return Verdict.Failed;
                return Verdict.All(
                    from i in Enumerable.Range(0, 3)
                    from j in Enumerable.Range(0, 3)
                    select FiniteDifference.CompareAtPoints(g[i], Xyz[j], h[i, j]));
            }))
            .Check(Checks.Quick.WithMaxTest(150));
        count.AssertEnough(75);
    }

    // 999 Rosenbrock pairs in 1,000 variables. Differentiating the whole sum by each variable would
    // visit the sum 1,000 times and scan its 1,998 terms each time; the gradient must differentiate
    // each term only by the variables it contains, visiting exactly the nodes of that term that
    // contain the variable (counted here independently of the differentiator).
    [Fact]
    public void Gradient_OfLargeSum_OnlyDifferentiatesTermsByTheirOwnVariables()
    {
        var terms = string.Join(" + ", Enumerable.Range(1, 999).Select(i => $"100(x{i + 1} - x{i}^2)^2 + (1 - x{i})^2"));
        var f = Expr.Parse(terms);
        var vars = Enumerable.Range(1, 1000).Select(i => Expr.Symbol($"x{i}")).ToArray();

        long before = Differentiator.VisitedNodes;
        var g = Derivatives.Gradient(f, vars);
        long visited = Differentiator.VisitedNodes - before;

        Assert.Same(Expr.Parse("-400x1*(x2 - x1^2) - 2(1 - x1)"), g[0]);
        Assert.Same(Expr.Parse("200(x1000 - x999^2)"), g[999]);
        Assert.Same(Expr.Parse("200(x500 - x499^2) - 400x500*(x501 - x500^2) - 2(1 - x500)"), g[499]);
        long expected = ((Add)f).Terms.Sum(t => t.FreeSymbols.Sum(s => NodesContaining(t, s)));
        Assert.Equal(expected, visited);
        Assert.InRange(visited, 1998, 10 * 1998); // a few nodes per term and variable, not per sum
    }

    /// <summary>Distinct nodes of e, other than x itself, that have x in their subtree.</summary>
    private static long NodesContaining(Expr e, Symbol x)
    {
        var contains = new Dictionary<Expr, bool>(ReferenceEqualityComparer.Instance);
        bool Walk(Expr n)
        {
            if (contains.TryGetValue(n, out bool known)) return known;
            bool result = ReferenceEquals(n, x);
            foreach (var c in n.Children) result |= Walk(c);
            return contains[n] = result;
        }
        Walk(e);
        return contains.Count(kv => kv.Value && !ReferenceEquals(kv.Key, x));
    }

    [Fact]
    public void Jacobian_OfVectorFunction()
    {
        var j = Derivatives.Jacobian([Expr.Parse("x^2 y"), Expr.Parse("5x + sin(y)")], [X, Y]);
        Assert.Equal("[[2*x*y, x^2], [5, cos(y)]]", j.ToString());
    }
}
