using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Symbolic.Compilation;
using Symbolic.Numerics;

namespace Symbolic.Benchmarks;

// The numerics issue's speed table: each solver beside the raw compiled gradient or a hand-written loop in
// the same run. Quick numbers without BenchmarkDotNet: `dotnet run -c Release -- numerics-quick`.

/// <summary>
/// Per-iteration overhead of each method over the raw compiled gradient at n = 1,000 (Rosenbrock): 100
/// iterations of the method (tolerance 0, so none stops early) against 100 gradient calls. Line-search
/// methods may evaluate more than once per iteration; BFGS (n^2 per iteration) and Newton (Hessian and
/// Cholesky, n^3/3) are of another order at this size and are left out on purpose.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class MinimizerOverheadBenchmarks
{
    public const int N = 1_000, Steps = 100;

    [Params("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lbfgs", "cg")]
    public string Method = "gd";

    private Objective _objective = null!;
    private CompiledFunction _fn = null!;
    private double[] _start = [], _g = [];
    private MinimizationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fn = Expr.Parse(Workloads.Rosenbrock(N)).Compile(Workloads.Variables(N));
        _objective = Objective.FromCompiled(_fn);
        var rnd = new Random(5);
        _start = Enumerable.Range(0, N).Select(_ => rnd.NextDouble() * 0.2 + 0.9).ToArray();
        _g = new double[N];
        _options = new MinimizationOptions(Rate: 1e-4, Tolerance: 0, MaxIterations: Steps);
    }

    [Benchmark(Baseline = true)]
    public double RawGradient()
    {
        double s = 0;
        for (int k = 0; k < Steps; k++) s += _fn.ValueAndGradient(_start, _g);
        return s;
    }

    /// <summary>Plain gradient descent written by hand around the same compiled gradient: the least any method adds.</summary>
    [Benchmark]
    public double HandWrittenGradientDescent()
    {
        var x = (double[])_start.Clone();
        double f = 0;
        for (int k = 0; k < Steps; k++)
        {
            f = _fn.ValueAndGradient(x, _g);
            for (int i = 0; i < x.Length; i++) x[i] -= 1e-4 * _g[i];
        }
        return f;
    }

    [Benchmark]
    public double Minimizer() => Minimize.With(Method, _objective, _start, _options).Value;
}

/// <summary>2-D Rosenbrock from (-1.2, 1), compiled once: each method's whole solve, hand-written beside MathNet.</summary>
[MemoryDiagnoser, MedianColumn]
public class RosenbrockSolveBenchmarks
{
    private Objective _objective = null!;
    private static readonly double[] Start = [-1.2, 1];

    [GlobalSetup]
    public void Setup()
    {
        _objective = Objective.FromExpression(Expr.Parse("(1 - x)^2 + 100(y - x^2)^2"), "x", "y");
        _ = new NewtonMinimizer().Minimize(_objective, Start); // compiles the Hessian kernel
    }

    [Benchmark] public MinimizationResult Newton() => new NewtonMinimizer().Minimize(_objective, Start);
    [Benchmark] public MinimizationResult MathNetNewton() => new MathNetMinimizer("newton").Minimize(_objective, Start);
    [Benchmark(Baseline = true)] public MinimizationResult Bfgs() => new BfgsMinimizer().Minimize(_objective, Start);
    [Benchmark] public MinimizationResult MathNetBfgs() => new MathNetMinimizer("bfgs").Minimize(_objective, Start);
    [Benchmark] public MinimizationResult Lbfgs() => new LbfgsMinimizer().Minimize(_objective, Start);
    [Benchmark] public MinimizationResult MathNetLbfgs() => new MathNetMinimizer("lbfgs").Minimize(_objective, Start);
    [Benchmark] public MinimizationResult ConjugateGradient() => new ConjugateGradientMinimizer().Minimize(_objective, Start);
    [Benchmark] public MinimizationResult MathNetConjugateGradient() => new MathNetMinimizer("cg").Minimize(_objective, Start);
}

