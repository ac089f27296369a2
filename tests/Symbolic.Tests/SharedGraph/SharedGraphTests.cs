using Symbolic.Algebra;
using Symbolic.Benchmarks;
using Symbolic.Evaluation;
using static Symbolic.Functions.Functions;

namespace Symbolic.Tests.SharedGraph;

/// <summary>
/// Hash-consed expressions are graphs: every pass visits each distinct node once per call. These
/// tests count the work (nodes visited, nodes converted) on the layered sigmoid network, whose tree
/// doubles with each layer while its graph grows by a constant, instead of timing it.
/// </summary>
public class SharedGraphTests
{
    private static readonly Symbol X = Expr.Symbol("x"), Y = Expr.Symbol("y");

    private static Func<Symbol, double?> Point => LayeredNetwork.Point;

    private static int Interior(Expr e) => Nodes(e).Count(n => !n.Children.IsEmpty);

    private static HashSet<Expr> Nodes(Expr e)
    {
        var seen = new HashSet<Expr> { e };
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
            foreach (var c in stack.Pop().Children)
                if (seen.Add(c)) stack.Push(c);
        return seen;
    }

    [Fact]
    public void DistinctNodeCount_CountsASharedSubexpressionOnce()
    {
        var s = Expr.Call(Sin, X);
        var e = s * s + s; // sin(x) + sin(x)^2

        Assert.Equal(5, e.DistinctNodeCount); // the sum, sin(x)^2, 2, sin(x), x
        Assert.Equal(7, e.Size);
        Assert.Equal(1, X.DistinctNodeCount);
    }

    [Fact]
    public void DistinctNodeCount_OfLayeredNetwork_GrowsLinearlyWhileTheTreeDoubles()
    {
        int n10 = LayeredNetwork.Output(10, symbolicWeights: true).DistinctNodeCount;
        int n20 = LayeredNetwork.Output(20, symbolicWeights: true).DistinctNodeCount;
        int n40 = LayeredNetwork.Output(40, symbolicWeights: true).DistinctNodeCount;

        Assert.Equal(n40 - n20, 2 * (n20 - n10));
        Assert.True(LayeredNetwork.Output(40).Size > 1L << 40);
    }

    [Fact]
    public void DistinctNodeCount_OfVeryDeepExpression_DoesNotOverflowTheStack()
    {
        Expr e = X;
        for (int i = 0; i < 100_000; i++) e = Expr.Call(Sin, e);

        Assert.Equal(100_001, e.DistinctNodeCount);
    }

    [Fact]
    public void Evaluate_NetworkGradient_WorkGrowsLinearlyWithDepth()
    {
        long Work(int depth)
        {
            var g = LayeredNetwork.InputGradient(depth)[0];
            Interpreter.Evaluate(g, Point, out long work);
            Assert.True(work < 64L * g.DistinctNodeCount, $"{work} evaluations for {g.DistinctNodeCount} distinct nodes");
            return work;
        }

        long w10 = Work(10), w20 = Work(20), w40 = Work(40);

        // Linear: 20 more layers cost twice what 10 more did (as a tree, 2^20 times as much).
        Assert.True(w40 - w20 <= 2.2 * (w20 - w10), $"work {w10}, {w20}, {w40}");
    }

    [Fact]
    public void Evaluate_NetworkGradient_AgreesWithATreeWalk()
    {
        var g = LayeredNetwork.InputGradient(8)[0];

        Assert.Equal(TreeWalk(g), Interpreter.Evaluate(g, Point), 1e-15);

        static double TreeWalk(Expr e) => e switch
        {
            Add a => a.Terms.Sum(TreeWalk),
            Mul m => m.Factors.Aggregate(1.0, (p, f) => p * TreeWalk(f)),
            Pow p => Math.Pow(TreeWalk(p.Base), TreeWalk(p.Exponent)),
            Call c => c.Function.Evaluate!(TreeWalk(c.Argument)),
            Number n => n.Value,
            Symbol s => Point(s)!.Value,
            _ => throw new InvalidOperationException(),
        };
    }

    [Fact]
    public void Evaluate_NetworkGradient_AgreesWithAFiniteDifference()
    {
        var f = LayeredNetwork.Output(12);
        var g = LayeredNetwork.InputGradient(12)[0];
        const double h = 1e-6;
        double At(double x) => Interpreter.Evaluate(f, s => s == X ? x : Point(s));

        double numeric = (At(0.3 + h) - At(0.3 - h)) / (2 * h);

        Assert.Equal(numeric, Interpreter.Evaluate(g, Point), 1e-9);
    }

