using BenchmarkDotNet.Running;

namespace Symbolic.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["numerics-quick"]) NumericsQuick.Run();
        else if (args is ["compiler-quick"]) CompilerQuick.Run();
        else if (args is ["parse-profile"]) ParseProfile.Run();
        else if (args is ["parse-quick", ..]) ParseQuick.Run(args.Length > 1 ? args[1] : null);
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
