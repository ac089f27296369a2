using FsCheck;
using Symbolic.Tests.Support;
using FsCheck.Fluent;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Language;
using Symbolic.Syntax;
using Symbolic.Tests.Generators;

namespace Symbolic.Tests.Calculus;

public class StepsTests
{
    // expression, variable, rule names the derivation must mention
    public static TheoryData<string, string, string[]> Rules => new()
    {
        { "x*exp(x)", "x", ["product rule", "variable", "exp rule"] },
        { "exp(2x)", "x", ["exp rule", "chain rule", "constant multiple rule"] },
        { "1/(1 + exp(-z))", "z", ["power rule", "chain rule", "sum rule", "constant rule", "exp rule", "constant multiple rule", "variable"] },
        { "sigmoid(z)", "z", ["sigmoid rule"] },
        { "sigmoid(w*x + b)", "w", ["sigmoid rule", "chain rule", "sum rule", "constant multiple rule"] },
        { "x/(x^2 + 1)", "x", ["quotient rule", "sum rule", "power rule", "constant rule"] },
        { "3x^2 y^3", "x", ["constant multiple rule", "power rule"] },
        { "x^3 - 2x + 1", "x", ["sum rule", "power rule", "constant multiple rule", "constant rule"] },
        { "2^x", "x", ["exponential rule"] },
        { "x^x", "x", ["general power rule"] },
        { "x*sin(x)*cos(x)", "x", ["product rule", "trig rule"] },
        { "tan(x^2)", "x", ["trig rule", "chain rule", "power rule"] },
        { "log(x^2 + 1)", "x", ["log rule", "chain rule", "sum rule"] },
        { "atan(2x) + asin(x)", "x", ["sum rule", "inverse trig rule", "chain rule"] },
        { "tanh(x) + cosh(x)", "x", ["hyperbolic rule"] },
        { "softplus(x) + relu(x)", "x", ["softplus rule", "relu rule"] },
        { "abs(x) + sign(x)", "x", ["abs rule", "sign rule"] },
        { "sqrt(x^2 + 1)", "x", ["power rule", "chain rule"] },
        { "g(x^2)", "x", ["undefined function"] },
        { "x", "x", ["variable"] },
        { "5y", "x", ["constant rule"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Derive_Table_ResultIsDifferentiatorsAndNamesTheRules(string text, string variable, string[] rules)
    {
        var e = Expr.Parse(text);
        var x = Expr.Symbol(variable);

        var lines = Steps.Derive(e, x, out var result);

        Assert.Same(Differentiator.Diff(e, x), result);
        Assert.Equal($"d/d{variable} [{e}]", lines[0]);
        var all = string.Join("\n", lines);
        foreach (var rule in rules) Assert.Contains(rule, all);
        // the derivation ends with the simplified result
        Assert.StartsWith($"  = {result}", lines[^1]);
    }

    [Fact]
    public void Derive_ProductRule_Golden()
    {
        var lines = Steps.Derive(Expr.Parse("x*exp(x)"), Expr.Symbol("x"), out _);

        Assert.Equal(
            [
                "d/dx [x*exp(x)]",
                "  = d/dx [x]*exp(x) + x*d/dx [exp(x)]    (product rule, variable)",
                "    d/dx [exp(x)] = exp(x)               (exp rule)",
                "  = 1*exp(x) + x*exp(x)",
                "  = x*exp(x) + exp(x)                    (simplify)",
            ],
            lines);
    }

    [Fact]
    public void Derive_ChainRuleOfTheNotes_Golden()
    {
        var lines = Steps.Derive(Expr.Parse("exp(2x)"), Expr.Symbol("x"), out _);

        Assert.Equal(
            [
                "d/dx [exp(2*x)]",
                "  = exp(2*x)*d/dx [2*x]            (exp rule, chain rule)",
                "    d/dx [2*x] = 2*d/dx [x] = 2    (constant multiple rule, variable)",
                "  = exp(2*x)*2",
                "  = 2*exp(2*x)                     (simplify)",
            ],
            lines);
    }

    [Fact]
    public void Derive_SigmoidAsInTheNotes_Golden()
    {
        var lines = Steps.Derive(Expr.Parse("1/(1 + exp(-z))"), Expr.Symbol("z"), out _);

        Assert.Equal(
            [
                "d/dz [1/(exp(-z) + 1)]",
                "  = -1*(exp(-z) + 1)^-2*d/dz [exp(-z) + 1]                       (power rule, chain rule)",
                "    d/dz [exp(-z) + 1] = d/dz [exp(-z)] + d/dz [1] = -exp(-z)    (sum rule, constant rule)",
                "      d/dz [exp(-z)] = exp(-z)*d/dz [-z] = -exp(-z)              (exp rule, chain rule)",
                "        d/dz [-z] = -1*d/dz [z] = -1                             (constant multiple rule, variable)",
                "  = -1*(exp(-z) + 1)^-2*(-exp(-z))",
                "  = exp(-z)/(exp(-z) + 1)^2                                      (simplify)",
            ],
            lines);
    }

    [Fact]
    public void Derive_SigmoidByItsRule_Golden()
    {
        var lines = Steps.Derive(Expr.Parse("sigmoid(z)"), Expr.Symbol("z"), out var result);

        Assert.Equal(
            [
                "d/dz [sigmoid(z)]",
                "  = sigmoid(z)*(1 - sigmoid(z))    (sigmoid rule)",
            ],
            lines);
        Assert.Equal("sigmoid(z)*(1 - sigmoid(z))", result.ToString());
    }

    [Fact]
    public void Derive_Quotient_Golden()
    {
        var lines = Steps.Derive(Expr.Parse("x/(x^2 + 1)"), Expr.Symbol("x"), out _);

        Assert.Equal(
            [
                "d/dx [x/(x^2 + 1)]",
                "  = (d/dx [x]*(x^2 + 1) - x*d/dx [x^2 + 1])/(x^2 + 1)^2    (quotient rule, variable)",
                "    d/dx [x^2 + 1] = d/dx [x^2] + d/dx [1] = 2*x           (sum rule, constant rule)",
                "      d/dx [x^2] = 2*x                                     (power rule)",
                "  = (1*(x^2 + 1) - x*(2*x))/(x^2 + 1)^2",
                "  = 1/(x^2 + 1) - 2*x^2/(x^2 + 1)^2                        (simplify)",
            ],
            lines);
    }

    [Fact]
    public void Derive_PartialDerivative_TreatsOtherSymbolsAsConstants()
    {
        var lines = Steps.Derive(Expr.Parse("3x^2 y^3"), Expr.Symbol("x"), out var result);

        Assert.Equal("6*x*y^3", result.ToString());
        Assert.Equal("  = 3*y^3*d/dx [x^2]    (constant multiple rule)", lines[1]);
        Assert.Contains(lines, l => l.Trim().StartsWith("d/dx [x^2] = 2*x") && l.EndsWith("(power rule)"));
    }

    [Fact]
    public void Derive_SharedSubderivative_IsWorkedOutOnce()
    {
        var lines = Steps.Derive(Expr.Parse("sin(x^2) + cos(x^2)"), Expr.Symbol("x"), out _);

        Assert.Single(lines, l => l.Trim().StartsWith("d/dx [x^2] ="));
    }

    [Fact]
    public void Derive_SuccessiveVariables_ShowsEachDerivative()
    {
        var e = Expr.Parse("x^3 y^2");
        var (x, y) = (Expr.Symbol("x"), Expr.Symbol("y"));

        var lines = Steps.Derive(e, [x, x, y], out var result);

        Assert.Same(Differentiator.Diff(Differentiator.Diff(Differentiator.Diff(e, x), x), y), result);
        Assert.Equal(["d/dx [x^3*y^2]", "d/dx [3*x^2*y^2]", "d/dy [6*x*y^2]"], lines.Where(l => l.StartsWith('d')));
    }

    [Fact]
    public void Derive_RandomExpressions_NeverThrowsAndEndsWithDifferentiatorsResult()
    {
        var x = Expr.Symbol("x");
        Prop.ForAll(ExprGenerators.Arbitrary(), e =>
            {
                var lines = Steps.Derive(e, x, out var result);
                Assert.Same(Differentiator.Diff(e, x), result);
                Assert.Equal($"d/dx [{e}]", lines[0]);
                Assert.True(lines[^1] == $"  = {result}" || lines[^1].StartsWith($"  = {result}  "), string.Join("\n", lines));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Derive_DeeperRandomExpressionsWithFloats_NeverThrows()
    {
        var x = Expr.Symbol("x");
        Prop.ForAll(ExprGenerators.Arbitrary(maxDepth: 6, floats: true), e =>
            {
                var lines = Steps.Derive(e, x, out var result);
                Assert.Same(Differentiator.Diff(e, x), result);
                Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l)));
            })
            .Check(Checks.Quick.WithMaxTest(500));
    }

    // ---------------------------------------------------------------- the REPL operation

    private static StatementOutcome Run(string source) => new Session().Execute(source).Last();

    [Fact]
    public void Repl_StepsOfDiff_PrintsTheStepsThenTheValue()
    {
        var outcome = Run("steps(diff(x*exp(x), x))");

        Assert.Null(outcome.Error);
        var expected = Steps.Derive(Expr.Parse("x*exp(x)"), Expr.Symbol("x"), out _).Append("x*exp(x) + exp(x)");
        Assert.Equal(expected, outcome.Output);
    }

    [Fact]
    public void Repl_StepsWithVariable_SameAsStepsOfDiff()
    {
        Assert.Equal(Run("steps(diff(1/(1 + exp(-z)), z))").Output, Run("steps(1/(1 + exp(-z)), z)").Output);
    }

    [Fact]
    public void Repl_Steps_UsesBindingsAndUserFunctions()
    {
        var outcomes = new Session().Execute("s(t) = 1/(1 + exp(-t))\nk = 3\nsteps(diff(s(k*z), z))").ToList();

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal("d/dz [1/(exp(-3*z) + 1)]", outcomes[2].Output[0]);
        Assert.Equal(Run("diff(1/(1 + exp(-3z)), z)").Output[0], outcomes[2].Output[^1]);
    }

    [Fact]
    public void Repl_SecondDerivative_ShowsEachSuccessiveDerivative()
    {
        var outcome = Run("steps(diff(x^3, x, 2))");

        Assert.Null(outcome.Error);
        Assert.Equal(["d/dx [x^3]", "d/dx [3*x^2]"], outcome.Output.Where(l => l.StartsWith('d')));
        Assert.Equal("6*x", outcome.Output[^1]);
    }

    [Fact]
    public void Repl_SecondDerivativeThatIsANumber_IsThatNumber()
    {
        var outcome = Run("steps(diff(x^2, x, 2))");

        Assert.Null(outcome.Error);
        Assert.Equal("2", outcome.Output[^1]);
    }

    [Fact]
    public void Repl_MixedPartial_ShowsEachVariableInTurn()
    {
        var outcome = Run("steps(diff(x^2*y, x, y))");

        Assert.Null(outcome.Error);
        Assert.Equal(["d/dx [x^2*y]", "d/dy [2*x*y]"], outcome.Output.Where(l => l.StartsWith('d')));
        Assert.Equal(Run("diff(x^2*y, x, y)").Output, outcome.Output.TakeLast(1));
    }

    [Fact]
    public void Repl_SingleFreeSymbol_NeedsNoVariable()
    {
        var outcome = Run("steps(diff(sin(t)))");

        Assert.Null(outcome.Error);
        Assert.Equal("cos(t)", outcome.Output[^1]);
    }

    [Theory]
    // source, the text the error points at (its first occurrence), message
    [InlineData("steps(x^2)", "x^2", "steps expects diff(e, x)")]
    [InlineData("steps(sin(x))", "sin(x)", "steps expects diff(e, x)")]
    [InlineData("steps(diff(x*y))", "diff(x*y)", "steps expects diff(e, x): name the variable")]
    [InlineData("steps(diff([x, x^2], x))", "[x, x^2]", "steps works on a scalar expression")]
    [InlineData("steps(diff(x^2, 2))", " 2", "a derivative order must follow a variable, as in diff(e, x, 2)")]
    [InlineData("steps(diff(x^2, x^2))", " x^2", "expected a variable to differentiate by (a symbol), got 'x^2'")]
    [InlineData("steps(diff(x^2, x, 11))", "11", "expected a derivative order (an integer from 0 to 10), got '11'")]
    [InlineData("steps(diff(x^2, x, n = 1))", "n = 1", "diff takes no named arguments")]
    [InlineData("steps(diff(x, x, y, z, a, b, c, d, f, h, k, m))", "diff(x, x, y, z, a, b, c, d, f, h, k, m)", "steps shows at most 10 successive derivatives")]
    public void Repl_WrongShape_ErrorAtTheArgument(string source, string at, string message)
    {
        var outcome = Run(source);

        Assert.NotNull(outcome.Error);
        Assert.Equal(message, outcome.Error!.Message);
        var trimmed = at.TrimStart();
        Assert.Equal(new TextSpan(source.IndexOf(at) + at.Length - trimmed.Length, trimmed.Length), outcome.Error.Span);
        Assert.Empty(outcome.Output);
    }

    [Fact]
    public void Repl_NoArgument_ErrorAtTheCall()
    {
        var outcome = Run("steps()");

        Assert.Equal("steps expects diff(e, x)", outcome.Error!.Message);
    }
}
