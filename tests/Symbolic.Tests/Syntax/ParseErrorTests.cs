using Symbolic.Syntax;

namespace Symbolic.Tests.Syntax;

public class ParseErrorTests
{
    // Each row: a one-statement source, the message, and the 1-based line:column of the caret.
    [Theory]
    // brackets
    [InlineData("(1+2", "expected ')' to close '(' at 1:1", "1:5")]
    [InlineData("f(x", "expected ')' to close '(' at 1:2", "1:4")]
    [InlineData("f(", "expected ')' to close '(' at 1:2", "1:3")]
    [InlineData("sin (x", "expected ')' to close '(' at 1:5", "1:7")]
    [InlineData("f(g(x), h(y", "expected ')' to close '(' at 1:10", "1:12")]
    [InlineData("[1, 2", "expected ']' to close '[' at 1:1", "1:6")]
    [InlineData("[", "expected ']' to close '[' at 1:1", "1:2")]
    [InlineData("(1+2   # comment", "expected ')' to close '(' at 1:1", "1:5")]
    [InlineData("(1+2]", "expected ')' to close '(' at 1:1", "1:5")]
    [InlineData("[(1]", "expected ')' to close '(' at 1:2", "1:4")]
    [InlineData("(1 2)", "expected ')' to close '(' at 1:1", "1:4")]
    [InlineData("[1 2]", "expected ',' or ']'", "1:4")]
    [InlineData("f(x 2)", "expected ',' or ')'", "1:5")]
    [InlineData(")", "unexpected ')'", "1:1")]
    [InlineData("1 + 2)", "unexpected ')'", "1:6")]
    [InlineData("(1+)", "unexpected ')'", "1:4")]
    [InlineData("f(x,)", "unexpected ')'", "1:5")]
    [InlineData("]", "unexpected ']'", "1:1")]
    // operands missing
    [InlineData("1 +", "unexpected end of input after '+'", "1:4")]
    [InlineData("x^", "unexpected end of input after '^'", "1:3")]
    [InlineData("2 ** ", "unexpected end of input after '**'", "1:5")]
    [InlineData("-", "unexpected end of input after '-'", "1:2")]
    [InlineData("f(x,", "unexpected end of input after ','", "1:5")]
    [InlineData("(", "expected ')' to close '(' at 1:1", "1:2")]
    [InlineData("* 2", "unexpected '*'", "1:1")]
    [InlineData("1 + * 2", "unexpected '*'", "1:5")]
    [InlineData("2 3", "unexpected '3'", "1:3")]
    [InlineData("x 2", "unexpected '2'", "1:3")]
    [InlineData("1, 2", "unexpected ','", "1:2")]
    // bindings and definitions
    [InlineData("x = ", "expected an expression after '='", "1:4")]
    [InlineData("f(x) = ", "expected an expression after '='", "1:7")]
    [InlineData("x = )", "expected an expression after '='", "1:5")]
    [InlineData("f(x = )", "expected an expression after '='", "1:7")]
    [InlineData("x = 1 = 2", "unexpected '='", "1:7")]
    [InlineData("f(x+1) = 2", "unexpected '='", "1:8")]
    [InlineData("2 = x", "unexpected '='", "1:3")]
    [InlineData("= 1", "unexpected '='", "1:1")]
    // commands
    [InlineData(":", "expected a name after ':'", "1:2")]
    [InlineData(":1", "expected a name after ':'", "1:2")]
    [InlineData("x : y", "unexpected ':'", "1:3")]
    // lexical
    [InlineData("\"abc", "unterminated string", "1:1")]
    [InlineData("f(\"abc\\\")", "unterminated string", "1:3")]
    [InlineData("2 $ 3", "unexpected character '$'", "1:3")]
    [InlineData("x ∞", "unexpected character '∞'", "1:3")]
    [InlineData("1 + 🙂", "unexpected character '🙂'", "1:5")]
    [InlineData("x.y", "unexpected character '.'", "1:2")]
    [InlineData("2 123456789012345678901234567890", "unexpected '12345678901234567890...'", "1:3")]
    public void ParseStatements_BadStatement_ReportsMessageAndPosition(string source, string message, string position)
    {
        var item = Assert.Single(SyntaxParser.ParseStatements(source));

        Assert.Null(item.Statement);
        Assert.NotNull(item.Error);
        Assert.Equal(message, item.Error.Message);
        Assert.Equal(position, new SourceText(source).Describe(item.Error.Span.Start));
    }

    [Fact]
    public void ParseStatements_ErrorOnLineThree_IsLocatedInTheWholeSource()
    {
        const string source = "a = 1\nb = 2 # fine\nc = (3 *\nd";
        var items = SyntaxParser.ParseStatements(source);

        Assert.Equal(4, items.Count);
        var error = items[2].Error!;
        Assert.Equal("unexpected end of line after '*'", error.Message);
        Assert.Equal("3:9", new SourceText(source).Describe(error.Span.Start));
        Assert.NotNull(items[3].Statement);
    }

    [Fact]
    public void ParseStatements_UnclosedBracketOnLineThree_NamesTheBracket()
    {
        const string source = "a = 1\n\n  c = (3 + a\nd";
        var items = SyntaxParser.ParseStatements(source);

        var error = items[1].Error!;
        Assert.Equal("expected ')' to close '(' at 3:7", error.Message);
        Assert.Equal("3:13", new SourceText(source).Describe(error.Span.Start));
    }

    [Fact]
    public void ParseStatements_StatementEndedBySemicolon_SaysSo()
    {
        var items = SyntaxParser.ParseStatements("1 +; 2");

        Assert.Equal("unexpected ';' after '+'", items[0].Error!.Message);
        Assert.Equal(3, items[0].Error!.Span.Start);
        Assert.NotNull(items[1].Statement);
    }

    [Fact]
    public void ParseStatements_UnexpectedToken_SpanCoversIt()
    {
        var error = Assert.Single(SyntaxParser.ParseStatements("1 + ** 2")).Error!;

        Assert.Equal("unexpected '**'", error.Message);
        Assert.Equal(new TextSpan(4, 2), error.Span);
    }

    [Theory]
    [InlineData("", "expected an expression", 0)]
    [InlineData("  # nothing", "expected an expression", 0)]
    [InlineData("1; 2", "unexpected ';'", 1)]
    [InlineData("a = 1", "unexpected '='", 2)]
    [InlineData("(1 +\n 2", "expected ')' to close '(' at 1:1", 7)]
    public void ParseExpression_BadText_ThrowsSymbolicException(string text, string message, int caret)
    {
        var e = Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression(text));

        Assert.Equal(message, e.Message);
        Assert.Equal(caret, e.Span.Start);
    }

    [Fact]
    public void ParseExpression_LineBreaks_AreSpaces()
    {
        Assert.Equal("(+ 1 2)", SExpression.Print(SyntaxParser.ParseExpression("1 +\n 2\n")));
    }
}

// Swaps Console.Out and Console.Error, so it must not run beside tests that use the console.
[CollectionDefinition(nameof(ParserConsoleTests), DisableParallelization = true)]
public sealed class ParserConsoleCollection;

[Collection(nameof(ParserConsoleTests))]
public class ParserConsoleTests
{
    [Fact]
    public void Parse_Errors_PrintNothingToTheConsole()
    {
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            SyntaxParser.ParseStatements("(1 + \n f(x, \n [1 2 \n $ \n \"abc \n x = \n : ");
            Assert.Throws<SymbolicException>(() => SyntaxParser.ParseExpression("(((1 + ]"));
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        Assert.Equal("", output.ToString());
    }
}
