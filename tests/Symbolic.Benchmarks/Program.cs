using BenchmarkDotNet.Running;

namespace Symbolic.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["numerics-quick", .. var sections]) NumericsQuick.Run(sections);
        else if (args is ["compiler-quick"]) CompilerQuick.Run();
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
