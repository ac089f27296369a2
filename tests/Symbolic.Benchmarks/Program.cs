using BenchmarkDotNet.Running;

namespace Symbolic.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["numerics-quick"]) NumericsQuick.Run();
        else if (args is ["compiler-quick"]) CompilerQuick.Run();
        else if (args is ["compiler-dump"]) CompilerDump.Run();
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
