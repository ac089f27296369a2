using BenchmarkDotNet.Attributes;
using Symbolic.Compilation;

namespace Symbolic.Benchmarks;

/// <summary>
/// Compiled Rosenbrock value and gradient against the loop a careful engineer writes by hand, in the
/// same run: the Ratio column is the compiler's cost over hand-written C#.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class RosenbrockGradientBenchmarks
{
    [Params(100, 1_000, 10_000)]
    public int N;

    private CompiledFunction _fn = null!;
    private double[] _x = [], _g = [];

    [GlobalSetup]
    public void Setup()
    {
        _fn = Expr.Parse(Workloads.Rosenbrock(N)).Compile(Workloads.Variables(N));
        var rnd = new Random(1);
        _x = Enumerable.Range(0, N).Select(_ => rnd.NextDouble() * 2 - 1).ToArray();
        _g = new double[N];
    }

    [Benchmark(Baseline = true)]
    public double HandWritten() => HandWrittenRosenbrock.ValueAndGradient(_x, _g);

    [Benchmark]
    public double Compiled() => _fn.ValueAndGradient(_x, _g);
}

/// <summary>The Hessian at n = 100 and the Hessian-vector product at n = 10,000, against hand-written code.</summary>
[MemoryDiagnoser, MedianColumn]
public class RosenbrockHessianBenchmarks
{
    private CompiledFunction _small = null!, _large = null!;
    private double[] _x100 = [], _h = [], _x = [], _v = [], _hv = [];

    [GlobalSetup]
    public void Setup()
    {
        _small = Expr.Parse(Workloads.Rosenbrock(100)).Compile(Workloads.Variables(100));
        _large = Expr.Parse(Workloads.Rosenbrock(10_000)).Compile(Workloads.Variables(10_000));
        var rnd = new Random(2);
        _x100 = Enumerable.Range(0, 100).Select(_ => rnd.NextDouble()).ToArray();
        _h = new double[100 * 100];
        _x = Enumerable.Range(0, 10_000).Select(_ => rnd.NextDouble()).ToArray();
        _v = Enumerable.Range(0, 10_000).Select(_ => rnd.NextDouble()).ToArray();
        _hv = new double[10_000];
    }

    [Benchmark(Baseline = true)]
    public void HandWrittenHessian100() => HandWrittenRosenbrock.Hessian(_x100, _h);

    [Benchmark]
    public void CompiledHessian100() => _small.Hessian(_x100, _h);

    [Benchmark]
    public void HandWrittenHessianVector10000() => HandWrittenRosenbrock.HessianVector(_x, _v, _hv);

    [Benchmark]
    public void CompiledHessianVector10000() => _large.HessianVectorProduct(_x, _v, _hv);
}

/// <summary>Compile time of value + gradient + Hessian for n = 100.</summary>
[MemoryDiagnoser, MedianColumn]
public class CompileTimeBenchmarks
{
    private Expr _f = null!;

    [GlobalSetup]
    public void Setup() => _f = Expr.Parse(Workloads.Rosenbrock(100));

    [Benchmark]
    public void CompileValueGradientHessian100()
    {
        var fn = _f.Compile(Workloads.Variables(100));
        var x = new double[100];
        fn.ValueAndGradient(x, new double[100]);
        fn.Hessian(x, new double[100 * 100]);
    }
}

/// <summary>The Rosenbrock function, its gradient, Hessian and Hessian-vector product written by hand.</summary>
public static class HandWrittenRosenbrock
{
    public static double ValueAndGradient(double[] x, double[] g)
    {
        int n = x.Length;
        Array.Clear(g);
        double f = 0;
        for (int i = 0; i < n - 1; i++)
        {
            double xi = x[i], t = x[i + 1] - xi * xi, u = 1 - xi;
            f += 100 * t * t + u * u;
            g[i] += -400 * t * xi - 2 * u;
            g[i + 1] += 200 * t;
        }
        return f;
    }

    public static void Hessian(double[] x, double[] h)
    {
        int n = x.Length;
        Array.Clear(h);
        for (int i = 0; i < n - 1; i++)
        {
            double xi = x[i];
            h[i * n + i] += 1200 * xi * xi - 400 * x[i + 1] + 2;
            h[i * n + i + 1] = h[(i + 1) * n + i] = -400 * xi;
            h[(i + 1) * n + i + 1] += 200;
        }
    }

    public static void HessianVector(double[] x, double[] v, double[] hv)
    {
        int n = x.Length;
        Array.Clear(hv);
        for (int i = 0; i < n - 1; i++)
        {
            double xi = x[i];
            double d = 1200 * xi * xi - 400 * x[i + 1] + 2, o = -400 * xi;
            hv[i] += d * v[i] + o * v[i + 1];
            hv[i + 1] += o * v[i] + 200 * v[i + 1];
        }
    }
}

/// <summary>Reverse-mode gradient over value, Rosenbrock: the sweep's cost as a multiple of the function's.</summary>
[MemoryDiagnoser, MedianColumn]
public class ReverseModeCostBenchmarks
{
    [Params(10, 100, 1_000, 10_000)]
    public int N;

