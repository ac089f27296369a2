using System.Text.RegularExpressions;
using Symbolic.Language;
using Symbolic.Repl;

namespace Symbolic.Tests.Repl;

/// <summary>
/// docs/LANGUAGE.md is checked against the REPL: every <c>```repl</c> block runs in a new session, input by
/// input as at the prompt (<c>&gt; stmt</c>), and must print the lines that follow it (stdout and stderr in
/// order); and every function, operation and command the registries hold is described there.
/// </summary>
public sealed partial class LanguageDocTests
{
    private static readonly string DocPath = Path.Combine(RepositoryRoot(), "docs", "LANGUAGE.md");

    public static TheoryData<int, string> Blocks()
    {
        var data = new TheoryData<int, string>();
        var lines = File.ReadAllLines(DocPath);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```repl") continue;
            int start = i + 1;
            int end = start;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            data.Add(start + 1, string.Join("\n", lines[start..end]));
            i = end;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void ReplBlock_PrintsWhatTheDocumentShows(int line, string block)
    {
        var session = new Session();
        var printed = new StringWriter { NewLine = "\n" };
        session.Note += printed.WriteLine;
        var expected = new List<string>();
        foreach (var text in block.Split('\n'))
        {
            if (text.StartsWith("> ", StringComparison.Ordinal))
            {
                printed.WriteLine(text);
                expected.Add(text);
                InteractiveLoop.RunInput(session, text[2..], printed, printed, Painter.Plain);
            }
            else expected.Add(text);
        }
        Assert.True(string.Join("\n", expected) == printed.ToString().TrimEnd('\n'),
            $"docs/LANGUAGE.md, the block at line {line}: expected\n{string.Join("\n", expected)}\nbut the REPL printed\n{printed}");
    }

    [Fact]
    public void Document_HasReplBlocks()
    {
        Assert.True(Blocks().Count >= 10);
    }

    [Fact]
    public void EveryFunctionOperationAndCommand_IsDescribed()
    {
        string doc = File.ReadAllText(DocPath);
        var session = new Session();
        var missing = Functions.Functions.All.Select(f => f.Name + "(")
            .Concat(session.Operations.All.Select(o => o.Name + "("))
            .Concat(session.Commands.All.Select(c => "`:" + c.Name))
            .Where(name => !doc.Contains("`" + name.TrimStart('`'), StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/LANGUAGE.md does not describe: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_PointsToTheLanguageReference_AndItsLayoutListsOnlyFoldersThatExist()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains("docs/LANGUAGE.md", readme, StringComparison.Ordinal);

        int layout = readme.IndexOf("## Repository layout", StringComparison.Ordinal);
        Assert.True(layout >= 0, "the README has a layout section");
        string section = readme[layout..];
        section = section[..section.IndexOf("```", section.IndexOf("```", StringComparison.Ordinal) + 3, StringComparison.Ordinal)];
        foreach (Match m in LayoutPath().Matches(section))
        {
            string path = m.Groups[1].Value;
            Assert.True(Directory.Exists(Path.Combine(root, path)) || File.Exists(Path.Combine(root, path)),
                $"the README's layout lists '{path}', which does not exist");
        }
    }

    // A path at the start of a layout line: "src/Symbolic/", "docs/ARCHITECTURE.md", ".ci/run".
    [GeneratedRegex(@"^([.\w-]+/[\w./-]*)", RegexOptions.Multiline)]
    private static partial Regex LayoutPath();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Symbolic.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Symbolic.sln not found above the test assembly");
    }
}