/// <summary>
/// fit throughput: logistic regression with 10 features over 10,000 rows, one epoch of SGD (batch 1) and
/// 100 full-batch steps, against the same loops written by hand (shuffle, stable log-loss gradient, update).
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class FitThroughputBenchmarks
{
    public const int Rows = 10_000, Features = 10;
    private DataSet _data = null!;
    private double[,] _rows = new double[0, 0];
    private FitProblem _problem = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_data, _rows) = Data();
        var model = Expr.Parse("sigmoid(" + string.Join(" + ", Enumerable.Range(1, Features).Select(j => $"w{j}*a{j}")) + " + b)");
        string[] parameters = [.. Enumerable.Range(1, Features).Select(j => $"w{j}").Append("b")];
        _problem = Fit.Prepare(model, parameters, _data, Loss.Logistic); // compiled once, as a training loop would
    }

    public static (DataSet, double[,]) Data()
    {
        var rnd = new Random(3);
        var rows = new double[Rows, Features + 1];
        for (int r = 0; r < Rows; r++)
        {
            double z = 0;
            for (int j = 0; j < Features; j++) z += (j % 3 - 1) * (rows[r, j] = rnd.NextDouble() * 2 - 1);
            rows[r, Features] = z + 0.3 * (rnd.NextDouble() - 0.5) > 0 ? 1 : 0;
        }
        var names = Enumerable.Range(1, Features).Select(j => $"a{j}").Append("y").ToArray();
        return (DataSet.FromRows(names, rows), rows);
    }

    [Benchmark(Baseline = true)]
    public double HandWrittenSgdEpoch() => HandWrittenFit.Sgd(_rows, epochs: 1, rate: 0.01, seed: 0)[0];

    [Benchmark]
    public double FitSgdEpoch() =>
        _problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 1, Rate: 0.01)).Values[0];

    [Benchmark]
    public double HandWrittenFullBatch100() => HandWrittenFit.FullBatch(_rows, steps: 100, rate: 0.5)[0];

    [Benchmark]
    public double FitFullBatch100() =>
        _problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 100, Batch: 0, Rate: 0.5)).Values[0];
}

/// <summary>The loops a careful engineer writes by hand for logistic regression: the baseline of <see cref="FitThroughputBenchmarks"/>.
/// Like <c>fit</c>, each ends by computing the mean loss over all rows at the fitted weights (returned last).</summary>
public static class HandWrittenFit
{
    private static double[] WithMeanLoss(double[,] rows, double[] w)
    {
        int n = rows.GetLength(0), m = rows.GetLength(1) - 1;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            double z = w[m];
            for (int j = 0; j < m; j++) z += w[j] * rows[r, j];
            total += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - rows[r, m] * z; // softplus(z) - y z
        }
        return [.. w, total / n];
    }

    public static double[] Sgd(double[,] rows, int epochs, double rate, int seed)
    {
        int n = rows.GetLength(0), m = rows.GetLength(1) - 1;
        var w = new double[m + 1];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (int e = 0; e < epochs; e++)
        {
            random.Shuffle(order);
            foreach (int r in order)
            {
                double z = w[m];
                for (int j = 0; j < m; j++) z += w[j] * rows[r, j];
                double residual = 1 / (1 + Math.Exp(-z)) - rows[r, m];
                for (int j = 0; j < m; j++) w[j] -= rate * residual * rows[r, j];
                w[m] -= rate * residual;
            }
        }
        return WithMeanLoss(rows, w);
    }

    public static double[] FullBatch(double[,] rows, int steps, double rate)
    {
        int n = rows.GetLength(0), m = rows.GetLength(1) - 1;
        var w = new double[m + 1];
        var g = new double[m + 1];
        for (int s = 0; s < steps; s++)
        {
            Array.Clear(g);
            for (int r = 0; r < n; r++)
            {
                double z = w[m];
                for (int j = 0; j < m; j++) z += w[j] * rows[r, j];
                double residual = 1 / (1 + Math.Exp(-z)) - rows[r, m];
                for (int j = 0; j < m; j++) g[j] += residual * rows[r, j];
                g[m] += residual;
            }
            for (int j = 0; j <= m; j++) w[j] -= rate * g[j] / n;
        }
        return WithMeanLoss(rows, w);
    }
}

