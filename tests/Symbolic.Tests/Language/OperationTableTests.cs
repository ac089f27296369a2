using Symbolic.Language;

namespace Symbolic.Tests.Language;

public sealed class OperationTableTests
{
    public static TheoryData<string, string, string> Examples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var operation in new Session().Operations.All)
            foreach (var example in operation.Examples)
                data.Add(operation.Name, example.Input, example.Output);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_PrintsWhatTheHelpSays(string operation, string input, string output)
    {
        var outcome = Assert.Single(new Session().Execute(input));
        Assert.Null(outcome.Error);
        Assert.Equal(output, string.Join("\n", outcome.Output));
        Assert.NotNull(operation);
    }

    [Fact]
    public void EveryCoreOperation_HasFormsADescriptionAndAnExample()
    {
        foreach (var operation in new Session().Operations.All)
        {
            Assert.NotEmpty(operation.Forms);
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), operation.Name);
            Assert.NotEmpty(operation.Examples);
        }
    }

    [Fact]
    public void EveryOperationName_IsReservedByExprParse()
    {
        // Expr.Parse must call each language operation an operation, not an undefined function.
        foreach (var operation in new Session().Operations.All.Where(o => o.Name != "diff"))
            Assert.True(Binder.LanguageOperations.Contains(operation.Name), operation.Name);
    }

    [Theory]
    [InlineData("e", 1, 1)]
    [InlineData("e, [x, y], [a, b], n", 4, 4)]
    [InlineData("e, x, y, ...", 3, int.MaxValue)]
    [InlineData("e, x = v, ...", 1, int.MaxValue)]
    [InlineData("diff(e, x)", 1, 1)]
    public void Forms_CountPositionalParameters(string form, int min, int max)
    {
        var op = new OperationDef("f", "g", "d", _ => new TextValue("")) { Forms = [form] };
        Assert.Equal(min, op.MinArguments);
        Assert.Equal(max, op.MaxArguments);
    }

    [Fact]
    public void Add_SameNameTwice_Throws()
    {
        var table = new OperationTable();
        table.Add(new OperationDef("f", "g", "d", _ => new TextValue("")));
        Assert.Throws<ArgumentException>(() => table.Add(new OperationDef("f", "g", "d", _ => new TextValue(""))));
    }

    [Fact]
    public void Add_OptionDefaultThatDoesNotParse_Throws()
    {
        var op = new OperationDef("f", "g", "d", _ => new TextValue("")) { Options = [new OperationOption("rate", "0.1)", "typo")] };
        Assert.Throws<ArgumentException>(() => new OperationTable().Add(op));
    }

    /// <summary>What another assembly (solvers, plotting) does: register an operation with an option.</summary>
    private sealed class Scaling : ILanguageExtension
    {
        public void Register(Session session) => session.Operations.Add(new OperationDef("scale", "algebra", "e times a factor",
            c => new ExprValue(c.ExprArg(0) * ((ExprValue)c.Option("factor")).Expr))
        {
            Forms = ["e"],
            Options = [new OperationOption("factor", "2", "what to multiply by")],
            Examples = [new("scale(x)", "2*x"), new("scale(x, factor = 3)", "3*x")],
        });
    }

    [Theory]
    [InlineData("scale(x)", "2*x")]
    [InlineData("scale(x + 1, factor = y)", "y*(x + 1)")]
    public void Extension_OperationWithOption_UsesGivenValueOrDefault(string input, string expected)
    {
        var session = new Session(null, new Scaling());
        var outcome = Assert.Single(session.Execute(input));
        Assert.Null(outcome.Error);
        Assert.Equal(expected, Assert.Single(outcome.Output));
    }

    [Theory]
    [InlineData("scale(x, rate = 3)", "scale has no option 'rate'; options: factor", 9)]
    [InlineData("scale(x, y)", "scale takes 1 argument, got 2; usage: scale(e)", 0)]
    public void Extension_BadCall_IsLocatedError(string input, string message, int column)
    {
        var outcome = Assert.Single(new Session(null, new Scaling()).Execute(input));
        Assert.Equal(message, outcome.Error?.Message);
        Assert.Equal(column, outcome.Error!.Span.Start);
    }

    [Fact]
    public void Help_ListsRegisteredOperationsFunctionsAndCommands()
    {
        var lines = new Session(null, new Scaling()).Execute(":help").Single().Output;
        Assert.Contains(lines, l => l.TrimStart().StartsWith("scale ") && l.Contains("e times a factor"));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("sigmoid "));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("taylor "));
        Assert.Contains(lines, l => l.TrimStart().StartsWith(":vars "));
        Assert.Contains(lines, l => l.TrimStart().StartsWith("sqrt "));
    }

    [Fact]
    public void HelpName_ShowsFormsOptionsWithDefaultsAndExamples()
    {
        var lines = new Session(null, new Scaling()).Execute(":help scale").Single().Output;
        Assert.Equal(
        [
            "scale: e times a factor",
            "  scale(e)",
            "options:",
            "  factor = 2    what to multiply by",
            "examples:",
            "  > scale(x)",
            "  2*x",
            "  > scale(x, factor = 3)",
            "  3*x",
        ], lines);
    }

    [Fact]
    public void HelpUnknownName_IsAnError()
    {
        var outcome = new Session().Execute(":help nothing").Single();
        Assert.Equal("no help for 'nothing'; :help lists every name", outcome.Error?.Message);
    }

    [Fact]
    public void Commands_CanBeRegistered()
    {
        var session = new Session();
        session.Commands.Add(new CommandDef("hello", "say hello", c => c.WriteLine("hello " + c.Argument)));
        Assert.Equal(["hello world"], session.Execute(":hello world").Single().Output);
        Assert.Throws<ArgumentException>(() => session.Commands.Add(new CommandDef("q", "clash", _ => { })));
    }
}