    [Fact]
    public void Evaluate_VeryDeepExpressions_DoNotOverflowTheStack()
    {
        Expr chain = X, sum = X;
        for (int i = 0; i < 100_000; i++)
        {
            chain = Expr.Call(Sin, chain);
            sum = Expr.Call(Tanh, sum + 1);
        }

        Assert.Equal(Math.Sin(Math.Sin(0.5)), Interpreter.Evaluate(Expr.Call(Sin, Expr.Call(Sin, X)), s => 0.5));
        Assert.True(double.IsFinite(Interpreter.Evaluate(chain, s => 0.5)));
        Assert.True(double.IsFinite(Interpreter.Evaluate(sum, s => 0.5)));
    }

    [Fact]
    public void Evaluate_DerivativeOfUndefinedFunction_IsAnError()
    {
        var g = Expr.Call(Undefined("g", 1), X);
        var big = Expr.Add(Enumerable.Range(1, 40).Select(i => Expr.Pow(X, i)).Append(Expr.Derivative(g, [X])));

        var ex = Assert.Throws<SymbolicException>(() => Interpreter.Evaluate(big, s => 1.0));

        Assert.Contains("derivative of an undefined function", ex.Message);
    }

    [Fact]
    public void N_NetworkGradient_RewritesEachDistinctNodeOnce()
    {
        var g = LayeredNetwork.InputGradient(40)[0];

        long before = Rewrite.Visits;
        var n = Numeric.N(g);
        long visits = Rewrite.Visits - before;

        Assert.True(visits <= Interior(g), $"{visits} visits for {Interior(g)} distinct interior nodes");
        Assert.Equal(Interpreter.Evaluate(g, Point), Interpreter.Evaluate(n, Point), 1e-12);
    }

    [Fact]
    public void Substitute_NetworkOutput_RewritesEachDistinctNodeOnce()
    {
        var f = LayeredNetwork.Output(40, symbolicWeights: true);

        long before = Rewrite.Visits;
        var g = Substitution.Substitute(f, X, Expr.Number(Rational.Create(3, 10)));
        long visits = Rewrite.Visits - before;

        Assert.True(visits <= f.DistinctNodeCount, $"{visits} visits for {f.DistinctNodeCount} distinct nodes");
        Assert.Equal(Interpreter.Evaluate(f, Point), Interpreter.Evaluate(g, Point), 1e-12);
    }

    [Fact]
    public void N_And_Substitute_VeryDeepExpression_DoNotOverflowTheStack()
    {
        Expr e = X;
        for (int i = 0; i < 100_000; i++) e = Expr.Call(Sin, e) + 1;

        Assert.Equal(e.DistinctNodeCount, Numeric.N(e).DistinctNodeCount + 0);
        Assert.True(Substitution.Substitute(e, X, Y).Contains(Y));
    }

    [Fact]
    public void Simplify_NetworkGradient_WorkGrowsLinearlyWithDepth()
    {
        long Work(int depth)
        {
            var g = LayeredNetwork.InputGradient(depth)[0];
            long conversions = RationalForm.Conversions, visits = Rewrite.Visits;
            var s = Simplifier.Simplify(g);
            Assert.Equal(Interpreter.Evaluate(g, Point), Interpreter.Evaluate(s, Point), Math.Abs(Interpreter.Evaluate(g, Point)) * 1e-9);
            Assert.True(s.DistinctNodeCount <= g.DistinctNodeCount);
            return RationalForm.Conversions - conversions + Rewrite.Visits - visits;
        }

        long w20 = Work(20), w40 = Work(40), w80 = Work(80);

        // Linear: each further 20 (then 40) layers cost the same per layer; a tree walk would
        // multiply the work by 2^20 per 20 layers.
        Assert.True(w80 - w40 <= 2.5 * (w40 - w20), $"work {w20}, {w40}, {w80}");
    }

    [Fact]
    public void Simplify_SharedSubexpressionStillCancels()
    {
        // A large sum used in two places becomes a kernel; the rest still simplifies around it.
        var big = Expr.Add(Enumerable.Range(1, 1200).Select(i => Expr.Call(Sin, i * X)));
        var e = big * big / big + Expr.Pow(X + 1, 2) - Expr.Pow(X, 2) - 2 * X;

        Assert.Same(big + 1, Simplifier.Simplify(e));
    }
}
