using System.Diagnostics;
using Symbolic.Compilation;

namespace Symbolic.Benchmarks;

/// <summary>
/// A quick pass over the compiler benchmarks (`dotnet run -c Release --project tests/Symbolic.Benchmarks
/// -- compiler-quick`): the same workloads and hand-written baselines as the BenchmarkDotNet classes, each
/// pair timed alternately in one process and reported as a ratio (best of 25 short rounds, in the thread's CPU
/// time, so time spent preempted by other jobs does not count), for a check on a busy machine. BenchmarkDotNet
/// remains the reference.
/// </summary>
public static class CompilerQuick
{
    public static void Run(bool batchOnly = false)
    {
        if (batchOnly)
        {
            Batch();
            return;
        }
        Console.WriteLine("workload                                   hand-written      compiled    ratio");
        foreach (int n in new[] { 100, 1_000, 10_000 })
        {
            var b = new RosenbrockGradientBenchmarks { N = n };
            b.Setup();
            Report($"Rosenbrock value + gradient, n = {n:N0}", b.HandWritten, b.Compiled);
        }
        var h = new RosenbrockHessianBenchmarks();
        h.Setup();
        Report("Rosenbrock Hessian, n = 100", () => { h.HandWrittenHessian100(); return 0; }, () => { h.CompiledHessian100(); return 0; });
        Report("Rosenbrock Hessian-vector, n = 10,000", () => { h.HandWrittenHessianVector10000(); return 0; }, () => { h.CompiledHessianVector10000(); return 0; });
        var lr = new LogisticRegressionBenchmarks();
        lr.Setup();
        Report("logistic loss + gradient, 1,000 x 10", lr.HandWritten, lr.Compiled);
        var net = new TwoLayerNetworkBenchmarks();
        net.Setup();
        Report("2-layer network gradient (9 parameters)", net.HandWritten, net.Compiled);
        Report("2-layer network gradient, reverse mode", net.HandWritten, net.CompiledReverse);

        Console.WriteLine();
        Console.WriteLine("reverse-mode gradient over value (Rosenbrock)");
        foreach (int n in new[] { 10, 100, 1_000, 10_000 })
        {
            var r = new ReverseModeCostBenchmarks { N = n };
            r.Setup();
            Report($"n = {n:N0}", r.Value, r.ReverseGradient, "value", "gradient");
        }

        Console.WriteLine();
        Batch();

        Console.WriteLine();
        foreach (int n in new[] { 100, 1_000, 10_000 })
        {
            var f = Expr.Parse(Workloads.Rosenbrock(n));
            var vars = Workloads.Variables(n);
            var sw = Stopwatch.StartNew();
            var fn = f.Compile(vars);
            var x = new double[n];
            fn.ValueAndGradient(x, new double[n]);
            if (n <= 1_000) fn.Hessian(x, new double[n * n]);
            Console.WriteLine($"compile value + gradient{(n <= 1_000 ? " + Hessian" : "")}, n = {n:N0}: {sw.Elapsed.TotalMilliseconds:N1} ms");
        }
    }

    private static void Report(string name, Func<double> baseline, Func<double> measured, string a = "hand-written", string b = "compiled")
    {
        double best0 = double.MaxValue, best1 = double.MaxValue;
        // many short rounds, alternating: on a shared machine the best round is the one least disturbed
        for (int round = 0; round < 25; round++)
        {
            best0 = Math.Min(best0, Time(baseline));
            best1 = Math.Min(best1, Time(measured));
        }
        Console.WriteLine($"{name,-42} {Format(best0),12} {Format(best1),12} {best1 / best0,8:F2}");
    }

    private static void Batch()
    {
        Console.WriteLine("batch values: rows per second of a hand-written loop, the compiled scalar loop and the SIMD kernel (ratios: time over hand-written)");
        Console.WriteLine("(1,000 rows: one thread, thread CPU time; 100,000 rows: blocks of 1,024 on all cores, wall clock)");
        foreach (var function in new[] { "rosenbrock", "gaussian" })
            foreach (int rows in new[] { 1_000, 100_000 })
            {
                var b = new BatchValuesBenchmarks { Function = function, Rows = rows };
                b.Setup();
                Func<Func<double>, double> time = rows <= 1_000 ? Time : WallTime;
                double hand = double.MaxValue, scalar = double.MaxValue, simd = double.MaxValue;
                for (int round = 0; round < 15; round++)
                {
                    hand = Math.Min(hand, time(b.HandWritten));
                    scalar = Math.Min(scalar, time(b.CompiledScalar));
                    simd = Math.Min(simd, time(b.CompiledSimd));
                }
                Console.WriteLine($"{function,-10} {rows,8:N0} rows: {Rate(rows, hand)} {Rate(rows, scalar)} {Rate(rows, simd)}  scalar {scalar / hand:F2}  SIMD {simd / hand:F2}");
            }
    }

    private static string Rate(int rows, double ns) => $"{rows / ns * 1e3,8:N1} M/s";

    private static double WallTime(Func<double> work)
    {
        double sink = 0;
        int reps = 1;
        var sw = Stopwatch.StartNew();
        while (true)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) sink += work();
            if (sw.Elapsed.TotalMilliseconds >= 3) return sw.Elapsed.TotalNanoseconds / reps + (sink == 1.2345 ? 1 : 0);
            reps *= 2;
        }
    }

    // Thread CPU time (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), so time the thread spends preempted on a
    // machine shared with other jobs does not count; elsewhere the wall clock.
    private static double Time(Func<double> work)
    {
        double sink = 0;
        int reps = 1;
        while (true)
        {
            double start = Now();
            for (int i = 0; i < reps; i++) sink += work();
            double elapsed = Now() - start;
            if (elapsed >= 2e6) return elapsed / reps + (sink == 1.2345 ? 1 : 0);
            reps *= 2;
        }
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds, Nanoseconds; }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static readonly bool ThreadClock = OperatingSystem.IsLinux() && ClockGetTime(3, out _) == 0;

    /// <summary>Nanoseconds of this thread's CPU time (Linux), else of the wall clock.</summary>
    private static double Now()
    {
        if (ThreadClock && ClockGetTime(3, out var t) == 0) return t.Seconds * 1e9 + t.Nanoseconds;
        return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
    }

    private static string Format(double ns) => ns >= 1e6 ? $"{ns / 1e6:N2} ms" : ns >= 1e3 ? $"{ns / 1e3:N2} us" : $"{ns:N0} ns";
}
