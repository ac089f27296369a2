using Symbolic.Language;
using Symbolic.Repl;

namespace Symbolic.Tests.Repl;

/// <summary>
/// Every example that <c>:help NAME</c> prints, read back from the help text itself (not from the tables),
/// runs through the batch runner and prints what the help says.
/// </summary>
public sealed class HelpExamplesTests
{
    public static TheoryData<string, string, string> HelpExamples()
    {
        var data = new TheoryData<string, string, string>();
        var session = new Session();
        var names = session.Operations.All.Select(o => o.Name)
            .Concat(Functions.Functions.All.Select(f => f.Name))
            .Concat(session.Commands.All.Select(c => ":" + c.Name));
        foreach (var name in names)
            foreach (var (input, output) in ExamplesIn(session.Execute(":help " + name).Single().Output))
                data.Add(name, input, output);
        return data;
    }

    // The lines after "examples:": "  > input", then its output lines, indented by two spaces.
    private static IEnumerable<(string Input, string Output)> ExamplesIn(IReadOnlyList<string> help)
    {
        int start = help.ToList().IndexOf("examples:");
        if (start < 0) yield break;
        string? input = null;
        var output = new List<string>();
        foreach (var line in help.Skip(start + 1))
        {
            if (line.StartsWith("  > ", StringComparison.Ordinal))
            {
                if (input is not null) yield return (input, string.Join("\n", output));
                input = line[4..];
                output.Clear();
            }
            else output.Add(line.StartsWith("  ", StringComparison.Ordinal) ? line[2..] : line);
        }
        if (input is not null) yield return (input, string.Join("\n", output));
    }

    [Theory]
    [MemberData(nameof(HelpExamples))]
    public void HelpExample_PrintsWhatTheHelpShows(string name, string input, string output)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };

        int exitCode = BatchRunner.Run(input, stdout, stderr);

        Assert.True(exitCode == 0, $":help {name}: '{input}' failed: {stderr}");
        Assert.Equal(output, stdout.ToString().TrimEnd('\n'));
    }

    [Fact]
    public void HelpExamples_ShowEveryOperation_AndEveryCoreOperationTwice()
    {
        var examples = HelpExamples().Select(row => (string)row[0]).ToList();
        var core = new OperationTable();
        CoreOperations.Register(core);
        foreach (var operation in new Session().Operations.All)
        {
            int wanted = core.Contains(operation.Name) ? 2 : 1;
            Assert.True(examples.Count(n => n == operation.Name) >= wanted, $":help {operation.Name} shows fewer than {wanted} examples");
        }
    }

    [Fact]
    public void Help_HasOneLinePerFunctionOperationAndCommand_UnderGroupHeadings()
    {
        var session = new Session();
        var lines = session.Execute(":help").Single().Output;

        foreach (var f in Functions.Functions.All) Assert.Single(lines, l => l.StartsWith("  " + f.Name + " ", StringComparison.Ordinal));
        foreach (var o in session.Operations.All) Assert.Single(lines, l => l.StartsWith("  " + o.Name + " ", StringComparison.Ordinal));
        foreach (var c in session.Commands.All) Assert.Single(lines, l => l.StartsWith("  :" + c.Name + " ", StringComparison.Ordinal));
        Assert.Contains("Operations, calculus:", lines);
        Assert.Contains("Commands:", lines);
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"help line too long: {l}"));
    }
}
