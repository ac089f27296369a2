using System.Text;
using BenchmarkDotNet.Attributes;
using Symbolic.Syntax;

namespace Symbolic.Benchmarks;

/// <summary>Text to syntax tree for one long expression (about 200,000 characters, 7,000 terms).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string _sum = "";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        for (int i = 0; text.Length < 200_000; i++)
        {
            if (i > 0) text.Append(" + ");
            text.Append($"{i % 9 + 1}.5*x^2*sin(1.5*y+0.{i}) + 2*exp(-(x-1.5)^2)/(1+y^{i % 5})");
        }
        _sum = text.ToString();
    }

    [Benchmark]
    public ExprSyntax ParseExpression_LongSum() => SyntaxParser.ParseExpression(_sum);

    [Benchmark]
    public int ParseStatements_LongSum() => SyntaxParser.ParseStatements(_sum).Count;
}
