using Symbolic.Algebra;
using Symbolic.Printing;

namespace Symbolic.Tests.SharedGraph;

/// <summary>A number's identity is its value: display style and float signs are not mixed up with it.</summary>
public class NumberIdentityTests
{
    [Fact]
    public void Parse_DecimalAndFraction_AreTheSameNode()
    {
        Assert.Same(Expr.Parse("1/2"), Expr.Parse("0.5"));
        Assert.Same(Expr.Parse("16/5*y^3"), Expr.Parse("3.2y^3"));
        Assert.Equal(Rational.Parse("0.5"), Rational.Create(1, 2));
        Assert.Equal(Rational.Parse("0.5").GetHashCode(), Rational.Create(1, 2).GetHashCode());
    }

    [Fact]
    public void Simplify_DecimalPowerMinusSqrt_IsZero() =>
        Assert.Same(Expr.Zero, Simplifier.Simplify(Expr.Parse("x^0.5 - sqrt(x)")));

    [Theory]
    [InlineData("0.8y^4", "y", "3.2*y^3", "16*y^3/5")]
    [InlineData("0.001 + x/4", "x", "0.25", "1/4")]
    [InlineData("0.005x^3", "x", "0.015*x^2", "3*x^2/200")]
    public void Print_DerivativeOfDecimalInput_DecimalOnlyWhenAsked(string input, string variable, string decimals, string fractions)
    {
        var d = Expr.Parse(input).Diff(variable);

        Assert.Equal(decimals, InfixPrinter.Print(d, decimals: true));
        Assert.Equal(fractions, InfixPrinter.Print(d));
        Assert.Same(d, Expr.Parse(decimals));
    }

    [Fact]
    public void Exact_OfAFloat_Throws_OfAnExactNumber_IsInLowestTerms()
    {
        // A float has no exact value: reading it is an error, never the invalid default(Rational) with denominator 0.
        foreach (var value in new[] { 0.1, 2.0, -0.0, double.NaN, double.PositiveInfinity })
        {
            var f = Expr.Float(value);
            Assert.False(f.IsExact);
            Assert.False(f.IsInteger);
            var ex = Assert.Throws<InvalidOperationException>(() => f.Exact);
            Assert.Contains("IsExact", ex.Message);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? double.NaN : value), BitConverter.DoubleToInt64Bits(f.Value));
        }
        Assert.Contains("0.1", Assert.Throws<InvalidOperationException>(() => Expr.Float(0.1).Exact).Message);

        var exact = Assert.IsType<Number>(Expr.Parse("-6/4"));
        Assert.True(exact.IsExact);
        Assert.Equal(Rational.Create(-3, 2), exact.Exact);
        Assert.Equal(2, exact.Exact.Denominator);
        Assert.Equal(-1.5, exact.Value);
    }

    [Fact]
    public void Float_NegativeZero_IsNotZero()
    {
        var negative = Expr.Float(-0.0);
        var positive = Expr.Float(0.0);

        Assert.NotSame(negative, positive);
        Assert.True(double.IsNegative(negative.Value));
        Assert.False(double.IsNegative(positive.Value));
        Assert.Same(positive, Expr.Float(0.0));
    }

    [Fact]
    public void Float_EveryNaN_IsOneNode()
    {
        double otherNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234);

        Assert.Same(Expr.Float(double.NaN), Expr.Float(otherNaN));
        Assert.Same(Expr.Float(double.NaN), Expr.Float(0.0 / 0.0));
    }
}
