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
        if (Approximated(e))
            Assert.Equal(text, InfixPrinter.Print(Expr.Parse(text), decimals: true));
        else
            Assert.Same(e, Expr.Parse(text));
    }

    // The decimal style reads back exactly when every number in it prints exactly (integers, decimals of
    // at most 17 digits, fractional exponents); a number it approximates (1/3 as 0.3333333333333333) reads
    // back as that decimal, which prints the same again, and its value is within a double's rounding.
    [Fact]
    public void Parse_DecimalStylePrintedRandomExpression_GivesTheSameExpressionOrTheSameText()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
            {
                var text = InfixPrinter.Print(e, decimals: true);
                var back = Expr.Parse(text);
                return (Approximated(e)
                        ? InfixPrinter.Print(back, decimals: true) == text
                        : ReferenceEquals(back, e))
                    .Label($"printed: {text}, read back: {InfixPrinter.Print(back, decimals: true)}");
            })
            .Check(Checks.Quick.WithMaxTest(1000));
    }

    [Theory]
    [InlineData("x/3 + 0.5", "0.3333333333333333*x + 0.5")]
    [InlineData("1/6000*x^3 + 0.005*x^2", "0.00016666666666666666*x^3 + 0.005*x^2")]
    public void Print_DecimalStyleApproximation_IsWithinRoundingOfTheExactValue(string input, string printed)
    {
        var e = Expr.Parse(input);
        var text = InfixPrinter.Print(e, decimals: true);
        Assert.Equal(printed, text);
        foreach (double x in new[] { -3.0, 0.7, 12.5 })
        {
            double exact = e.Evaluate(("x", x)), shown = Expr.Parse(text).Evaluate(("x", x));
            Assert.Equal(exact, shown, 1e-15 * Math.Max(1, Math.Abs(exact)));
        }
    }

    // True when some exact number of e is a coefficient or value that the decimal style only approximates.
    private static bool Approximated(Expr e) =>
        ExprGeneratorsTests.Nodes(e).Any(n => n is Number { IsExact: true } q && !q.Exact.IsExactDecimal);

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