/// <summary>The same measurements with a stopwatch (fastest of repeated runs), for a quick table without BenchmarkDotNet.</summary>
public static class NumericsQuick
{
    public static void Run()
    {
        Console.WriteLine("2-D Rosenbrock from (-1.2, 1), compiled once (fastest of 200 solves):");
        var rosenbrock = new RosenbrockSolveBenchmarks();
        rosenbrock.Setup();
        foreach (var (name, solve) in new (string, Func<MinimizationResult>)[]
        {
            ("newton (hand)", rosenbrock.Newton), ("newton (MathNet)", rosenbrock.MathNetNewton),
            ("bfgs (hand)", rosenbrock.Bfgs), ("bfgs (MathNet)", rosenbrock.MathNetBfgs),
            ("lbfgs (hand)", rosenbrock.Lbfgs), ("lbfgs (MathNet)", rosenbrock.MathNetLbfgs),
            ("cg (hand)", rosenbrock.ConjugateGradient), ("cg (MathNet)", rosenbrock.MathNetConjugateGradient),
        })
        {
            var r = solve();
            double us = Fastest(200, () => solve()) * 1e6;
            Console.WriteLine($"  {name,-18} {r.Iterations,5} iterations {r.Evaluations,5} evaluations  {r.Reason,-16} {us,9:F1} us");
        }
        var gd = Minimize.With("gd", Objective.FromExpression(Expr.Parse("(1 - x)^2 + 100(y - x^2)^2"), "x", "y"), [-1.2, 1],
            new MinimizationOptions(Rate: 0.001, MaxIterations: 100_000, Tolerance: 1e-6));
        Console.WriteLine($"  gd rate 0.001, |g| <= 1e-6: {gd.Iterations} iterations");

        Console.WriteLine($"\nPer-iteration cost over one raw compiled gradient, Rosenbrock n = {MinimizerOverheadBenchmarks.N} ({MinimizerOverheadBenchmarks.Steps} iterations, fastest of 30):");
        var overhead = new MinimizerOverheadBenchmarks();
        overhead.Setup();
        double raw = Fastest(30, () => overhead.RawGradient());
        double hand = Fastest(30, () => overhead.HandWrittenGradientDescent());
        Console.WriteLine($"  raw gradient        {raw / MinimizerOverheadBenchmarks.Steps * 1e6,8:F2} us per call");
        Console.WriteLine($"  hand-written gd     {hand / MinimizerOverheadBenchmarks.Steps * 1e6,8:F2} us per iteration = {hand / raw:F3} gradients");
        var objective = Objective.FromCompiled(Expr.Parse(Workloads.Rosenbrock(MinimizerOverheadBenchmarks.N)).Compile(Workloads.Variables(MinimizerOverheadBenchmarks.N)));
        foreach (var method in new[] { "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "lbfgs", "cg" })
        {
            overhead.Method = method;
            overhead.Setup();
            double t = Fastest(30, () => overhead.Minimizer());
            var run = Minimize.With(method, objective, SetupStart(), new MinimizationOptions(Rate: 1e-4, Tolerance: 0, MaxIterations: MinimizerOverheadBenchmarks.Steps));
            double perEvaluation = t / run.Evaluations;
            Console.WriteLine($"  {method,-9} {t / run.Iterations * 1e6,8:F2} us per iteration = {t / run.Iterations / (raw / MinimizerOverheadBenchmarks.Steps):F3} gradients; " +
                $"{run.Evaluations} evaluations in {run.Iterations} iterations, {perEvaluation / (raw / MinimizerOverheadBenchmarks.Steps):F3} gradients per evaluation ({run.Reason})");
        }

        Console.WriteLine($"\nfit: logistic regression, {FitThroughputBenchmarks.Features} features, {FitThroughputBenchmarks.Rows} rows (fastest of 15):");
        var fit = new FitThroughputBenchmarks();
        fit.Setup();
        double handSgd = Fastest(15, () => fit.HandWrittenSgdEpoch()), fitSgd = Fastest(15, () => fit.FitSgdEpoch());
        double handFull = Fastest(15, () => fit.HandWrittenFullBatch100()), fitFull = Fastest(15, () => fit.FitFullBatch100());
        double rows = FitThroughputBenchmarks.Rows;
        Console.WriteLine($"  SGD batch 1, one epoch:   hand {rows / handSgd / 1e6,6:F2} M rows/s, fit {rows / fitSgd / 1e6,6:F2} M rows/s, time ratio {fitSgd / handSgd:F2}");
        Console.WriteLine($"  full batch, 100 steps:    hand {100 * rows / handFull / 1e6,6:F2} M rows/s, fit {100 * rows / fitFull / 1e6,6:F2} M rows/s, time ratio {fitFull / handFull:F2}");
    }

    private static double[] SetupStart()
    {
        var rnd = new Random(5);
        return Enumerable.Range(0, MinimizerOverheadBenchmarks.N).Select(_ => rnd.NextDouble() * 0.2 + 0.9).ToArray();
    }

    // The fastest of the runs: on a shared machine the others measure the neighbours too.
    private static double Fastest(int repeats, Action action)
    {
        // Warm up until the JIT has promoted the hot methods (tiered compilation waits for calls and time).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 50 || warm.ElapsedMilliseconds < 500; i++) action();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        Array.Sort(times);
        return times[0];
    }
}