    private CompiledFunction _fn = null!;
    private double[] _x = [], _g = [];

    [GlobalSetup]
    public void Setup()
    {
        _fn = Expr.Parse(Workloads.Rosenbrock(N)).Compile(Workloads.Variables(N), [], new CompileOptions(GradientMode.Reverse));
        _x = Enumerable.Range(0, N).Select(i => Math.Sin(i)).ToArray();
        _g = new double[N];
    }

    [Benchmark(Baseline = true)]
    public double Value() => _fn.Value(_x);

    [Benchmark]
    public double ReverseGradient() => _fn.ValueAndGradient(_x, _g);
}

/// <summary>Logistic regression: mean log loss and gradient over 1,000 rows of 10 features, against a hand-written loop.</summary>
[MemoryDiagnoser, MedianColumn]
public class LogisticRegressionBenchmarks
{
    private const int Rows = 1_000, Features = 10;
    private CompiledFunction _loss = null!;
    private double[,] _data = new double[0, 0];
    private double[] _flat = [], _w = [], _g = [];

    [GlobalSetup]
    public void Setup()
    {
        var (loss, vars, pars) = Loss(Features);
        _loss = loss.Compile(vars, pars);
        var rnd = new Random(3);
        _data = new double[Rows, Features + 1];
        for (int r = 0; r < Rows; r++)
        {
            for (int j = 0; j < Features; j++) _data[r, j] = rnd.NextDouble() * 2 - 1;
            _data[r, Features] = rnd.Next(2);
        }
        _flat = new double[_data.Length];
        Buffer.BlockCopy(_data, 0, _flat, 0, _flat.Length * sizeof(double));
        _w = Enumerable.Range(0, Features + 1).Select(_ => rnd.NextDouble() - 0.5).ToArray();
        _g = new double[Features + 1];
    }

    /// <summary>The per-row log loss of logistic regression with <paramref name="features"/> features.</summary>
    internal static (Expr Loss, string[] Variables, string[] Parameters) Loss(int features)
    {
        var z = string.Join(" + ", Enumerable.Range(1, features).Select(j => $"w{j}*a{j}")) + " + b";
        var loss = Expr.Parse($"-(t*log(sigmoid({z})) + (1 - t)*log(1 - sigmoid({z})))");
        var vars = Enumerable.Range(1, features).Select(j => $"w{j}").Append("b").ToArray();
        var pars = Enumerable.Range(1, features).Select(j => $"a{j}").Append("t").ToArray();
        return (loss, vars, pars);
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        Array.Clear(_g);
        double total = 0;
        for (int r = 0; r < Rows; r++)
        {
            double z = _w[Features];
            for (int j = 0; j < Features; j++) z += _w[j] * _data[r, j];
            double t = _data[r, Features];
            // stable log loss from the logit, softplus(z) - t z, and the residual sigmoid(z) - t, sharing one exp
            double e = Math.Exp(-Math.Abs(z));
            total += Math.Max(z, 0) - t * z + Math.Log(1 + e);
            double residual = (z >= 0 ? 1 : e) / (1 + e) - t;
            for (int j = 0; j < Features; j++) _g[j] += residual * _data[r, j];
            _g[Features] += residual;
        }
        for (int j = 0; j <= Features; j++) _g[j] /= Rows;
        return total / Rows;
    }

    [Benchmark]
    public double Compiled()
    {
        double total = _loss.SumOverRows(_w, _flat, _g);
        for (int j = 0; j <= Features; j++) _g[j] /= Rows;
        return total / Rows;
    }
}

/// <summary>The course notes' 2-layer network (2 inputs, 2 sigmoid hidden units, sigmoid output, log loss):
/// gradient with respect to its 9 parameters, against hand-written backpropagation.</summary>
[MemoryDiagnoser, MedianColumn]
public class TwoLayerNetworkBenchmarks
{
    private CompiledFunction _fn = null!;
    private readonly double[] _theta = [0.15, -0.2, 0.05, 0.3, 0.25, -0.1, 0.4, -0.35, 0.2];
    private readonly double[] _g = new double[9];
    // One example (inputs and label). Fields, not constants: the compiled function reads them from its bound
    // parameters, and hand-written training code reads them from a data row; a const label would let the JIT
    // fold t z into z and 1 - t into 0.
    private readonly double _x1 = 0.6, _x2 = -0.4, _t = 1;

    internal static readonly string[] Parameters = ["w11", "w12", "b1", "w21", "w22", "b2", "v1", "v2", "c"];
    internal static readonly string[] Data = ["x1", "x2", "t"];

    /// <summary>The network's log loss on one example (inputs x1, x2, label t).</summary>
    internal static Expr Loss()
    {
        var h1 = "sigmoid(w11*x1 + w12*x2 + b1)";
        var h2 = "sigmoid(w21*x1 + w22*x2 + b2)";
        var y = $"sigmoid(v1*{h1} + v2*{h2} + c)";
        return Expr.Parse($"-(t*log({y}) + (1 - t)*log(1 - {y}))");
    }

