using Symbolic.Repl;
using Symbolic.Syntax;

namespace Symbolic.Tests.Repl;

/// <summary>
/// The interactive loop and the error formatting, in process (a real terminal cannot be had on CI;
/// the end-to-end runs are in <see cref="BatchModeTests"/>).
/// </summary>
public sealed class InteractiveLoopTests
{
    [Fact]
    public void Run_ErrorsDoNotEndTheSession_AndEndOfInputLeaves()
    {
        var (exitCode, stdout, stderr) = Run("a = 2\nfoo(x\na x\n");

        Assert.Equal(0, exitCode);
        Assert.Equal(
            InteractiveLoop.Greeting + "\n" +
            "> > " +
            "> 2*x\n" +
            "> \n",
            stdout);
        Assert.Equal(
            "error: 1:6: expected ')' to close '(' at 1:4\n" +
            "  foo(x\n" +
            "       ^\n",
            stderr);
    }

    [Fact]
    public void Run_Quit_LeavesWithoutReadingFurther()
    {
        var (exitCode, stdout, stderr) = Run("1 + 1; :quit; 2 + 2\n3 + 3\n");

        Assert.Equal(0, exitCode);
        Assert.Equal(InteractiveLoop.Greeting + "\n> 2\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Greeting_NamesTheVersionAndTheCommands()
    {
        Assert.Equal("Symbolic 0.1.0 — type :help for help, :quit to leave", InteractiveLoop.Greeting);
    }

    [Theory]
    [InlineData("1/0", 2, 1, "  1/0", "    ^")]
    [InlineData("\t x +", 4, 1, "  \t x +", "  \t   ^")]
    [InlineData("sin(x, y)", 0, 3, "  sin(x, y)", "  ^~~")]
    [InlineData("abc", 3, 0, "  abc", "     ^")]
    [InlineData("abc", 1, 50, "  abc", "   ^~")]
    [InlineData("θ + 세계 + x", 9, 1, "  θ + 세계 + x", "             ^")]
    public void Format_PutsTheCaretUnderTheSpan(string source, int start, int length, string line, string caret)
    {
        var lines = DiagnosticPrinter.Format(new SourceText(source), new Diagnostic("message", new TextSpan(start, length)));

        Assert.Equal(3, lines.Count);
        Assert.StartsWith("error: 1:", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(": message", lines[0], StringComparison.Ordinal);
        Assert.Equal(line, lines[1]);
        Assert.Equal(caret, lines[2]);
    }

    [Fact]
    public void Format_UsesTheLineOfTheSpan()
    {
        var source = new SourceText("a = 1\r\nb = 2\nc = )\n");

        var lines = DiagnosticPrinter.Format(source, new Diagnostic("unexpected ')'", new TextSpan(17, 1)));

        Assert.Equal(["error: 3:5: unexpected ')'", "  c = )", "      ^"], lines);
    }

    [Fact]
    public void Format_LongLine_ShowsAWindowAroundTheError()
    {
        string source = new string('(', 5000) + "$" + new string(')', 5000);

        var lines = DiagnosticPrinter.Format(new SourceText(source), new Diagnostic("unexpected character '$'", new TextSpan(5000, 1)));

        Assert.Equal("error: 1:5001: unexpected character '$'", lines[0]);
        Assert.True(lines[1].Length < 200);
        Assert.StartsWith("  ...", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("...", lines[1], StringComparison.Ordinal);
        int caret = lines[2].IndexOf('^');
        Assert.Equal('$', lines[1][caret]);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string input)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exitCode = InteractiveLoop.Run(new StringReader(input), stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}

public sealed class PromptInputTests
{
    [Theory]
    [InlineData("exit", true)]
    [InlineData(" quit ", true)]
    [InlineData("quit()", true)]
    [InlineData("exit()", true)]
    [InlineData("quit + 1", false)]
    [InlineData("Quit", false)]
    public void IsLeaveWord_AcceptsWhatPeopleType(string input, bool leaves) =>
        Assert.Equal(leaves, InteractiveLoop.IsLeaveWord(input));

    [Theory]
    [InlineData("f(x", true)]
    [InlineData("[[1, 2],", true)]
    [InlineData("f(x)", false)]
    [InlineData("f(x))", false)]
    [InlineData("\"(\"", false)]
    [InlineData("x # (", false)]
    [InlineData("f(x, # a comment (\n y", true)]
    public void HasOpenBrackets_CountsBracketsOutsideStringsAndComments(string input, bool open) =>
        Assert.Equal(open, InteractiveLoop.HasOpenBrackets(input));

    [Fact]
    public void JoinBracketedLines_KeepsOffsets_AndEndsStatementsOnlyOutsideBrackets()
    {
        Assert.Equal("f(x,  y)\n2", InteractiveLoop.JoinBracketedLines("f(x,\n y)\n2"));
        Assert.Equal("f(x,            y)", InteractiveLoop.JoinBracketedLines("f(x, # comment\n y)"));
    }

    [Fact]
    public void RunInput_ContinuedLines_AreOneStatement_AndErrorsCountTheirLines()
    {
        var session = new Symbolic.Language.Session();
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };

        InteractiveLoop.RunInput(session, "jacobian([x^2*y,\n5x + sin(y)], [x, y])", output, error, Painter.Plain);
        InteractiveLoop.RunInput(session, "g(1,\n2))", output, error, Painter.Plain);

        Assert.Equal("[[2*x*y, x^2], [5, cos(y)]]\n", output.ToString());
        Assert.Equal("error: 2:3: unexpected ')'\n  2))\n    ^\n", error.ToString());
    }

    [Theory]
    [InlineData("", "hess", new[] { "hessian" })]
    [InlineData("", "diff(si", new[] { "diff(sigmoid", "diff(sign", "diff(simplify", "diff(sin", "diff(sinh" })]
    [InlineData("", ":he", new[] { ":help" })]
    [InlineData("", "myv", new[] { "myvalue" })]
    [InlineData("x + ", "2", null)]
    [InlineData("", "zzz", null)]
    public void Completion_OffersNamesFromTheRegistries(string prefix, string word, string[]? expected)
    {
        var session = new Symbolic.Language.Session();
        session.Execute("myvalue = 3").ToList();

        var completions = new NameCompletion(session).GetCompletions(prefix, word, "")?.ToArray();

        Assert.Equal(expected, completions);
    }
}
