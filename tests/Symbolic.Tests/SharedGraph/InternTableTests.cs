using Symbolic.Calculus;
using Symbolic.Evaluation;

namespace Symbolic.Tests.SharedGraph;

[CollectionDefinition(nameof(InternTableTests), DisableParallelization = true)]
public class InternTableCollection;

/// <summary>The hash-consing table holds nodes weakly and hands out one object per value, from any thread.</summary>
[Collection(nameof(InternTableTests))]
public class InternTableTests
{
    [Fact]
    public void Intern_ParseDifferentiateAndDrop_KeepsTheTableAndHeapBounded()
    {
        var x = Expr.Symbol("x");
        // Warm up once so the parser's own caches and the JIT are not counted.
        Churn(0, 2_000);
        Settle();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        int liveBefore = Intern.LiveCount();

        Churn(2_000, 100_000);
        Settle();

        int liveGrowth = Intern.LiveCount() - liveBefore;
        long heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        // Held strongly, the table would keep about 100,000 * 20 nodes (over 150 MB); held weakly, it
        // keeps the 65,536 most recently added ones and whatever else is still in use.
        Assert.True(liveGrowth < 80_000, $"{liveGrowth} more live nodes after 100,000 dropped expressions");
        Assert.True(heapGrowth < 32 << 20, $"heap grew by {heapGrowth:N0} bytes");

        void Churn(int from, int count)
        {
            for (int i = from; i < from + count; i++)
            {
                var e = Expr.Parse($"sin({i}*x)*x^{i % 7 + 2} + {i}/(x + {i + 1})");
                GC.KeepAlive(Differentiator.Diff(e, x));
            }
        }
    }

    [Fact]
    public void Intern_NumericResults_DoNotFillTheTable()
    {
        var f = Expr.Parse("sin(x)*exp(-x^2) + x/3");
        Settle();
        int liveBefore = Intern.LiveCount();

        for (int i = 0; i < 50_000; i++)
            GC.KeepAlive(Numeric.N(global::Symbolic.Algebra.Substitution.Substitute(f, Expr.Symbol("x"), Expr.Float(i * 1e-3))));
        Settle();

        Assert.True(Intern.LiveCount() - liveBefore < 80_000);
    }

    [Fact]
    public void Intern_ManyThreadsBuildingTheSameNewExpressions_GetTheSameObjects()
    {
        // A symbol no other test uses, so every node below is new to the table.
        var t = Expr.Symbol($"t{Guid.NewGuid():N}");
        const int threads = 8, count = 5_000;
        var results = new Expr[threads][];
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            start.Wait();
            var mine = new Expr[count];
            for (int i = 0; i < count; i++)
                mine[(i + k * 611) % count] = Build((i + k * 611) % count);
            results[k] = mine;
        })).ToList();
        workers.ForEach(w => w.Start());
        start.Set();
        workers.ForEach(w => w.Join());

        for (int k = 1; k < threads; k++)
            for (int i = 0; i < count; i++)
                Assert.Same(results[0][i], results[k][i]);
        Assert.Same(results[0][17], Build(17));

        Expr Build(int i) => Expr.Call(Functions.Functions.Sin, Expr.Pow(t, i + 2) + i * t) * Expr.Float(i + 0.5);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Intern.Prune();
    }
}
