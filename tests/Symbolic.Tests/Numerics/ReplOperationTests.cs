using Symbolic.Language;
using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics;

// The solver operations as the REPL runs them: output lines, records, and errors located at the argument.
public class ReplOperationTests
{
    private static StatementOutcome Run(string statement) => Assert.Single(new Session().Execute(statement));

    [Fact]
    public void Minimize_Trace_PrintsOneLinePerIterateThenTheRecord()
    {
        var outcome = Run("minimize(x^4 + 0.8y^4 + 4x^2 + 2y^2 - x*y - 0.2x^2*y, [x, y], [4, 4], trace = true)");
        Assert.Null(outcome.Error);
        Assert.Equal(10, outcome.Output.Count); // iterates 0..8, then the record
        Assert.StartsWith("1: point = [2.5827386641792285, 2.6212888358303683], value = 112.4235", outcome.Output[1]);
        Assert.Matches(@"^\{point: \[.*\], value: .*, iterations: 8, converged: true\}$", outcome.Output[^1]);
    }

    [Fact]
    public void Minimize_Result_CarriesItsPathForContour()
    {
        var value = Assert.IsType<MinimizationValue>(new Session().Evaluate("minimize((1 - x)^2 + 100(y - x^2)^2, [x, y], [-1.2, 1])"));
        Assert.Equal(value.Result.Iterations + 1, value.Path.Count);
        Assert.Equal([-1.2, 1.0], value.Path[0]);
    }

    [Fact]
    public void Minimize_NotConverged_SaysWhy()
    {
        var outcome = Run("minimize((1 - x)^2 + 100(y - x^2)^2, [x, y], [-1.2, 1], method = \"gd\", rate = 0.001)");
        Assert.EndsWith("converged: false, reason: iteration limit reached}", outcome.Output[^1]);
        Assert.Contains("iterations: 1000,", outcome.Output[^1]);
    }

    [Theory]
    [InlineData("minimize(x^2, x, 1, method = \"newtn\")", "unknown method \"newtn\"", 20)]
    [InlineData("minimize(x^2 + y^2, [x, y], [1])", "expected 2 coordinates (one per variable), got 1", 28)]
    [InlineData("minimize(x^2, x, 1, rate = -1)", "rate must be positive", 20)]
    [InlineData("minimize(x^2, x, 1, trace = 2)", "trace must be true or false", 20)]
    [InlineData("newton([x + y], [x, y], [0, 0])", "newton needs as many equations as variables, got 1 and 2", 0)]
    [InlineData("fit(w*x, [w], 3)", "expected a data set from load(\"file.csv\"), got an expression", 14)]
    [InlineData("load(3)", "expected a file name in quotes, got an expression", 5)]
    public void Errors_AreLocated(string statement, string message, int column)
    {
        var outcome = Run(statement);
        Assert.NotNull(outcome.Error);
        Assert.Contains(message, outcome.Error!.Message);
        Assert.Equal(column, outcome.Error.Span.Start);
    }

    [Fact]
    public void Newton_TraceShowsErrorsSquaring()
    {
        var outcome = Run("newton(x^2 - 9, x, 1, trace = true, damped = false)");
        Assert.Equal("2: x = 3.4, error = 0.3999999999999999", outcome.Output[2]);
        Assert.Equal("{root: 3, iterations: 6, residual: 0, converged: true}", outcome.Output[^1]);
    }

    [Fact]
    public void Classify_Inconclusive_WithAZeroEigenvalue()
    {
        Assert.Equal("inconclusive, eigenvalues [2, 0]", Run("classify(x^4 + y^2, [x, y], [0, 0])").Output[0]);
    }
}
