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

    [Fact]
    public void Parse_DecimalStylePrintedRandomExpression_GivesTheSameExpression()
    {
        Prop.ForAll(ExprGenerators.Arbitrary(), e => ReferenceEquals(Expr.Parse(InfixPrinter.Print(e, decimals: true)), e)
                .Label($"printed: {InfixPrinter.Print(e, decimals: true)}"))
            .Check(Checks.Quick.WithMaxTest(1000));
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
