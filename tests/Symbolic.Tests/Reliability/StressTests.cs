using System.Collections.Concurrent;
using System.Diagnostics;
using Symbolic.Compilation;
using Xunit.Abstractions;

namespace Symbolic.Tests.Reliability;

/// <summary>Tests that measure the heap or load every core run alone, so neither disturbs the other tests' timing nor is disturbed.</summary>
[CollectionDefinition(nameof(ReliabilityCollection), DisableParallelization = true)]
public class ReliabilityCollection;

/// <summary>
/// Eight threads parse, differentiate, simplify, compile and evaluate overlapping expressions at once, and every
/// result must be what one thread alone computes: the same printed forms, the same values to the bit, and, because
/// expressions are hash-consed, the same objects for the same expressions on every thread.
/// </summary>
/// <remarks>
/// Each round uses symbols no earlier round used, so every node of the round is new to the intern table and the
/// threads race to create it (a round that found its nodes already interned would test only lookups). The threads
/// start together at a barrier and each walks the expressions in its own order. The single-threaded reference of
/// the round is computed first, under other symbol names (so it interns nothing the threads will look up), and is
/// compared after renaming. The threads also share one compiled function per expression, built by the reference
/// run without its gradient and Hessian, so they race the lazy compilation of those kernels too.
/// The duration is SYMBOLIC_STRESS_SECONDS (default 3 s: a CI run); rounds continue until it is spent, at least one.
/// The test was checked against two broken intern tables: without its lock it fails (the table's handles are
/// corrupted), and with the lookup and the insertion in two separate critical sections (check, then act) it fails
/// on Assert.Same (two objects for one expression).
/// </remarks>
[Collection(nameof(ReliabilityCollection))]
public class StressTests(ITestOutputHelper output)
{
    private const int Threads = 8;

    // Overlapping shapes: later ones reuse earlier ones as subexpressions, so threads meet on shared nodes.
    private static readonly string[] Bases =
    [
        "sin(X)*exp(Y) + X^2*Y",
        "X^3 - 3X*Y^2",
        "log(1 + X^2 + Y^2)",
        "sigmoid(2X - Y)*tanh(X)",
        "(X + Y)^3/(1 + X^2)",
        "sqrt(X^2 + Y^2 + 1)",
        "exp(-X^2 - Y^2)*cos(X*Y)",
        "softplus(X*Y) + atan(X - Y)",
        "X*exp(X) + sin(X)^2 + cos(X)^2",
        "(X^2 - Y^2)/(X - Y)",
        "cosh(X)/(2 + sinh(Y)^2)",
        "(1 - X)^2 + 100(Y - X^2)^2",
    ];

    private static readonly string[] Templates =
    [
        .. Bases,
        .. Bases.Select((b, i) => $"({b})*({Bases[(i + 1) % Bases.Length]}) + X"),
        .. Bases.Select((b, i) => $"({b})^2 - ({Bases[(i + 5) % Bases.Length]})/(2 + Y^2)"),
    ];

    private static readonly double[] At = [0.7, -0.4];

    /// <summary>Everything computed for one expression: texts, the bits of the values, and the objects.</summary>
    private sealed record Outcome(string[] Texts, long[] Bits, Expr[] Objects);

