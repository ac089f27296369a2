using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Symbolic.Language;
using Symbolic.Syntax;

namespace Symbolic.Tests.Repl;

/// <summary>
/// Golden REPL transcripts (Crafting Interpreters style): each file under <c>golden/</c> is a script
/// whose statements are followed by the lines they must print, written as comments:
/// <code>
/// 2^3^2
/// # expect: 512
/// 1/0
/// # error: division by zero
/// foo(
/// # error: 5:5: expected an expression
/// </code>
/// <c># expect: text</c> is one stdout line; <c># error: message</c> is an error of that message, and
/// <c># error: L:C: message</c> also pins its position. An expectation belongs to the nearest statement
/// line above it, so a value printed by the wrong statement fails the test. Since '#' starts a comment,
/// each file runs unchanged in the REPL: <c>symbolic tests/Symbolic.Tests/Repl/golden/basics.txt</c>.
/// </summary>
public sealed class GoldenTranscriptTests
{
    private static readonly Regex Expectation = new(@"^\s*#\s*(?<kind>expect|error):\s?(?<text>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Positioned = new(@"^\d+:\d+: ", RegexOptions.CultureInvariant);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(GoldenDirectory(), "*.txt").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Transcript_MatchesExpectedLines(string file)
    {
        string source = File.ReadAllText(Path.Combine(GoldenDirectory(), file)).Replace("\r\n", "\n");
        var expected = ParseExpectations(source);
        Assert.NotEmpty(expected);

        var actual = Run(source, positioned: expected.Where(e => e.Kind == "error").Select(e => Positioned.IsMatch(e.Text)).ToList());

        if (!expected.SequenceEqual(actual))
            Assert.Fail($"{file}: transcript differs.\n--- expected (line: kind text)\n{Show(expected)}\n--- actual\n{Show(actual)}");
    }

    [Fact]
    public void GoldenDirectory_HoldsTheCoreTranscripts()
    {
        var names = Directory.GetFiles(GoldenDirectory(), "*.txt").Select(Path.GetFileName).ToHashSet();
        Assert.Contains("basics.txt", names);
        Assert.Contains("errors.txt", names);
        Assert.Contains("calculus.txt", names);
    }

    private sealed record Line(int Owner, string Kind, string Text);

    // The expectations in file order, each tagged with the line of the statement it belongs to.
    private static List<Line> ParseExpectations(string source)
    {
        var result = new List<Line>();
        var lines = source.Split('\n');
        int owner = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var match = Expectation.Match(lines[i]);
            if (match.Success)
            {
                Assert.True(owner > 0, $"line {i + 1}: an expectation before any statement");
                result.Add(new Line(owner, match.Groups["kind"].Value, match.Groups["text"].Value.TrimEnd()));
            }
            else if (lines[i].Trim() is { Length: > 0 } text && !text.StartsWith('#'))
            {
                owner = i + 1;
            }
        }
        return result;
    }

    // What the REPL prints, as the same kind of lines; an error shows its position only where the
    // matching expectation asks for one (the n-th error against the n-th '# error:').
    private static List<Line> Run(string source, List<bool> positioned)
    {
        var text = new SourceText(source);
        var result = new List<Line>();
        int errors = 0;
        foreach (var outcome in new Session().Execute(source))
        {
            int owner = text.LineColumn(outcome.Span.Start).Line;
            foreach (var value in outcome.Output) result.Add(new Line(owner, "expect", value));
            if (outcome.Error is { } error)
            {
                var (line, column) = text.LineColumn(error.Span.Start);
                bool withPosition = errors < positioned.Count && positioned[errors];
                result.Add(new Line(owner, "error", withPosition ? $"{line}:{column}: {error.Message}" : error.Message));
                errors++;
            }
            if (outcome.Quit) break;
        }
        return result;
    }

    private static string Show(IEnumerable<Line> lines)
    {
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l.Owner).Append(": ").Append(l.Kind).Append(' ').AppendLine(l.Text);
        return sb.ToString();
    }

    // The golden files are read from the source tree, so they need no copying into the build output
    // (which may live elsewhere, e.g. with --artifacts-path).
    private static string GoldenDirectory([CallerFilePath] string thisFile = "")
    {
        var candidates = new List<string> { Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "golden") };
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                candidates.Add(Path.Combine(dir.FullName, "tests", "Symbolic.Tests", "Repl", "golden"));
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException("tests/Symbolic.Tests/Repl/golden not found; looked in: " + string.Join(", ", candidates));
    }
}
