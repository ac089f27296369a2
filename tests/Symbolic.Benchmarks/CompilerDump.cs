using System.Linq.Expressions;
using System.Reflection;
using Symbolic.Compilation;

namespace Symbolic.Benchmarks;

/// <summary>
/// Prints the code the compiler emits for the benchmark workloads (`dotnet run -c Release --project
/// tests/Symbolic.Benchmarks -- compiler-dump`): the System.Linq.Expressions debug view of every kernel
/// method, to see which calls a kernel really makes (how many exp and log per row, what is shared).
/// </summary>
public static class CompilerDump
{
    private static readonly PropertyInfo DebugView =
        typeof(Expression).GetProperty("DebugView", BindingFlags.NonPublic | BindingFlags.Instance)!;

    public static void Run()
    {
        KernelProgram.Observer = lambda => Console.WriteLine(DebugView.GetValue(lambda));
        try
        {
            var net = TwoLayerNetworkBenchmarks.Loss();
            Console.WriteLine($"# 2-layer network loss: {net}");
            Console.WriteLine($"# stable form: {Evaluation.StableForms.Rewrite(net)}");
            var fn = net.Compile(TwoLayerNetworkBenchmarks.Parameters, TwoLayerNetworkBenchmarks.Data);
            Console.WriteLine("# gradient kernel");
            fn.ValueAndGradient(new double[9], new double[3], new double[9]);
            Console.WriteLine("# reverse-mode gradient kernel");
            net.Compile([.. TwoLayerNetworkBenchmarks.Parameters.Select(Expr.Symbol)], [.. TwoLayerNetworkBenchmarks.Data.Select(Expr.Symbol)],
                new CompileOptions(GradientMode.Reverse)).ValueAndGradient(new double[9], new double[3], new double[9]);

            var lr = LogisticRegressionBenchmarks.Loss(3);
            Console.WriteLine($"# logistic loss (3 features): {lr.Loss}");
            var lfn = lr.Loss.Compile(lr.Variables, lr.Parameters);
            Console.WriteLine("# row-sum kernel");
            lfn.SumOverRows(new double[4], new double[8], new double[4]);
        }
        finally
        {
            KernelProgram.Observer = null;
        }
    }
}