    [Fact]
    public void Stress_EightThreadsOnOverlappingExpressions_MatchOneThreadAndShareObjects()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("SYMBOLIC_STRESS_SECONDS"), out var s) && s > 0 ? s : 3;
        var clock = Stopwatch.StartNew();
        int rounds = 0;
        long operations = 0;
        do
        {
            operations += Round(rounds++);
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        output.WriteLine($"{Threads} threads, {rounds} rounds of {Templates.Length} expressions, {operations:N0} expression pipelines in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Stress_UndefinedFunctionsAndFreeSymbolCaches_AreOnePerNameAcrossThreads()
    {
        // The table of undefined functions is filled lazily from any thread; a call node compares its function by
        // reference, so two entries for one name would make two objects of g(x). Each thread also asks for the
        // free symbols of one new deep expression first, racing to fill the per-node caches.
        string g = $"g{Guid.NewGuid():N}";
        var deep = Enumerable.Range(0, 2_000).Aggregate((Expr)Expr.Symbol("u"), (e, i) => Expr.Call(Functions.Functions.Sin, e + Expr.Symbol($"v{i % 5}")));
        var results = new (Functions.FunctionDef Def, Expr Call, Expr Derivative, string[] Free)[Threads];
        using var barrier = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(k => new Thread(() =>
        {
            barrier.SignalAndWait();
            var free = deep.FreeSymbols.Select(s => s.Name).ToArray();
            var call = Expr.Parse($"{g}(x, y)*{g}(y, x)");
            results[k] = (Functions.Functions.Undefined(g, 2), call, call.Diff("x"), free);
        }, 16 << 20)).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        foreach (var r in results)
        {
            Assert.Same(results[0].Def, r.Def);
            Assert.Same(results[0].Call, r.Call);
            Assert.Same(results[0].Derivative, r.Derivative);
            Assert.Equal(["u", "v0", "v1", "v2", "v3", "v4"], r.Free);
        }
        Assert.Same(results[0].Def, ((Call)((Mul)results[0].Call).Factors[0]).Function);
    }

    private static long Round(int round)
    {
        string refX = $"xr{round}q", refY = $"yr{round}q", x = $"xt{round}q", y = $"yt{round}q";

        // The reference: one thread, its own names.
        var shared = new CompiledFunction[Templates.Length];
        var reference = new Outcome[Templates.Length];
        for (int i = 0; i < Templates.Length; i++)
        {
            reference[i] = Run(Templates[i], refX, refY, null);
            shared[i] = Expr.Parse(Instantiate(Templates[i], x, y)).Compile(x, y); // value kernel only, for the threads
        }

        var results = new Outcome[Threads][];
        var failures = new ConcurrentQueue<Exception>();
        using var barrier = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(k => new Thread(() =>
        {
            try
            {
                var mine = new Outcome[Templates.Length];
                var order = Enumerable.Range(0, Templates.Length).ToArray();
                new Random(round * Threads + k).Shuffle(order); // each thread its own order
                barrier.SignalAndWait();
                foreach (int i in order) mine[i] = Run(Templates[i], x, y, shared[i]);
                results[k] = mine;
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
                barrier.RemoveParticipant();
            }
        }, 16 << 20)).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (!failures.IsEmpty) throw new AggregateException(failures);

        for (int i = 0; i < Templates.Length; i++)
        {
            var expected = reference[i];
            for (int k = 0; k < Threads; k++)
            {
                var got = results[k][i];
                for (int t = 0; t < expected.Texts.Length; t++)
                    Assert.Equal(expected.Texts[t], Rename(got.Texts[t], x, y, refX, refY));
                Assert.Equal(expected.Bits, got.Bits);
                for (int o = 0; o < got.Objects.Length; o++)
                    Assert.Same(results[0][i].Objects[o], got.Objects[o]);
            }
            // The objects are the table's: the same expressions built again now are the same objects.
            var again = Expr.Parse(Instantiate(Templates[i], x, y));
            Assert.Same(results[0][i].Objects[0], again);
            Assert.Same(results[0][i].Objects[1], again.Diff(x));
        }
        return (long)Threads * Templates.Length;
    }

    /// <summary>The whole pipeline on one expression; <paramref name="shared"/> is a compiled function other threads call too.</summary>
    private static Outcome Run(string template, string x, string y, CompiledFunction? shared)
    {
        var e = Expr.Parse(Instantiate(template, x, y));
        var dx = e.Diff(x);
        var simplified = dx.Simplify();
        var gradient = e.Gradient(x, y);
        var hessian = e.Hessian(x, y);
        var fn = shared ?? e.Compile(x, y);
        var g = new double[2];
        var h = new double[4];
        double value = fn.Value(At);
        double valueAgain = fn.ValueAndGradient(At, g);
        fn.Hessian(At, h);
        double interpreted = dx.Evaluate([x, y], At);
        var typed = e.Compile<Func<double, double, double>>(x, y);
        double typedValue = typed(At[0], At[1]);

        string[] texts =
        [
            e.ToString(), dx.ToString(), simplified.ToString(), string.Join("; ", gradient.Select(p => p.ToString())),
            string.Join("; ", hessian.Cast<Expr>().Select(p => p.ToString())), e.ToLatex(),
        ];
        double[] values = [value, valueAgain, g[0], g[1], h[0], h[1], h[2], h[3], interpreted, typedValue];
        return new Outcome(texts, [.. values.Select(BitConverter.DoubleToInt64Bits)], [e, dx, simplified, gradient[0], gradient[1], hessian[0, 1]]);
    }

    private static string Instantiate(string template, string x, string y) => template.Replace("X", $"({x})").Replace("Y", $"({y})");

    private static string Rename(string text, string x, string y, string refX, string refY) => text.Replace(x, refX).Replace(y, refY);
}
