using System.Numerics;
using Symbolic.Language;

namespace Symbolic.Tests.Fuzz;

/// <summary>
/// The distinct failures the fuzz suite found, each as the input that showed it (shrunk by hand to its core)
/// and a check of what it must do now. Each one also runs through the fuzz harness, so it ends with a value or
/// the library's error well within its time limit.
/// </summary>
public sealed class FuzzRegressionTests
{
    [Theory]
    // IndexOutOfRangeException in the evaluator: a vector mixing entries and rows (grammar #53).
    [InlineData("λ([7e13 * 3.681, [], 3e19 ^ 0], (h^0^5/1))")]
    [InlineData("[1, [2]]")]
    [InlineData("[[1], 2]")]
    // Hang: printing 1e-999999 as a decimal divided by 2 and 5 a million times (tokens #1490, grammar #68).
    [InlineData("1e-999999g")]
    [InlineData("[sinh(1e-999999) ** w, -1.129 ** 361y]")]
    // Hang and 900 MB: 7^(1/70000000) built 2^70000000 to see whether 2 is a factor to take out of the root (grammar #766).
    [InlineData("-3^1^1.7976931348623157e308 + 66/7^7e7^-1")]
    [InlineData("7^(1/10000000000000)")]
    // OverflowException: the exact root of a number beyond 10^616 guessed through a double (found while fixing the above).
    [InlineData("sqrt(10^700)")]
    [InlineData("(2^(4096*3))^(1/3)")]
    // IndexOutOfRangeException in MathNet's eigensolver: classify with no variables (long campaign, grammar #9238,
    // seed 1451712399344119603); minimize with none gave MathNet's own message.
    [InlineData("classify(0, [], []) + [[1]]")]
    [InlineData("minimize(0, [], [])")]
    // OverflowException in Expr.Pow: a sum of content -1 raised to 2^100 took (-1)^n through an int (long campaign,
    // samples #94532, seed 4486715703040867574, a mutation of plots.sym).
    [InlineData("(1 - x)^2 ^ 100(y - x^2)^2")]
    [InlineData("(1 - x)^(2^100 + 1)")]
    // Hang and gigabytes: the root of 1/10^16 with index 50,000,000 raised 10^16 to the 49,999,999th power before
    // its size check (long campaign, grammar #4257, seed 4486715703040867574).
    [InlineData("y = relu(623)\nh(1)\n(relu(pi^1e-16^2e-8))")]
    [InlineData("1e-16^2e-8")]
    [InlineData("-4^8.619^4e-9")] // grammar #25721, the same cause
    // InvalidOperationException in the plot renderer: plot of an empty vector (long campaign, samples #73767,
    // seed 1494450859313802457).
    [InlineData("plot([], x, 0, 1)")]
    public void FoundByFuzzing_EndsWithAValueOrTheLibrarysError(string input)
    {
        using var harness = new FuzzHarness();

        var result = harness.Run(input);

        Assert.Empty(result.Failures);
        Assert.True(result.Statements > 0);
    }

    // Hang: a sum of k*x^k with the exact x = 4.9e-324 added numbers of 10^5 digits and more, milliseconds each,
    // and nothing looked at the deadline between them (long campaign, grammar #25491, seed 4411159100413721666).
    // Counted, not timed: the statement must end with the time-limit error, not run on to a value.
    [Fact]
    public void SumOfHugeExactNumbers_StopsAtTheTimeLimit()
    {
        string sum = string.Join(" + ", Enumerable.Range(0, 1001).Select(k => $"{k}*x^{k}"));
        using var harness = new FuzzHarness();

        var result = harness.Run($"x = 4.9e-324; {sum}");

        Assert.Empty(result.Failures);
        Assert.Equal(1, result.ErrorCodes.GetValueOrDefault(ErrorCodes.TimedOut));
    }

    [Fact]
    public void RepeatedHugeLiteral_IsBuiltOnce_AndTheStatementEnds()
    {
        // Hang in the long campaign (samples #1448, seed 1066807739030025885): a mutated sample with a power
        // tower of 3,000 literals 1e-999999, each built as 10^999999 (about a second each) before anything
        // looked at the deadline.
        using var harness = new FuzzHarness();

        var result = harness.Run("fit(sigmoid(w1*ya + w1e-999999" + string.Concat(Enumerable.Repeat("^1e-999999", 3000)) + "))");

        Assert.Empty(result.Failures);
        Assert.Equal(1, result.Statements);
    }

    [Theory]
    [InlineData("classify(0, [], [])", "classify needs at least one variable")]
    [InlineData("minimize(0, [], [])", "minimize needs at least one variable")]
    [InlineData("maximize(x, [], [])", "maximize needs at least one variable")]
    public void SolverWithNoVariables_IsALocatedError(string input, string message)
    {
        var outcome = new Session().Execute(input).Single();

        Assert.NotNull(outcome.Error);
        Assert.Equal(ErrorCodes.Invalid, outcome.Error.Code);
        Assert.StartsWith(message, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal(input.IndexOf('[', StringComparison.Ordinal) + 1, outcome.Error.Position?.Column);
    }

    [Fact]
    public void VectorMixingEntriesAndRows_IsAnErrorAtTheFirstOddItem()
    {
        var outcome = new Session().Execute("[1, [2]]").Single();

        Assert.NotNull(outcome.Error);
        Assert.Equal(ErrorCodes.Invalid, outcome.Error.Code);
        Assert.Equal((1, 5), outcome.Error.Position);
    }

    // It once divided out a million 2s and 5s and printed a million digits; far from 1 it is scientific now.
    [Fact]
    public void TinyDecimal_PrintsInScientificForm()
    {
        var number = Rational.Parse("1e-999999");

        string text = number.ToString(decimals: true);

        Assert.Equal("1e-999999", text);
        Assert.Equal(number, Rational.Parse(text));
    }

    [Fact]
    public void LongDecimal_ReadsBack()
    {
        var number = Rational.Parse("-3.0625e-99999");

        string text = number.ToString(decimals: true);

        Assert.Equal("-3.0625e-99999", text);
        Assert.Equal(number, Rational.Parse(text));
    }

    [Fact]
    public void RootWithAHugeIndex_StaysAPower()
    {
        var e = Expr.Parse("7^(1/70000000)");

        var power = Assert.IsType<Pow>(e);
        Assert.Equal(Expr.Number(7), power.Base);
        Assert.Equal(Math.Pow(7, 1.0 / 70_000_000), e.Evaluate(), 15);
        Assert.Equal(Expr.Parse("7^(69999999/70000000)/7 * 66"), Expr.Parse("66/7^7e7^-1"));
    }

    [Theory]
    [InlineData("sqrt(10^700)", "10^350")]
    [InlineData("sqrt(4*10^700)", "2*10^350")]
    [InlineData("(2^(4096*3))^(1/3)", "2^4096")]
    [InlineData("(3^999)^(1/27)", "3^37")]
    [InlineData("sqrt(2*10^700)", "10^350*sqrt(2)")]
    public void ExactRootOfAHugeNumber_IsExact(string input, string expected) =>
        Assert.Equal(Expr.Parse(expected), Expr.Parse(input));

    [Fact]
    public void ExactRootOfAHugeNumber_SquaresBack()
    {
        var n = BigInteger.Pow(3, 2001) * BigInteger.Pow(7, 400);
        var square = Rational.Create(n * n, 1);

        Assert.Equal(Rational.Create(n, 1), square.Root(2));
        Assert.Null(Rational.Create(n * n + 1, 1).Root(2));
    }
}
