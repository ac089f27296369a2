using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;

namespace Symbolic.Benchmarks;

/// <summary>
/// Passes on the shared graph: the gradient of the layered sigmoid network (2 inputs, 2 units per
/// layer, fixed weights) with respect to its inputs, at depth 5, 10, 20 and 40. As a tree the
/// gradient doubles with every layer (2^40 nodes at depth 40); as a graph it grows by a constant,
/// and the passes must follow the graph. The baseline walks the distinct nodes once, the least any
/// pass must do; the DistinctNodes column is the size of the gradient that each pass works on.
/// </summary>
[MemoryDiagnoser, MedianColumn]
[Config(typeof(NodeCountConfig))]
public class LayeredNetworkBenchmarks
{
    [Params(5, 10, 20, 40)]
    public int Depth;

    private Expr _output = null!, _gradient = null!;
    private readonly Symbol[] _inputs = [Expr.Symbol("x"), Expr.Symbol("y")];

    [GlobalSetup]
    public void Setup()
    {
        _output = LayeredNetwork.Output(Depth);
        _gradient = LayeredNetwork.InputGradient(Depth)[0];
    }

    [Benchmark(Baseline = true)]
    public int WalkDistinctNodes() => Expr.CountDistinctNodes(_gradient, null);

    [Benchmark]
    public Expr[] Differentiate() => Derivatives.Gradient(_output, _inputs);

    [Benchmark]
    public double Evaluate() => Interpreter.Evaluate(_gradient, LayeredNetwork.Point);

    [Benchmark]
    public Expr Simplify() => Simplifier.Simplify(_gradient);

    private sealed class NodeCountConfig : ManualConfig
    {
        public NodeCountConfig() => AddColumn(new DistinctNodesColumn());
    }

    /// <summary>The distinct nodes of the gradient at the benchmark's depth.</summary>
    private sealed class DistinctNodesColumn : IColumn
    {
        public string Id => nameof(DistinctNodesColumn);
        public string ColumnName => "DistinctNodes";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Params;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Distinct nodes of the network's gradient d/dx (a shared subexpression counts once)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            benchmarkCase.Parameters["Depth"] is int depth
                ? LayeredNetwork.InputGradient(depth)[0].DistinctNodeCount.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "?";
    }
}
