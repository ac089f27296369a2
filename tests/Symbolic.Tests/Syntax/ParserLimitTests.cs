using System.Text;
using Symbolic.Syntax;

namespace Symbolic.Tests.Syntax;

public class ParserLimitTests
{
    private static string Nested(int depth, string inner = "x") =>
        new string('(', depth) + inner + new string(')', depth);

    [Fact]
    public void ParseExpression_5000NestedParentheses_Parses()
    {
        var e = SyntaxParser.ParseExpression(Nested(5000, "x + 1"));

        Assert.Equal("(+ x 1)", SExpression.Print(e));
    }

    [Fact]
    public void ParseStatements_5000NestedParentheses_Parses()
    {
        var item = Assert.Single(SyntaxParser.ParseStatements("y = " + Nested(5000)));

        Assert.Null(item.Error);
        Assert.Equal("(let y x)", SExpression.Print(item.Statement!));
    }

    [Theory]
    [InlineData("[", "1", "]")]
    [InlineData("f(", "1", ")")]
    [InlineData("-", "x", "")]
    [InlineData("2^", "x", "")]
    [InlineData("x^-", "y", "")]
    public void ParseExpression_5000DeepOfOtherKinds_Parses(string open, string inner, string close)
    {
        var text = new StringBuilder()
            .Insert(0, open, 5000).Append(inner).Insert(open.Length * 5000 + inner.Length, close, 5000).ToString();

        var e = SyntaxParser.ParseExpression(text);

        Assert.NotNull(e);
    }

    [Fact]
    public void ParseStatements_100000NestedParentheses_IsTooDeep()
    {
        var item = Assert.Single(SyntaxParser.ParseStatements(Nested(100_000)));

        Assert.Equal($"expression is nested too deeply (more than {SyntaxParser.MaxNestingDepth} levels)", item.Error!.Message);
        Assert.Equal(SyntaxParser.MaxNestingDepth, item.Error.Span.Start);
    }

    [Fact]
    public void ParseExpression_100000UnaryMinuses_IsTooDeep()
    {
        var e = Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression(new string('-', 100_000) + "x"));

        Assert.StartsWith("expression is nested too deeply", e.Message);
    }

    // ParseExpression measures the nesting as it parses; the error for too deep an input is the same
    // wherever the deep part lies, also after a syntax error, and also past the depth where the parse
    // moves to a larger stack.
    [Theory]
    [InlineData("", "")]
    [InlineData("x + ", "")]
    [InlineData("1 + (1 + ", ") + 2)")]
    [InlineData(") + ", "")]
    public void ParseExpression_100000NestedParentheses_IsTooDeepWhereverTheyLie(string before, string after)
    {
        var e = Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression(before + Nested(100_000) + after));

        Assert.Equal($"expression is nested too deeply (more than {SyntaxParser.MaxNestingDepth} levels)", e.Message);
        Assert.Equal(ErrorCodes.TooDeep, e.Code);
        int opening = before.Count(c => c == '(');
        Assert.Equal(new TextSpan(before.Length + SyntaxParser.MaxNestingDepth - opening, 1), e.Span);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("  # only a comment", 0)]
    public void ParseExpression_NoTokens_ExpectsAnExpression(string text, int start)
    {
        var e = Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression(text));

        Assert.Equal("expected an expression", e.Message);
        Assert.Equal(new TextSpan(start, 0), e.Span);
    }

    [Fact]
    public void ParseExpression_DeepInputWithASyntaxErrorAfterIt_ReportsTheSyntaxError()
    {
        var e = Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression(Nested(5000) + " + )"));

        Assert.Equal("unexpected ')'", e.Message);
        Assert.Equal(new TextSpan(10_004, 1), e.Span);
    }

    [Fact]
    public void ParseStatements_5000UnclosedParentheses_NamesTheInnermost()
    {
        var item = Assert.Single(SyntaxParser.ParseStatements(new string('(', 5000) + "x"));

        Assert.Equal("expected ')' to close '(' at 1:5000", item.Error!.Message);
    }

    [Fact]
    public void ParseExpression_LongSum_IsOneFlatLeftChain()
    {
        const int terms = 4000;
        var text = string.Join(" + ", Enumerable.Range(0, terms).Select(i => $"3.5*x^2*sin(1.5*y+{i}) - 2*exp(-(x-1.5)^2)/(1+y^2)"));
        Assert.True(text.Length > 200_000);

        var e = SyntaxParser.ParseExpression(text);

        int additions = 0;
        while (e is BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b)
        {
            additions++;
            e = b.Left;
        }
        Assert.Equal(2 * terms - 1, additions);
    }
}
