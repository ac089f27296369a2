using BenchmarkDotNet.Attributes;
using Symbolic.Algebra;
using Symbolic.Calculus;

namespace Symbolic.Benchmarks;

// Each class times one workload of the issues' speed tables next to a hand-written C# baseline that
// does the least work any implementation must do on the same input (scan the text, walk the tree),
// so the Ratio column says how far the symbolic operation is from that floor.

[MemoryDiagnoser, MedianColumn]
public class ParseBenchmarks
{
    private string _text = "";

    [GlobalSetup]
    public void Setup() => _text = Workloads.BigSum();

    /// <summary>A hand-written scanner: classifies every character as a parser's lexer must.</summary>
    [Benchmark(Baseline = true)]
    public int ScanCharacters()
    {
        int tokens = 0;
        bool inToken = false;
        foreach (char c in _text)
        {
            bool word = char.IsLetterOrDigit(c) || c == '.';
            if (word && !inToken) tokens++;
            else if (!word && c != ' ') tokens++;
            inToken = word;
        }
        return tokens;
    }

    /// <summary>Text to syntax tree only (the ANTLR part).</summary>
    [Benchmark]
    public object ParseSyntax() => Syntax.SyntaxParser.ParseExpression(_text); // the syntax tree is internal

    /// <summary>Text to canonical expression: what the peers' timings measure.</summary>
    [Benchmark]
    public Expr Parse() => Expr.Parse(_text);
}

[MemoryDiagnoser, MedianColumn]
public class DerivativeBenchmarks
{
    private Expr _bigSum = null!, _tenth = null!;
    private readonly Symbol _x = Expr.Symbol("x");

    [GlobalSetup]
    public void Setup()
    {
        _bigSum = Expr.Parse(Workloads.BigSum());
        _tenth = Expr.Parse("sin(x)*exp(-x^2)/(1+x^2)");
    }

    [Benchmark(Baseline = true)]
    public long WalkBigSum() => Workloads.CountNodes(_bigSum);

    [Benchmark]
    public Expr DiffBigSum() => Differentiator.Diff(_bigSum, _x);

    [Benchmark]
    public Expr TenthDerivative() => Differentiator.Diff(_tenth, _x, 10);

    [Benchmark]
    public Expr TenthDerivativeSimplified() => Simplifier.Simplify(Differentiator.Diff(_tenth, _x, 10));

    [Benchmark]
    public Expr TaylorExpSin19() => Taylor.Expand(Expr.Parse("exp(sin(x))"), _x, Expr.Zero, 19);
}

[MemoryDiagnoser, MedianColumn]
public class GradientBenchmarks
{
    [Params(100, 1000, 10000)]
    public int N;

    private Expr _f = null!;
    private Symbol[] _vars = [];

    [GlobalSetup]
    public void Setup()
    {
        _f = Expr.Parse(Workloads.Rosenbrock(N));
        _vars = Workloads.Variables(N);
    }

    [Benchmark(Baseline = true)]
    public long WalkRosenbrock() => Workloads.CountNodes(_f);

    [Benchmark]
    public Expr[] Gradient() => Derivatives.Gradient(_f, _vars);
}

[MemoryDiagnoser, MedianColumn]
public class HessianBenchmarks
{
    private Expr _f = null!;
    private Symbol[] _vars = [];

    [GlobalSetup]
    public void Setup()
    {
        _f = Expr.Parse(Workloads.Rosenbrock(100));
        _vars = Workloads.Variables(100);
    }

    [Benchmark(Baseline = true)]
    public long WalkRosenbrock100() => Workloads.CountNodes(_f);

    [Benchmark]
    public object Hessian100() => Derivatives.Hessian(_f, _vars);
}

/// <summary>
/// Expansion through the polynomial engine (issue 6 item 10): the GiNaC figures for the same inputs, measured
/// on the same machine in the same session, are in docs/BENCHMARKS.md. The baseline only builds the input.
/// </summary>
[MemoryDiagnoser, MedianColumn]
public class ExpansionBenchmarks
{
    private Expr _four = null!, _three = null!;

    [GlobalSetup]
    public void Setup()
    {
        _four = Expr.Parse("(x+y+z+w)^30");
        _three = Expr.Parse("(x+y+z)^500");
    }

    [Benchmark(Baseline = true)]
    public Expr ParseInput() => Expr.Parse("(x+y+z+w)^30");

    /// <summary>5,456 terms.</summary>
    [Benchmark]
    public Expr ExpandFourVariablesTo30() => Expander.Expand(_four);

    /// <summary>125,751 terms with coefficients of up to 237 digits.</summary>
    [Benchmark]
    public Expr ExpandThreeVariablesTo500() => Expander.Expand(_three);
}
