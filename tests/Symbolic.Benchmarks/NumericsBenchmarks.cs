using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Symbolic.Compilation;
using Symbolic.Numerics;

namespace Symbolic.Benchmarks;

// The numerics issue's speed table: each solver beside the raw compiled gradient or a hand-written loop in
// the same run. Quick numbers without BenchmarkDotNet: `dotnet run -c Release -- numerics-quick`.

/// <summary>
/// Per-iteration overhead of each method over the raw compiled gradient at n = 1,000: 100 iterations of the
/// method (tolerance 0, so none stops early) against 100 gradient calls. Two objectives: Rosenbrock, whose
/// compiled gradient costs about 1.2 ns a coordinate (as cheap as a gradient gets, so the update's own
/// arithmetic shows fully), and a chain of softplus terms, sum log(1 + e^(x_i - x_(i+1))) + x_i^2 / 2, with an
/// exponential and a logarithm per coordinate like most models of machine learning. Line-search methods may
/// evaluate more than once per iteration; BFGS (n^2 per iteration) and Newton (Hessian and Cholesky, n^3/3) are
/// of another order at this size and are left out on purpose.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class MinimizerOverheadBenchmarks
{
    public const int N = 1_000, Steps = 100;

    /// <summary>The method; "gd+ls" is gradient descent with Armijo backtracking.</summary>
    [Params("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "gd+ls", "lbfgs", "cg")]
    public string Method = "gd";

    /// <summary>The objective: "rosenbrock" or "softplus".</summary>
    [Params("rosenbrock", "softplus")]
    public string Function = "rosenbrock";

    private string _compiledFor = "";
    private Objective _objective = null!;
    private CompiledFunction _fn = null!;
    private double[] _start = [], _g = [];
    private MinimizationOptions _options = null!;

    internal Objective Objective => _objective;
    internal double[] Start => _start;
    internal MinimizationOptions Options => Method == "gd+ls" ? _options with { LineSearch = true, Rate = 1e-3 } : _options;

    internal string MethodName => Method == "gd+ls" ? "gd" : Method;

    [GlobalSetup]
    public void Setup()
    {
        if (_compiledFor == Function) return; // compiled once for every method
        _compiledFor = Function;
        _fn = Expr.Parse(Function == "softplus" ? SoftplusChain(N) : Workloads.Rosenbrock(N)).Compile(Workloads.Variables(N));
        _objective = Objective.FromCompiled(_fn);
        var rnd = new Random(5);
        _start = Enumerable.Range(0, N).Select(_ => rnd.NextDouble() * 0.2 + 0.9).ToArray();
        _g = new double[N];
        _options = new MinimizationOptions(Rate: 1e-4, Tolerance: 0, MaxIterations: Steps);
    }

    /// <summary>sum_{i=1}^{n-1} softplus(x_i - x_{i+1}) + sum_i x_i^2 / 2.</summary>
    public static string SoftplusChain(int n) =>
        string.Join(" + ", Enumerable.Range(1, n - 1).Select(i => $"softplus(x{i} - x{i + 1})")) + " + (" +
        string.Join(" + ", Enumerable.Range(1, n).Select(i => $"x{i}^2")) + ")/2";

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
    public double Minimizer() => Minimize.With(MethodName, _objective, _start, Options).Value;
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
/// 10 full-batch steps, against the same loops written by hand (shuffle, stable log-loss gradient, update).
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
    public double HandWrittenFullBatch10() => HandWrittenFit.FullBatch(_rows, steps: 10, rate: 0.5)[0];

    [Benchmark]
    public double FitFullBatch10() =>
        _problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 10, Batch: 0, Rate: 0.5)).Values[0];
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

/// <summary>The same measurements with a stopwatch (fastest of repeated runs), for a quick table without BenchmarkDotNet.
/// Sections: rosenbrock, overhead, fit (all when none is named).</summary>
public static class NumericsQuick
{
    public static void Run(string[] sections)
    {
        bool All(string name) => sections.Length == 0 || sections.Contains(name);
        if (All("rosenbrock")) Rosenbrock();
        if (All("overhead")) Overhead();
        if (All("fit")) FitThroughput();
        if (All("parts")) Parts();
        if (All("fitparts")) FitParts();
    }

    // What one SGD row costs, part by part.
    private static void FitParts()
    {
        const int repeats = 100_000;
        var (data, _) = FitThroughputBenchmarks.Data();
        var model = Expr.Parse("sigmoid(" + string.Join(" + ", Enumerable.Range(1, 10).Select(j => $"w{j}*a{j}")) + " + b)");
        string[] parameters = [.. Enumerable.Range(1, 10).Select(j => $"w{j}").Append("b")];
        var loss = Fit.LossExpression(model, Loss.Logistic, "y");
        string[] all = [.. parameters, .. data.Columns];
        var lossFn = loss.Compile(all);
        var gradFn = Expr.CompileVector(loss.Gradient(parameters), all, []);
        var gradFnP = Expr.CompileVector(loss.Gradient(parameters), parameters, data.Columns);
        var lossP = loss.Compile([.. parameters.Select(Expr.Symbol)], [.. data.Columns.Select(Expr.Symbol)]);
        var point = new double[all.Length];
        for (int i = 0; i < point.Length; i++) point[i] = 0.1 * i;
        var g = new double[all.Length];
        var theta = new double[11];
        var row = new double[11];
        var rows2 = FitThroughputBenchmarks.Data().Item2;
        Console.WriteLine("\nParts of an SGD row (ns per call):");
        Console.WriteLine($"  loss ValueAndGradient [theta|row]   {Fastest(20, () => { for (int k = 0; k < repeats; k++) lossFn.ValueAndGradient(point, g); }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  loss ValueAndGradient row as params {Fastest(20, () => { for (int k = 0; k < repeats; k++) lossP.ValueAndGradient(theta, row, g); }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  gradient vector Values [theta|row]  {Fastest(20, () => { for (int k = 0; k < repeats; k++) gradFn.Values(point, g); }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  gradient vector Values (bound row)  {Fastest(20, () => { for (int k = 0; k < repeats; k++) gradFnP.Values(theta, g); }) / repeats * 1e9,6:F1}");
        var rule = UpdateRule.For("sgd", new MinimizationOptions(Rate: 1e-9));
        Console.WriteLine($"  sgd rule Update on 11               {Fastest(20, () => { for (int k = 0; k < repeats; k++) rule.Update(theta, g, theta, k + 1, out _); }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  loss Value row as params            {Fastest(20, () => { for (int k = 0; k < repeats; k++) lossP.Value(theta, row); }) / repeats * 1e9,6:F1}");
        var problem = Fit.Prepare(model, parameters, data, Loss.Logistic);
        double e0 = Fastest(20, () => problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 0, Rate: 0.01)));
        double e1 = Fastest(20, () => problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 1, Rate: 0.01)));
        double e2 = Fastest(20, () => problem.Run(new FitOptions(Loss: Loss.Logistic, Epochs: 2, Rate: 0.01)));
        int[] order = [.. Enumerable.Range(0, data.Rows)];
        var rnd = new Random(1);
        double shuffle = Fastest(20, () => rnd.Shuffle(order));
        Console.WriteLine($"  fit run, per row: 0 epochs {e0 / data.Rows * 1e9:F1}, 1 epoch {e1 / data.Rows * 1e9:F1}, 2 epochs {e2 / data.Rows * 1e9:F1}; shuffle {shuffle / data.Rows * 1e9:F1}");
        var src = data.RowMajor;
        var kernel = Kernels.Values(Symbolic.Calculus.Derivatives.Gradient(Symbolic.Evaluation.StableForms.Rewrite(lossP.Expression), lossP.Variables), lossP.Variables, lossP.Parameters);
        var valueKernel = Kernels.Value(Symbolic.Evaluation.StableForms.Rewrite(lossP.Expression), lossP.Variables, lossP.Parameters);
        var byRow = Enumerable.Range(0, data.Rows).Select(r => src.AsSpan(r * 11, 11).ToArray()).ToArray();
        var sumG = new double[11];
        Console.WriteLine($"  gradient kernel, all rows in order  {Fastest(100, () => { foreach (var rr in byRow) { kernel.Run(theta, rr, [], g); for (int i = 0; i < 11; i++) sumG[i] += g[i]; } }) / data.Rows * 1e9,6:F1}");
        Console.WriteLine($"  value kernel, all rows in order     {Fastest(100, () => { double t = 0; foreach (var rr in byRow) t += valueKernel.Run(theta, rr, [], []); sumG[0] += t; }) / data.Rows * 1e9,6:F1}");
        Console.WriteLine($"  hand-written gradient, all rows     {Fastest(100, () => { var r2 = rows2; for (int r = 0; r < 10000; r++) { double z = theta[10]; for (int j = 0; j < 10; j++) z += theta[j] * r2[r, j]; double res = 1 / (1 + Math.Exp(-z)) - r2[r, 10]; for (int j = 0; j < 10; j++) sumG[j] += res * r2[r, j]; sumG[10] += res; } }) / data.Rows * 1e9,6:F1}");
        Console.WriteLine($"  dependent row: copy, call, rule     {Fastest(20, () => { for (int k = 0; k < repeats; k++) { src.AsSpan((k % 10000) * 11, 11).CopyTo(row); lossP.ValueAndGradient(theta, row, g); rule.Update(theta, g, theta, k + 1, out _); } }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  dependent row: copy, call, loop     {Fastest(20, () => { for (int k = 0; k < repeats; k++) { src.AsSpan((k % 10000) * 11, 11).CopyTo(row); lossP.ValueAndGradient(theta, row, g); for (int i = 0; i < 11; i++) theta[i] -= 1e-9 * g[i]; } }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  independent row: copy, call         {Fastest(20, () => { for (int k = 0; k < repeats; k++) { src.AsSpan((k % 10000) * 11, 11).CopyTo(row); lossP.ValueAndGradient(theta, row, g); } }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  hand-written row (sequential)       {Fastest(20, () => { var w = new double[11]; for (int k = 0; k < repeats; k++) { int r = k % 10000; double z = w[10]; for (int j = 0; j < 10; j++) z += w[j] * rows2[r, j]; double res = 1 / (1 + Math.Exp(-z)) - rows2[r, 10]; for (int j = 0; j < 10; j++) w[j] -= 0.01 * res * rows2[r, j]; w[10] -= 0.01 * res; } }) / repeats * 1e9,6:F1}");
        Console.WriteLine($"  copy a row (span)                   {Fastest(20, () => { for (int k = 0; k < repeats; k++) src.AsSpan((k % 1000) * 11, 11).CopyTo(point.AsSpan(11)); }) / repeats * 1e9,6:F1}");
    }

    // What one first-order iteration is made of, each part alone at n = 1,000: the raw gradient, and one pass of each rule.
    private static void Parts()
    {
        const int n = MinimizerOverheadBenchmarks.N, repeats = 1000;
        var overhead = new MinimizerOverheadBenchmarks();
        overhead.Setup();
        var x = (double[])overhead.Start.Clone();
        var g = new double[n];
        var next = new double[n];
        overhead.Objective.ValueAndGradient(x, g);
        Console.WriteLine($"\nParts of an iteration at n = {n} (fastest of 40 runs of {repeats}):");
        double raw = Fastest(40, () => { for (int k = 0; k < repeats; k++) overhead.Objective.ValueAndGradient(x, g); }) / repeats;
        Console.WriteLine($"  gradient (through Objective)  {raw * 1e9,8:F0} ns");
        double dot = Fastest(40, () => { for (int k = 0; k < repeats; k++) Vectors.Norm(g); }) / repeats;
        Console.WriteLine($"  norm                          {dot * 1e9,8:F0} ns = {dot / raw,6:P1} of the gradient");
        foreach (var method in new[] { "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam" })
        {
            var rule = UpdateRule.For(method, new MinimizationOptions(Rate: 1e-9));
            rule.Reset(n);
            double t = Fastest(40, () => { for (int k = 0; k < repeats; k++) rule.Update(x, g, next, k + 1, out _); }) / repeats;
            Console.WriteLine($"  {method,-9} pass               {t * 1e9,8:F0} ns = {t / raw,6:P1} of the gradient");
        }
    }

    private static void Rosenbrock()
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
    }

    private static void Overhead()
    {
        const int steps = MinimizerOverheadBenchmarks.Steps;
        var overhead = new MinimizerOverheadBenchmarks();
        foreach (var function in new[] { "rosenbrock", "softplus" })
        {
            overhead.Function = function;
            overhead.Method = "gd";
            overhead.Setup();
            Console.WriteLine($"\nPer-iteration cost over the raw compiled gradient, {function} n = {MinimizerOverheadBenchmarks.N} ({steps} iterations;" +
                " each method timed alternately with the raw calls, fastest of 40 each):");
            Console.WriteLine("  overhead = time / (evaluations x raw gradient) - 1: all that is not computing f and its gradient");
            var (raw, hand) = Alternating(40, () => overhead.RawGradient(), () => overhead.HandWrittenGradientDescent());
            double call = raw / steps;
            Console.WriteLine($"  raw gradient        {call * 1e6,8:F2} us per call");
            Console.WriteLine($"  hand-written gd     {hand / steps * 1e6,8:F2} us per iteration, overhead {hand / (steps * call) - 1,7:P1}");
            foreach (var method in new[] { "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "gd+ls", "lbfgs", "cg" })
            {
                overhead.Method = method;
                overhead.Setup();
                var run = Minimize.With(overhead.MethodName, overhead.Objective, overhead.Start, overhead.Options);
                var (r, t) = Alternating(40, () => overhead.RawGradient(), () => overhead.Minimizer());
                call = r / steps;
                Console.WriteLine($"  {method,-9} {t / run.Iterations * 1e6,8:F2} us per iteration, {run.Evaluations,3} evaluations in {run.Iterations,3} iterations" +
                    $" ({run.Reason}), overhead {t / (run.Evaluations * call) - 1,7:P1}");
            }
        }
    }

    private static void FitThroughput()
    {
        Console.WriteLine($"\nfit: logistic regression, {FitThroughputBenchmarks.Features} features, {FitThroughputBenchmarks.Rows} rows (alternating; fastest of 100 runs each):");
        var fit = new FitThroughputBenchmarks();
        fit.Setup();
        var (handSgd, fitSgd) = Alternating(100, () => fit.HandWrittenSgdEpoch(), () => fit.FitSgdEpoch());
        var (handFull, fitFull) = Alternating(100, () => fit.HandWrittenFullBatch10(), () => fit.FitFullBatch10());
        double rows = FitThroughputBenchmarks.Rows;
        Console.WriteLine($"  SGD batch 1, one epoch:   hand {rows / handSgd / 1e6,6:F2} M rows/s, fit {rows / fitSgd / 1e6,6:F2} M rows/s, time ratio {fitSgd / handSgd:F2}");
        Console.WriteLine($"  full batch, 10 steps:     hand {10 * rows / handFull / 1e6,6:F2} M rows/s, fit {10 * rows / fitFull / 1e6,6:F2} M rows/s, time ratio {fitFull / handFull:F2}");
    }

    // The fastest of the runs: on a shared machine the others measure the neighbours too.
    private static double Fastest(int repeats, Action action) => Alternating(repeats, action, () => { }).A;

    // Two measurements taken in turns, so that a busy spell of the machine slows both; the fastest of each.
    private static (double A, double B) Alternating(int repeats, Action a, Action b)
    {
        // Warm up until the JIT has promoted the hot methods (tiered compilation waits for calls and time).
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < 50 || warm.ElapsedMilliseconds < 500; i++) { a(); b(); }
        double bestA = double.MaxValue, bestB = double.MaxValue;
        for (int i = 0; i < repeats; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            a();
            bestA = Math.Min(bestA, Stopwatch.GetElapsedTime(t0).TotalSeconds);
            t0 = Stopwatch.GetTimestamp();
            b();
            bestB = Math.Min(bestB, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return (bestA, bestB);
    }
}
