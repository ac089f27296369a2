using Symbolic.Language;

namespace Symbolic.Tests.Language;

/// <summary>
/// The domain convention of docs/LANGUAGE.md ("Exact arithmetic has no infinity; eval follows IEEE"), row by
/// row: exact operations give an error at a pole, keep a value with no real number as written, and 0^0 = 1;
/// eval and N follow IEEE 754; odd roots are real in both; astronomically large exact numbers are refused.
/// </summary>
public sealed class DomainTests
{
    private static StatementOutcome Run(string statement) => new Session().Execute(statement).Single();

    [Theory]
    [InlineData("1/0", "division by zero")]
    [InlineData("x/0", "division by zero")]
    [InlineData("0/0", "division by zero")]
    [InlineData("0^-1", "division by zero")]
    [InlineData("0^(-1/2)", "division by zero")]
    [InlineData("log(0)", "log(0) is undefined")]
    [InlineData("N(log(0))", "log(0) is undefined")]
    [InlineData("eval(log(0))", "log(0) is undefined")]
    [InlineData("tan(pi/2)", "tan(pi/2) is undefined")]
    [InlineData("tan(3*pi/2)", "is undefined")]
    [InlineData("subs(tan(x), x = pi/2)", "is undefined")]
    [InlineData("subs(log(x), x = 0)", "log(0) is undefined")]
    public void ExactPole_IsAnErrorAtItsPosition(string input, string message)
    {
        var outcome = Run(input);
        Assert.NotNull(outcome.Error);
        Assert.Contains(message, outcome.Error!.Message, StringComparison.Ordinal);
        Assert.True(outcome.Error.Span.Length > 0, "the error is located");
    }

    [Theory]
    [InlineData("0^0", "1")]
    [InlineData("log(-1)", "log(-1)")]
    [InlineData("sqrt(-1)", "sqrt(-1)")]
    [InlineData("sqrt(-4)", "sqrt(-4)")]
    [InlineData("asin(2)", "asin(2)")]
    [InlineData("acos(-3)", "acos(-3)")]
    [InlineData("(-8)^(1/3)", "-2")]
    [InlineData("subs(x^(1/3), x = -8)", "-2")]
    [InlineData("subs(x^(1/3), x = -27/8)", "-3/2")]
    [InlineData("tan(pi/4)", "1")]
    [InlineData("1e-400", "1e-400")]
    [InlineData("1.5e300", "1.5e300")]
    public void ExactValue_IsTheDocumentedValue(string input, string expected)
    {
        var outcome = Run(input);
        Assert.Null(outcome.Error);
        Assert.Equal([expected], outcome.Output);
    }

    [Theory]
    [InlineData("eval(1/x, x = 0)", double.PositiveInfinity)]
    [InlineData("eval(x^-1, x = 0)", double.PositiveInfinity)]
    [InlineData("eval(log(x), x = 0)", double.NegativeInfinity)]
    [InlineData("eval(log(x), x = -1)", double.NaN)]
    [InlineData("eval(sqrt(x), x = -1)", double.NaN)]
    [InlineData("eval(asin(x), x = 2)", double.NaN)]
    [InlineData("eval(x/y, x = 0, y = 0)", double.NaN)]
    [InlineData("eval(x^y, x = 0, y = 0)", 1.0)]
    [InlineData("eval(x^(1/3), x = -8)", -2.0)]
    [InlineData("eval(2^x, x = 10^9)", double.PositiveInfinity)]
    [InlineData("N(1e-400)", 0.0)]
    public void Eval_FollowsIeee(string input, double expected)
    {
        var outcome = Run(input);
        Assert.Null(outcome.Error);
        Assert.Equal(expected, double.Parse(outcome.Output.Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EvalOfTan_AtTheDoubleNearestHalfPi_IsLargeNotAnError()
    {
        var outcome = Run("eval(tan(x), x = pi/2)");
        Assert.Null(outcome.Error);
        Assert.True(double.Parse(outcome.Output.Single(), System.Globalization.CultureInfo.InvariantCulture) > 1e15);
    }

    [Theory]
    [InlineData(-8.0)]
    [InlineData(-27.0)]
    [InlineData(-2.0)]
    [InlineData(-0.001)]
    public void OddRoot_SubsAndEvalAgree(double value)
    {
        foreach (var root in new[] { "x^(1/3)", "x^(2/3)", "x^(1/5)", "x^(-1/3)" })
        {
            var exact = new Session().Evaluate($"N(subs({root}, x = {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}))");
            var numeric = new Session().Evaluate($"eval({root}, x = {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})");
            double a = double.Parse(exact.Display(), System.Globalization.CultureInfo.InvariantCulture);
            double b = double.Parse(numeric.Display(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(double.IsNaN(b), $"{root} at {value}");
            Assert.Equal(a, b, 1e-12 * Math.Max(1, Math.Abs(a)));
        }
    }

    [Theory]
    [InlineData("2^(10^9)")]
    [InlineData("10^10^10")]
    [InlineData("1e1000000000")]
    [InlineData("(3/7)^(10^8)")]
    public void AstronomicalExactNumber_IsRefusedWithTheLimitCode(string input)
    {
        var outcome = Run(input);
        Assert.Equal(ErrorCodes.LimitExceeded, outcome.Error?.Code);
        Assert.Contains("number too large", outcome.Error!.Message, StringComparison.Ordinal);
    }
}
