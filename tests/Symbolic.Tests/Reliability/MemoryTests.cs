using System.Diagnostics;
using Symbolic.Compilation;
using Xunit.Abstractions;

namespace Symbolic.Tests.Reliability;

/// <summary>
/// Parse, differentiate, compile and drop expressions in a long loop: the managed heap after a full collection
/// stays within <see cref="HeapBound"/> of where it started, because the intern table holds its nodes weakly
/// (keeping only a fixed window of recent ones strongly) and compiled delegates are collectible.
/// </summary>
/// <remarks>
/// The issue asks for 10 million iterations. Each stage has its own count, chosen so that CI spends about
/// half a minute in all on two shared cores: 100,000 parses and derivatives (about 6,000 a second there), and
/// 2,000 compilations in each compiling stage (a compilation takes milliseconds). The long version runs outside
/// CI: SYMBOLIC_MEMORY_ITERATIONS=10000000 sets the parse-and-differentiate count, and
/// SYMBOLIC_MEMORY_COMPILE_ITERATIONS the count of the compiling stages (10 million compilations would take
/// hours). Every expression differs from the others (its numbers come from the loop counter), so each iteration
/// interns new nodes and compiles a new kernel: nothing is found in a cache. The heap is measured after a full
/// collection ten times during each stage (every 250,000 iterations in longer runs) and at its end, every measurement must be within the bound, and the
/// measurements are printed (and appended to the file SYMBOLIC_MEMORY_LOG names, if set).
/// </remarks>
[Collection(nameof(ReliabilityCollection))]
public class MemoryTests(ITestOutputHelper output)
{
    /// <summary>The heap after a full collection stays below its starting size plus this.</summary>
    private const long HeapBound = 64L << 20;

    private static readonly long ParseIterations = Count("SYMBOLIC_MEMORY_ITERATIONS") ?? 100_000;

    private static readonly long CompileIterations = Count("SYMBOLIC_MEMORY_COMPILE_ITERATIONS") ?? 2_000;

    private static long? Count(string variable) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), out var n) && n > 0 ? n : null;

    [Fact]
    public void Memory_ParseAndDifferentiateAndDrop_HeapStaysBounded() =>
        Measure("parse + diff", ParseIterations, warmUp: 2_000, i =>
        {
            var e = Expr.Parse($"sin({i}*x)*x^{i % 7 + 2} + {i}/(x + {i + 1})");
            return e.Diff("x");
        });

    [Fact]
    public void Memory_ParseDifferentiateCompileEvaluateAndDrop_HeapStaysBounded() =>
        Measure("parse + diff + compile + evaluate", CompileIterations, warmUp: 200, i =>
        {
            var e = Expr.Parse($"exp(-{i % 1000 + 1}*x^2)*sin(y + {i}) + {i}*x*y");
            var fn = e.Diff("x").Compile("x", "y");
            var g = new double[2];
            double v = fn.ValueAndGradient([0.5, 0.25], g);
            Assert.True(double.IsFinite(v) && double.IsFinite(g[0]));
            return fn.Expression;
        });

    [Fact]
    public void Memory_TypedDelegatesCompiledAndDropped_HeapStaysBounded() =>
        Measure("typed delegate compile + call", CompileIterations, warmUp: 200, i =>
        {
            var e = Expr.Parse($"{i}*x^2 + log(1 + x^2)*{i + 1}");
            var f = e.Compile<Func<double, double>>("x");
            Assert.Equal(e.Evaluate(("x", 0.5)), f(0.5), 12);
            return e;
        });

    [Fact]
    public void Memory_CompiledFunctionAndDelegate_AreCollectedWhenDropped()
    {
        var (function, typed) = CompileAndDrop();
        Collect();
        Assert.False(function.IsAlive, "a dropped CompiledFunction is still alive after a full collection");
        Assert.False(typed.IsAlive, "a dropped compiled delegate is still alive after a full collection");

        static (WeakReference, WeakReference) CompileAndDrop()
        {
            var e = Expr.Parse($"x^3 + {Random.Shared.Next()}*sin(x*y)");
            var fn = e.Compile("x", "y");
            var g = new double[2];
            fn.ValueAndGradient([1.0, 2.0], g);
            fn.Hessian([1.0, 2.0], new double[4]);
            var f = e.Compile<Func<double, double, double>>("x", "y");
            f(1, 2);
            return (new WeakReference(fn), new WeakReference(f));
        }
    }

    private void Measure(string stage, long count, int warmUp, Func<long, Expr> work)
    {
        // Warm up so that the JIT, the parser's caches and the intern table's first growth are not counted.
        for (long i = 0; i < Math.Min(count, warmUp); i++) GC.KeepAlive(work(-1 - i));
        Collect();
        long start = GC.GetTotalMemory(forceFullCollection: true);
        int liveStart = Intern.LiveCount();
        var clock = Stopwatch.StartNew();
        long peak = start, checkEvery = Math.Clamp(count / 10, 1, 250_000);
        string? log = Environment.GetEnvironmentVariable("SYMBOLIC_MEMORY_LOG") is { Length: > 0 } path ? path : null;
        var checkpoints = new List<string>();
        for (long i = 0; i < count; i++)
        {
            GC.KeepAlive(work(i));
            if ((i + 1) % checkEvery == 0 && i + 1 < count)
            {
                long now = GC.GetTotalMemory(forceFullCollection: true);
                peak = Math.Max(peak, now);
                checkpoints.Add($"{(now - start) / 1e6:F1}");
                if (log is not null) // the long run reports as it goes
                    File.AppendAllText(log, $"{stage}: {i + 1:N0} of {count:N0} iterations after {clock.Elapsed.TotalSeconds:F0} s, heap growth {(now - start) / 1e6:F1} MB\n");
                Assert.True(now - start < HeapBound, $"{stage}: after {i + 1:N0} iterations the heap grew by {(now - start) / 1e6:F1} MB");
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Collect();
        long end = GC.GetTotalMemory(forceFullCollection: true);
        peak = Math.Max(peak, end);
        int liveGrowth = Intern.LiveCount() - liveStart;
        output.WriteLine($"{stage}: {count:N0} iterations in {seconds:F1} s ({count / seconds:N0}/s); heap at start {start / 1e6:F1} MB, " +
                         $"at end {end / 1e6:F1} MB (growth {(end - start) / 1e6:F1} MB, largest after a full GC {(peak - start) / 1e6:F1} MB, " +
                         $"bound {HeapBound >> 20} MB); live interned nodes {liveGrowth:+#,0;-#,0;0}; growth at each checkpoint (MB): {string.Join(" ", checkpoints)}");
        if (log is not null)
            File.AppendAllText(log, $"{stage}: {count:N0} iterations, {seconds:F1} s, heap at start {start / 1e6:F1} MB, growth {(end - start) / 1e6:F1} MB, " +
                                    $"peak {(peak - start) / 1e6:F1} MB, live nodes {liveGrowth:+#,0;-#,0;0}, at each checkpoint {string.Join(" ", checkpoints)}\n");
        Assert.True(end - start < HeapBound, $"{stage}: the heap grew by {(end - start) / 1e6:F1} MB over {count:N0} iterations");
        // The table keeps at most 16 stripes x 4,096 recent nodes strongly; whatever else is alive is in use.
        Assert.True(liveGrowth < 80_000, $"{stage}: {liveGrowth:N0} more live interned nodes after {count:N0} dropped expressions");
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Intern.Prune();
    }
}
