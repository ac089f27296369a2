namespace Symbolic.Tests.Api;

/// <summary>The library as a new user calls it: Expr.Parse binds without evaluating, and the methods on Expr.</summary>
public sealed class ExprApiTests
{
    [Theory]
    [InlineData("diff(x^3, x)", "diff(x^3, x)")]
    [InlineData("diff(g(x), x)", "diff(g(x), x)")]
    [InlineData("diff(x^2*y, x, 2, y)", "diff(x^2*y, x, 2, y)")]
    [InlineData("f(1, 2)", "f(1, 2)")]
    [InlineData("sin(pi/6) + 2x", "2*x + 1/2")]
    [InlineData("pi(x + 1)", "pi*(x + 1)")]
    public void Parse_BindsWithoutEvaluatingOperations(string text, string printed)
    {
        Assert.Equal(printed, Expr.Parse(text).ToString());
    }

    [Fact]
    public void Parse_Diff_IsTheSameNodeTheDifferentiatorBuilds()
    {
        Assert.Same(Expr.Parse("g(x)").Diff("x"), Expr.Parse("diff(g(x), x)"));
        Assert.IsType<Derivative>(Expr.Parse("diff(x^3, x)"));
        Assert.Same(Expr.Parse("f(1, 2)"), Expr.Parse(Expr.Parse("f(1, 2)").ToString()));
        Assert.True(Assert.IsType<Call>(Expr.Parse("f(1, 2)")).Function.IsUndefined);
    }

    [Theory]
    [InlineData("diff(x^3, x)", "3*x^2")]
    [InlineData("diff(x^2*y, x, 2, y)", "2")]
    [InlineData("diff(g(x)*x^2, x)", "x^2*diff(g(x), x) + 2*x*g(x)")]
    [InlineData("sin(diff(x^2, x)) + diff(g(x), x)", "diff(g(x), x) + sin(2*x)")]
    [InlineData("x + 1", "x + 1")]
    public void Doit_CarriesOutTheDerivatives(string text, string expected)
    {
        Assert.Equal(expected, Expr.Parse(text).Doit().ToString());
    }