    [GlobalSetup]
    public void Setup()
    {
        _fn = Loss().Compile(Parameters, Data).Bind([_x1, _x2, _t]);
        _reverse = Loss().Compile([.. Parameters.Select(Expr.Symbol)], [.. Data.Select(Expr.Symbol)], new CompileOptions(GradientMode.Reverse)).Bind([_x1, _x2, _t]);
    }

    private CompiledFunction _reverse = null!;

    /// <summary>The same gradient by a reverse sweep (the option, for comparison with the default).</summary>
    [Benchmark]
    public double CompiledReverse() => _reverse.ValueAndGradient(_theta, _g);

    /// <summary>
    /// Backpropagation as a careful engineer writes it: sigmoid as 1/(1 + e^-a) (no overflow: e^-a = inf gives 0),
    /// the log loss from the output's logit z as max(z, 0) - t z + log(1 + e^-|z|), stable for any z, with that
    /// exp shared by the output's sigmoid, and sigmoid' = s (1 - s) from the forward values: 3 exp, 1 log,
    /// 3 divisions.
    /// </summary>
    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var p = _theta;
        double x1 = _x1, x2 = _x2, t = _t;
        double h1 = 1 / (1 + Math.Exp(-(p[0] * x1 + p[1] * x2 + p[2])));
        double h2 = 1 / (1 + Math.Exp(-(p[3] * x1 + p[4] * x2 + p[5])));
        double z = p[6] * h1 + p[7] * h2 + p[8];
        double e = Math.Exp(-Math.Abs(z));
        double loss = Math.Max(z, 0) - t * z + Math.Log(1 + e);
        double dz = (z >= 0 ? 1 : e) / (1 + e) - t;
        double d1 = dz * p[6] * h1 * (1 - h1), d2 = dz * p[7] * h2 * (1 - h2);
        _g[0] = d1 * x1; _g[1] = d1 * x2; _g[2] = d1;
        _g[3] = d2 * x1; _g[4] = d2 * x2; _g[5] = d2;
        _g[6] = dz * h1; _g[7] = dz * h2; _g[8] = dz;
        return loss;
    }

    [Benchmark]
    public double Compiled() => _fn.ValueAndGradient(_theta, _g);
}

/// <summary>
/// Batch evaluation (<see cref="CompiledFunction.Values(double[,], Span{double})"/>) over the rows of a matrix:
/// a hand-written loop, the compiled scalar kernel (SIMD off) and the SIMD kernel (several rows at once).
/// The arithmetic Rosenbrock function of two variables and a Gaussian bump with exp; 1,000 rows run on one
/// thread, 100,000 rows are spread across cores in blocks of 1,024 (the hand-written loop stays on one).
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class BatchValuesBenchmarks
{
    [Params("rosenbrock", "gaussian")]
    public string Function = "rosenbrock";

    [Params(1_000, 100_000)]
    public int Rows;

    private CompiledFunction _scalar = null!, _simd = null!;
    private double[,] _points = new double[0, 0];
    private double[] _values = [];

    internal static string Text(string function) => function switch
    {
        "rosenbrock" => "100*(y - x^2)^2 + (1 - x)^2",
        _ => "exp(-(x^2 + y^2)/2)*(x*y + 1)/(1 + x^2 + y^2)",
    };

    [GlobalSetup]
    public void Setup()
    {
        var f = Expr.Parse(Text(Function));
        Symbol[] xy = [Expr.Symbol("x"), Expr.Symbol("y")];
        _scalar = f.Compile(xy, [], new CompileOptions(Simd: false));
        _simd = f.Compile(xy, [], new CompileOptions(Simd: true));
        var rnd = new Random(4);
        _points = new double[Rows, 2];
        for (int r = 0; r < Rows; r++) (_points[r, 0], _points[r, 1]) = (rnd.NextDouble() * 4 - 2, rnd.NextDouble() * 4 - 2);
        _values = new double[Rows];
    }

    [Benchmark(Baseline = true)]
    public double HandWritten()
    {
        var p = _points;
        var v = _values;
        if (Function == "rosenbrock")
        {
            for (int r = 0; r < v.Length; r++)
            {
                double x = p[r, 0], y = p[r, 1], a = y - x * x, b = 1 - x;
                v[r] = 100 * a * a + b * b;
            }
        }
        else
        {
            for (int r = 0; r < v.Length; r++)
            {
                double x = p[r, 0], y = p[r, 1], s = x * x + y * y;
                v[r] = Math.Exp(-s / 2) * (x * y + 1) / (1 + s);
            }
        }
        return v[^1];
    }

    [Benchmark]
    public double CompiledScalar()
    {
        _scalar.Values(_points, _values);
        return _values[^1];
    }

    [Benchmark]
    public double CompiledSimd()
    {
        _simd.Values(_points, _values);
        return _values[^1];
    }
}
