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
