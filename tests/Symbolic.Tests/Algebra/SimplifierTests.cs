using FsCheck;
using FsCheck.Fluent;
using Symbolic.Algebra;
using Symbolic.Tests.Generators;
using Symbolic.Tests.Support;
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
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
            {
                if (Bounded.Run(() => Simplifier.Simplify(e)) is not { } s) return Verdict.Skipped;
                return Verdict.All(Points.Select(p =>
                {
                    var point = At(p);
                    if (TryEvaluate(e, point) is not { } v || Math.Abs(v) > 1e8) return Verdict.Skipped;
                    return Verdict.Of(TryEvaluate(s, point) is { } w && Close(v, w, 1e-7));
                }));
            }))
            .Check(Checks.Quick.WithMaxTest(300));
        count.AssertEnough(150);
    }

    // Sizes are measured here by walking the expressions, not read from the simplifier's own measure,
    // so a wrong cached size or a rebuilt node that grows (a call whose simplified argument changes its
    // automatic form) is caught. The result must also keep the value wherever the input has one.
    [Fact]
    public void Simplify_NeverGrowsTheExpression()
    {
        var count = new CaseCount();
        Prop.ForAll(ExprGenerators.Arbitrary(3), count.Property<Expr>(e =>
            {
                if (Bounded.Run(() => Simplifier.Simplify(e)) is not { } s) return Verdict.Skipped;
                if (Measure(s) > Measure(e)) return Verdict.Failed;
                return Verdict.All(Points.Select(p =>
                    TryEvaluate(e, At(p)) is { } v && Math.Abs(v) <= 1e8 && FiniteThroughout(e, At(p))
                        ? Verdict.Of(TryEvaluate(s, At(p)) is { } w && Close(v, w, 1e-7))
                        : Verdict.Skipped));
            }))
            .Check(Checks.Quick.WithMaxTest(300));
        count.AssertEnough(150);
    }

    [Theory]
    [InlineData("sin((x^2 - 1)/(x - 1)) + cos((x^2 - 1)/(x - 1))")]
    [InlineData("exp((x*y + x)/(y + 1))")]
    [InlineData("abs(sin(x)^2 + cos(x)^2 - 2)")]
    public void Simplify_CallsOfSimplifiableArguments_Shrink(string input)
    {
        var e = Expr.Parse(input);
        Assert.True(TreeSize(Simplifier.Simplify(e)) < TreeSize(e));
    }

    /// <summary>
    /// The size the simplifier promises not to increase: the tree size today. When the simplifier
    /// measures distinct nodes (issue 6 item 6), switch this to <see cref="DistinctNodes"/>; today
    /// that property fails, e.g. z*F + F (F a large shared subtree) simplifies to (z + 1)*F, which has
    /// fewer tree nodes but more distinct ones.
    /// </summary>
    private static readonly Func<Expr, long> Measure = TreeSize;

    /// <summary>Node count of the expression as a graph (each shared subtree once).</summary>
    private static long DistinctNodes(Expr e)
    {
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([e]);
        while (stack.TryPop(out var node))
            if (seen.Add(node))
                foreach (var child in node.Children) stack.Push(child);
        return seen.Count;
    }

    /// <summary>Node count of the expression as a tree (shared subtrees counted at each use).</summary>
    private static long TreeSize(Expr e) => 1 + e.Children.Sum(TreeSize);
}
