using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Printing;
using Symbolic.Tests.Generators;

namespace Symbolic.Tests.Printing;

/// <summary>The printer's contract (SPEC section 2): parsing the printed text gives the same expression.</summary>
public class RoundTripTests
{
    [Fact]
    public void Parse_PrintedRandomExpression_GivesTheSameExpression()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(), e => ReferenceEquals(Expr.Parse(InfixPrinter.Print(e)), e)
                .Label($"printed: {InfixPrinter.Print(e)}; parsed back: {Reparsed(e)}"))
            .Check(Checks.Quick.WithMaxTest(2000));
    }

    [Fact]
    public void Parse_PrintedRandomPolynomial_GivesTheSamePolynomial()
    {
        Prop.ForAll(ExprGenerators.PolynomialArbitrary(), e => ReferenceEquals(Expr.Parse(InfixPrinter.Print(e)), e))
            .Check(Checks.Quick.WithMaxTest(500));
    }

    [Theory]
    [MemberData(nameof(InfixPrinterTests.Cases), MemberType = typeof(InfixPrinterTests))]
    public void Parse_PrintedTableRow_GivesTheSameExpression(string text, Expr e)
    {
        // Floating-point numbers read back as exact ones, and NaN and Infinity as symbols.
        if (ExprGeneratorsTests.Nodes(e).Any(n => n is Number { IsExact: false })) return;
        Assert.Equal(text, InfixPrinter.Print(e));
        Assert.Same(e, Expr.Parse(text));
    }

    [Theory]
    [MemberData(nameof(InfixPrinterTests.DecimalCases), MemberType = typeof(InfixPrinterTests))]
    public void Parse_DecimalStyleTableRow_GivesTheSameExpression(string text, Expr e)
    {
        if (ExprGeneratorsTests.Nodes(e).Any(n => n is Number { IsExact: false })) return;
        Assert.Same(e, Expr.Parse(text));
    }

    // The decimal style prints decimals only when every number ends within 17 digits, and fractions
    // otherwise, so its text always reads back as the same object.
    [Fact]
    public void Parse_DecimalStylePrintedRandomExpression_GivesTheSameExpression()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
            {
                var text = InfixPrinter.Print(e, decimals: true);
                return ReferenceEquals(Expr.Parse(text), e)
                    .Label($"printed: {text}, read back: {InfixPrinter.Print(Expr.Parse(text), decimals: true)}");
            })
            .Check(Checks.Quick.WithMaxTest(1000));
    }

    // One style per expression: a number the decimal style cannot show exactly turns the whole result into
    // fractions, and the text is still exactly the value.
    [Theory]
    [InlineData("x/3 + 0.5", "x/3 + 1/2")]
    [InlineData("1/6000*x^3 + 0.005*x^2", "x^3/6000 + x^2/200")]
    [InlineData("0.005*x^2 + 0.1*x", "0.005*x^2 + 0.1*x")]
    public void Print_DecimalStyle_FallsBackToFractionsForTheWholeExpression(string input, string printed)
    {
        var e = Expr.Parse(input);
        var text = InfixPrinter.Print(e, decimals: true);
        Assert.Equal(printed, text);
        Assert.Same(e, Expr.Parse(text));
    }

    private static string Reparsed(Expr e)
    {
        try
        {
            return InfixPrinter.Print(Expr.Parse(InfixPrinter.Print(e)));
        }
        catch (Exception ex)
        {
            return $"error: {ex.Message}";
        }
    }
}
