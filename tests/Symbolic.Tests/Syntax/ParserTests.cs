using Symbolic.Syntax;

namespace Symbolic.Tests.Syntax;

public class ParserTests
{
    [Theory]
    // precedence and associativity
    [InlineData("1+2*3", "(+ 1 (* 2 3))")]
    [InlineData("a - b - c", "(- (- a b) c)")]
    [InlineData("a / b / c", "(/ (/ a b) c)")]
    [InlineData("a * b / c", "(/ (* a b) c)")]
    [InlineData("2^3^2", "(^ 2 (^ 3 2))")]
    [InlineData("x**2", "(^ x 2)")]
    [InlineData("2 ** 3 ^ 2", "(^ 2 (^ 3 2))")]
    // unary minus binds looser than ^, tighter than * and /
    [InlineData("-x^2", "(neg (^ x 2))")]
    [InlineData("-2^2", "(neg (^ 2 2))")]
    [InlineData("2*-3", "(* 2 (neg 3))")]
    [InlineData("a - -b", "(- a (neg b))")]
    [InlineData("- - x", "(neg (neg x))")]
    [InlineData("+x", "(pos x)")]
    [InlineData("-a*b", "(* (neg a) b)")]
    // an exponent may start with a sign
    [InlineData("2^-2", "(^ 2 (neg 2))")]
    [InlineData("x^-1", "(^ x (neg 1))")]
    [InlineData("x^-y^2", "(^ x (neg (^ y 2)))")]
    [InlineData("2 ** -x", "(^ 2 (neg x))")]
    // juxtaposition: same level as *, left to right
    [InlineData("2x", "(imul 2 x)")]
    [InlineData("3x^2y", "(imul (imul 3 (^ x 2)) y)")]
    [InlineData("2(x+1)", "(imul 2 (+ x 1))")]
    [InlineData("(x+1)(x-1)", "(imul (+ x 1) (- x 1))")]
    [InlineData("2 sin(x)", "(imul 2 (call sin x))")]
    [InlineData("2 pi", "(imul 2 pi)")]
    [InlineData("x^2 y", "(imul (^ x 2) y)")]
    [InlineData("2^x y", "(imul (^ 2 x) y)")]
    [InlineData("a/2x", "(imul (/ a 2) x)")]
    [InlineData("-2x", "(imul (neg 2) x)")]
    [InlineData("2e", "(imul 2 e)")]
    [InlineData("2e^x", "(imul 2 (^ e x))")]
    [InlineData("2 -3", "(- 2 3)")]
    [InlineData("x (y+1)", "(call x (+ y 1))")]
    [InlineData("f(x)(y)", "(imul (call f x) y)")]
    [InlineData("f(g(x), h(y, z))", "(call f (call g x) (call h y z))")]
    // calls, named arguments, vectors, strings
    [InlineData("f()", "(call f)")]
    [InlineData("f(x, y = 2)", "(call f x (= y 2))")]
    [InlineData("subs(e, x = 2)", "(call subs e (= x 2))")]
    [InlineData("minimize(f, [x,y], [0,0], method = \"gd\")", "(call minimize f (vec x y) (vec 0 0) (= method \"gd\"))")]
    [InlineData("[[1,2],[3,4]]", "(vec (vec 1 2) (vec 3 4))")]
    [InlineData("[]", "(vec)")]
    [InlineData("\"s\"", "\"s\"")]
    [InlineData("(x)", "x")]
    // numbers and identifiers
    [InlineData("12", "12")]
    [InlineData("3.25", "3.25")]
    [InlineData("1e-3", "1e-3")]
    [InlineData(".5", ".5")]
    [InlineData("2.5E+4", "2.5E+4")]
    [InlineData("θ + π", "(+ θ π)")]
    [InlineData("x_1 + x2 + _y", "(+ (+ x_1 x2) _y)")]
    [InlineData("x # a comment", "x")]
    public void ParseExpression_ShapeIsAsWritten(string text, string expected)
    {
        Assert.Equal(expected, SExpression.Print(SyntaxParser.ParseExpression(text)));
    }

    [Theory]
    [InlineData("a = 3", "(let a 3)")]
    [InlineData("f(x,y) = x+y", "(def f (x y) (+ x y))")]
    [InlineData("f() = 1", "(def f () 1)")]
    [InlineData("g(t) = 2t # doubled", "(def g (t) (imul 2 t))")]
    [InlineData("f(x, y)", "(call f x y)")]
    [InlineData(":quit", "(cmd quit)")]
    [InlineData(":help diff", "(cmd help \"diff\")")]
    [InlineData(":load  data/my file.csv  ", "(cmd load \"data/my file.csv\")")]
    [InlineData("x = y = 2", null)]
    public void ParseStatements_StatementKinds(string source, string? expected)
    {
        var item = Assert.Single(SyntaxParser.ParseStatements(source));
        if (expected is null)
        {
            Assert.NotNull(item.Error);
            return;
        }
        Assert.Null(item.Error);
        Assert.Equal(expected, SExpression.Print(item.Statement!));
    }

