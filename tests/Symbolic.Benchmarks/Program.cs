using BenchmarkDotNet.Running;

namespace Symbolic.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["numerics-quick", .. var sections]) NumericsQuick.Run(sections);
        else if (args is ["parse-profile"]) ParseProfile.Run();
        else if (args is ["parse-loop", var what, var seconds, .. var runs])
            ParseQuick.Loop(what, double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), runs is [var r] ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue);
        else if (args is ["parse-quick", ..]) ParseQuick.Run(args.Length > 1 ? args[1] : null);
        else if (args is ["compiler-quick", .. var options])
        {
            // "fma": the same tables with fused multiply-adds on (off by default), to see what they bring; "batch": only the batch table
            if (options.Contains("fma")) Symbolic.Compilation.FusedMultiplyAdd.Enabled = true;
            CompilerQuick.Run(batchOnly: options.Contains("batch"));
        }
        else if (args is ["compiler-dump"]) CompilerDump.Run();
        else if (args is ["simd-probe"]) SimdProbe.Run();
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