    [Theory]
    [InlineData("simplify(x)", 0, "'simplify' is an operation of the language")]
    [InlineData("1 + taylor(exp(x), x, 0, 3)", 4, "'taylor' is an operation of the language")]
    [InlineData("[x, y]", 0, "a vector or matrix is not a scalar expression")]
    [InlineData("x + \"a\"", 4, "a string is not an expression")]
    [InlineData("sin(x = 1)", 4, "function 'sin' takes no named argument 'x'")]
    [InlineData("diff(x, 2)", 8, "a derivative order must follow a variable")]
    [InlineData("1/0", 2, "division by zero")]
    public void Parse_WhatIsNotOneExpression_IsALocatedError(string text, int start, string message)
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse(text));
        Assert.StartsWith(message, ex.Diagnostic.Message);
        Assert.Equal(start, ex.Span.Start);
        Assert.Equal((1, start + 1), ex.Diagnostic.Position);
    }

    // Expr.Parse binds each term as soon as it is parsed; an error of binding still waits for the whole
    // text to parse, and of two such errors the first in the text is reported.
    [Theory]
    [InlineData("simplify(x) + sin(", 18, "expected ')' to close '(' at 1:18")]
    [InlineData("sin + 1/0 + \"a\"", 0, "'sin' is a function")]
    [InlineData("x^2 + 1/0 + simplify(x)", 8, "division by zero")]
    [InlineData("f(x, simplify(y)) + g(y = 2)", 5, "'simplify' is an operation of the language")]
    public void Parse_OfSeveralErrors_ReportsTheFirstSyntaxErrorElseTheFirstBindingError(string text, int start, string message)
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse(text));
        Assert.StartsWith(message, ex.Diagnostic.Message);
        Assert.Equal(start, ex.Span.Start);
    }

    [Fact]
    public void Parse_DeepAndLongInput_BindsLikeTheShortForm()
    {
        const int depth = 1_000;
        var nested = new string('(', depth) + "x + 1" + new string(')', depth) + "*y";
        Assert.Same(Expr.Parse("(x + 1)*y"), Expr.Parse(nested));
        var sum = string.Join(" - ", Enumerable.Range(1, 2_000).Select(i => $"{i}*x^{i}"));
        var expected = Expr.Add(Enumerable.Range(1, 2_000).Select(i => Expr.Number(i == 1 ? 1 : -i) * Expr.Pow(Expr.Symbol("x"), Expr.Number(i))).ToArray());
        Assert.Same(expected, Expr.Parse(sum));
    }

    [Fact]
    public void ParseError_DiagnosticText_GivesLineAndColumn()
    {
        var ex = Assert.Throws<SymbolicException>(() => Expr.Parse("foo(x"));
        Assert.Equal("1:6: expected ')' to close '(' at 1:4", ex.Diagnostic.ToString());
        Assert.Equal(ErrorCodes.Syntax, ex.Code);
        var multi = Assert.Throws<SymbolicException>(() => Expr.Parse("x +\n  * y"));
        Assert.Equal(2, multi.Diagnostic.Position?.Line);
    }

    [Fact]
    public void TryParse_ReturnsResultOrDiagnostic()
    {
        Assert.True(Expr.TryParse("x^2", out var e, out var none));
        Assert.Equal("x^2", e.ToString()); // no null check needed: [NotNullWhen(true)]
        Assert.Null(none);
        Assert.False(Expr.TryParse("x^", out var missing, out var error));
        Assert.Null(missing);
        Assert.NotNull(error.Position);
    }

    [Fact]
    public void Jacobian_RowsAreGradients()
    {
        var j = Expr.Jacobian([Expr.Parse("x^2*y"), Expr.Parse("5x + sin(y)")], "x", "y");
        Assert.Equal("2*x*y", j[0, 0].ToString());
        Assert.Equal("x^2", j[0, 1].ToString());
        Assert.Equal("5", j[1, 0].ToString());
        Assert.Equal("cos(y)", j[1, 1].ToString());
        Assert.Equal(2, Expr.Jacobian([Expr.Parse("a*b")]).GetLength(1));
    }

    [Fact]
    public void Taylor_Multivariate_KeepsTotalDegree()
    {
        var f = Expr.Parse("exp(x)*sin(y)");
        Assert.Equal("x*y + y", f.Taylor(["x", "y"], [0.0, 0.0], 2).ToString());
        Assert.Equal("x*y + y", f.Taylor(["x", "y"], [Expr.Zero, Expr.Zero], 2).ToString());
        Assert.Throws<ArgumentException>(() => f.Taylor(["x", "y"], [0.0], 2));
    }

    [Fact]
    public void Taylor_AtADoublePoint_IsExactAtItsDecimal()
    {
        var t = Expr.Parse("x^3").Taylor("x", 0.5, 1);
        var exact = Expr.Parse("x^3").Taylor("x", Expr.Parse("1/2"), 1);
        Assert.True((t - exact).Expand() is Number { IsExact: true, IsZero: true }, $"{t} differs from {exact}");
        Assert.Equal("x^2/2 + x + 1", Expr.Parse("exp(x)").Taylor("x", 0, 2).ToString());
    }

    [Fact]
    public void Evaluate_ByDictionaryOrArraysInVariableOrder()
    {
        var f = Expr.Parse("3x^2 + 2x*y + 3y^2");
        Assert.Equal(19.0, f.Evaluate(new Dictionary<string, double> { ["x"] = 1, ["y"] = 2 }));
        Assert.Equal(19.0, f.Evaluate(["x", "y"], [1.0, 2.0]));
        Assert.Equal(f.Evaluate(("x", 1.0), ("y", 2.0)), f.Evaluate(["y", "x"], [2.0, 1.0]));
        Assert.Throws<ArgumentException>(() => f.Evaluate(["x", "y"], [1.0]));
    }

    [Fact]
    public void Subs_SeveralNamedVariables_AtOnce()
    {
        var e = Expr.Parse("x + 2y");
        Assert.Equal("2*x + 1", e.Subs(("x", Expr.One), ("y", Expr.Parse("x"))).ToString());
    }

    [Fact]
    public void Steps_GivesTheLinesAndTheDerivative()
    {
        var steps = Expr.Parse("x*exp(x)").Steps("x");
        Assert.Same(Expr.Parse("x*exp(x)").Diff("x"), steps.Result);
        Assert.Equal("d/dx [x*exp(x)]", steps.Lines[0]);
        Assert.Contains(steps.Lines, l => l.Contains("product rule"));
    }
}
