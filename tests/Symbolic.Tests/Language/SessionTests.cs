using Symbolic.Language;

namespace Symbolic.Tests.Language;

public sealed class SessionTests
{
    [Theory]
    [InlineData("0.8*x", true)]
    [InlineData("1e-3", true)]
    [InlineData("1/2 + x", false)]
    [InlineData("diff(0.8y^4, y)", true)]
    public void Value_CarriesDecimalStyleOfItsLiterals(string input, bool decimals)
    {
        Assert.Equal(decimals, new Session().Evaluate(input).Decimals);
    }

    [Fact]
    public void Bindings_KeepTheDecimalStyle()
    {
        var session = new Session();
        session.Execute("a = 0.5\nf(x) = 0.25*x").ToList();
        Assert.True(session.Evaluate("2*a + x").Decimals);
        Assert.True(session.Evaluate("f(y)").Decimals);
        Assert.False(session.Evaluate("2*x").Decimals);
        Assert.True(session.TryGetBinding("a", out var a) && a.Decimals);
    }

    [Fact]
    public void LimitExceeded_IsAnErrorOfThatStatement_AndTheSessionGoesOn()
    {
        var session = new Session(new ComputeContext(ComputeLimits.Default with { MaxMatrixPower = 10 }));
        var outcomes = session.Execute("[[1, 1], [0, 1]]^100\n[[1, 1], [0, 1]]^3").ToList();
        Assert.Equal(ErrorCodes.LimitExceeded, outcomes[0].Error?.Code);
        Assert.Equal(0, outcomes[0].Error!.Span.Start);
        Assert.Equal(["[[1, 3], [0, 1]]"], outcomes[1].Output);
    }

    [Fact]
    public void Cancellation_IsReportedAsCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var session = new Session(new ComputeContext(cancellation: cts.Token));
        var outcome = session.Execute("[[1, 1], [0, 1]]^1000").Single();
        Assert.Equal(ErrorCodes.Cancelled, outcome.Error?.Code);
    }

    [Fact]
    public void ContextPerStatement_IsEnteredWhileTheStatementRuns()
    {
        var seen = new List<ComputeContext>();
        var session = new Session(() => new ComputeContext());
        session.Operations.Add(new OperationDef("probe", "test", "the current context", _ =>
        {
            seen.Add(ComputeContext.Current);
            return new TextValue("ok");
        }) { Forms = [""] });
        session.Execute("probe()\nprobe()").ToList();
        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
        Assert.NotSame(ComputeContext.Default, seen[0]);
        Assert.Same(ComputeContext.Default, ComputeContext.Current);
    }

    [Fact]
    public void Errors_CarryLineAndColumn()
    {
        var outcomes = new Session().Execute("x = 1\n1 + foo(x\n2/0").ToList();
        Assert.Equal("2:10: expected ')' to close '(' at 2:8", outcomes[1].Error?.ToString());
        Assert.Equal((3, 3), outcomes[2].Error?.Position);
    }

    [Theory]
    [InlineData("x = 3\ndiff(x^2, x)", "2:11: 'x' is bound to 3; diff needs a variable")]
    [InlineData("x = y + 1\ndiff(x^2, x)", "2:11: 'x' is bound to y + 1; diff needs a variable")]
    [InlineData("v = [1, 2]\ndiff(y^2, v)", "2:11: 'v' is bound to a vector of length 2; diff needs a variable")]
    [InlineData("x = 3\nsteps(diff(y^2, x))", "2:17: 'x' is bound to 3; diff needs a variable")]
    public void Diff_ByABoundName_SaysWhatTheNameIsBoundTo(string script, string error)
    {
        var outcomes = new Session().Execute(script).ToList();
        Assert.Equal(error, outcomes[^1].Error?.ToString());
    }

    [Fact]
    public void Diff_ByAnOrderBoundToAName_StillTakesTheOrder()
    {
        var outcomes = new Session().Execute("n = 2\ndiff(y^3, y, n)").ToList();
        Assert.Null(outcomes[^1].Error);
        Assert.Equal(["6*y"], outcomes[^1].Output);
    }

    [Theory]
    [InlineData("latex(steps(diff(x^2, x)))", 7)]
    [InlineData("2*steps(diff(x^2, x))", 3)]
    public void Steps_InsideAnotherExpression_IsAnErrorAndPrintsNoSteps(string input, int column)
    {
        var outcome = new Session().Execute(input).Single();
        Assert.Equal((1, column), outcome.Error?.Position);
        Assert.Contains("steps prints a derivation and must be a statement of its own", outcome.Error!.Message);
        Assert.Empty(outcome.Output);
    }
}

public sealed class NameSuggestionTests
{
    [Theory]
    [InlineData("sinn", "sin")]
    [InlineData("Sin", "sin")]
    [InlineData("sigm", "sigmoid")]
    [InlineData("expnad", "expand")]
    [InlineData("hesian", "hessian")]
    [InlineData("factorial", null)]
    [InlineData("f", null)]
    [InlineData("phi", null)]
    [InlineData("net", null)]
    public void Closest_SuggestsOnlyNamesThatAreClose(string name, string? expected)
    {
        var session = new Symbolic.Language.Session();
        var notes = new List<string>();
        session.Note += notes.Add;

        session.Execute($"{name}(x); {name}(y)").ToList();

        Assert.Equal(expected is null ? [] : [$"note: '{name}' is not a known function; did you mean '{expected}'? (treated as an undefined function)"], notes);
    }
}