    [Fact]
    public void ParseExpression_String_ResolvesEscapes()
    {
        var s = Assert.IsType<StringSyntax>(SyntaxParser.ParseExpression("\"a\\\"b\\\\c\\d\""));
        Assert.Equal("a\"b\\c\\d", s.Value);
    }

    [Fact]
    public void ParseExpression_Juxtaposition_IsMarkedImplicit()
    {
        var product = Assert.IsType<BinarySyntax>(SyntaxParser.ParseExpression("2*x y"));
        Assert.True(product.IsImplicit);
        Assert.False(Assert.IsType<BinarySyntax>(product.Left).IsImplicit);
    }

    [Fact]
    public void ParseStatements_SplitsOnSemicolonsAndLines_WithSpans()
    {
        const string source = "a = 1; b = 2\nc";
        var items = SyntaxParser.ParseStatements(source);

        Assert.Equal(["(let a 1)", "(let b 2)", "c"], items.Select(i => SExpression.Print(i.Statement!)));
        Assert.Equal(["a = 1", "b = 2", "c"], items.Select(i => source[i.Span.Start..i.Span.End]));
        Assert.All(items, i => Assert.Equal(i.Span, i.Statement!.Span));
    }

    [Fact]
    public void ParseStatements_SemicolonOrHashInString_IsNoSeparator()
    {
        var item = Assert.Single(SyntaxParser.ParseStatements("\"a;b#c\""));
        Assert.Equal("a;b#c", Assert.IsType<StringSyntax>(((ExpressionStatementSyntax)item.Statement!).Expression).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData(";;")]
    [InlineData("  # only a comment\n\t\r\n; ;")]
    public void ParseStatements_EmptyStatements_GiveNoItem(string source)
    {
        Assert.Empty(SyntaxParser.ParseStatements(source));
    }

    [Fact]
    public void ParseStatements_BadStatement_DoesNotStopTheOthers()
    {
        var items = SyntaxParser.ParseStatements("x = 1\n(2 +\n3 * x; :vars");

        Assert.Equal(4, items.Count);
        Assert.NotNull(items[1].Error);
        Assert.Equal(["(let x 1)", null, "(* 3 x)", "(cmd vars)"],
            items.Select(i => i.Statement is null ? null : SExpression.Print(i.Statement)));
    }

    [Fact]
    public void ParseStatements_CrLfLines_AreSplitAndSpansExcludeTheBreak()
    {
        const string source = "a = 1\r\nb\r\n";
        var items = SyntaxParser.ParseStatements(source);

        Assert.Equal(["a = 1", "b"], items.Select(i => source[i.Span.Start..i.Span.End]));
    }

    [Fact]
    public void Spans_CoverWhatWasWritten()
    {
        const string text = "2 sin(x) + (y - 1)^2";
        var sum = Assert.IsType<BinarySyntax>(SyntaxParser.ParseExpression(text));
        var product = Assert.IsType<BinarySyntax>(sum.Left);
        var call = Assert.IsType<CallSyntax>(product.Right);
        var power = Assert.IsType<BinarySyntax>(sum.Right);

        Assert.Equal(text, Text(sum));
        Assert.Equal("2 sin(x)", Text(product));
        Assert.Equal("sin(x)", Text(call));
        Assert.Equal("sin", Text(call.Name));
        Assert.Equal("(y - 1)^2", Text(power));
        Assert.Equal("y - 1", Text(power.Left));

        string Text(SyntaxNode node) => text[node.Span.Start..node.Span.End];
    }

    [Fact]
    public void Spans_AfterCharactersOutsideTheBmp_AreUtf16Offsets()
    {
        const string text = "\"🙂\" + x";
        var sum = Assert.IsType<BinarySyntax>(SyntaxParser.ParseExpression(text));

        Assert.Equal(new TextSpan(7, 1), sum.Right.Span);
    }

    [Fact]
    public void Spans_OfCallWithSpaceBeforeParenthesis_NameIsJustTheName()
    {
        var call = Assert.IsType<CallSyntax>(SyntaxParser.ParseExpression("sin  (x)"));

        Assert.Equal("sin", call.Name.Name);
        Assert.Equal(new TextSpan(0, 3), call.Name.Span);
        Assert.Equal(new TextSpan(0, 8), call.Span);
    }

    [Fact]
    public void Spans_OfStatementsInLaterLines_AreOffsetsIntoTheWholeSource()
    {
        const string source = "a = 1\n\nf(x) = x^2 + foo(x, n = 3)";
        var definition = Assert.IsType<FunctionDefinitionSyntax>(SyntaxParser.ParseStatements(source)[1].Statement);
        var argument = ((CallSyntax)((BinarySyntax)definition.Body).Right).Arguments[1];

        Assert.Equal("n = 3", source[argument.Span.Start..argument.Span.End]);
        Assert.Equal((3, 21), new SourceText(source).LineColumn(argument.Span.Start));
    }
}
