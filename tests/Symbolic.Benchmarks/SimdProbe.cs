using System.Diagnostics;
using Symbolic.Compilation;

namespace Symbolic.Benchmarks;

/// <summary>Times the SIMD kernel alone (columns ready) against the whole batch call, to see where a batch's time goes.</summary>
public static class SimdProbe
{
    private static double Best(Func<double> work)
    {
        double best = double.MaxValue;
        for (int round = 0; round < 200; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int k = 0; k < 50; k++) work();
            best = Math.Min(best, sw.Elapsed.TotalNanoseconds / 50 / 1000);
        }
        return best;
    }

    public static void Run()
    {
        foreach (var function in new[] { "rosenbrock", "gaussian" })
        {
            var f = Expr.Parse(BatchValuesBenchmarks.Text(function));
            Symbol[] xy = [Expr.Symbol("x"), Expr.Symbol("y")];
            var kernel = VectorKernels.TryValues(f, xy, [])!;
            const int rows = 1000;
            var rnd = new Random(4);
            var columns = new double[rows, 2];
            for (int r = 0; r < rows; r++) (columns[r, 0], columns[r, 1]) = (rnd.NextDouble() * 4 - 2, rnd.NextDouble() * 4 - 2);
            var output = new double[rows];
            double best = double.MaxValue;
            for (int round = 0; round < 200; round++)
            {
                var sw = Stopwatch.StartNew();
                for (int k = 0; k < 100; k++) kernel(columns, 0, [], output, rows);
                best = Math.Min(best, sw.Elapsed.TotalNanoseconds / 100 / rows);
            }
            var b = new BatchValuesBenchmarks { Function = function, Rows = rows };
            b.Setup();
            Console.WriteLine($"{function}: SIMD kernel alone {best:F2} ns per row; hand-written {Best(b.HandWritten):F2}, scalar batch {Best(b.CompiledScalar):F2}, SIMD batch {Best(b.CompiledSimd):F2}");
        }
    }
}
