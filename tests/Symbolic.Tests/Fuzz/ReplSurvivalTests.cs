using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Symbolic.Tests.Repl;

namespace Symbolic.Tests.Fuzz;

/// <summary>
/// REPL survival: <c>hostile.sym</c> (syntax errors, wrong arities and options, huge numbers, deep nesting, a
/// 40,000-character line, bad files, statements that run past the time limit, control characters) piped to the
/// built <c>symbolic</c> program runs to its end. Each statement marked bad is reported on stderr as
/// <c>error: LINE:COL: ...</c> with its source line and a caret, the good ones print what they should, also
/// after the failures and timeouts, and the exit code is 1.
/// </summary>
public sealed partial class ReplSurvivalTests
{
    [Fact]
    public void HostileScript_PipedToTheProgram_RunsToTheEndReportingEachBadStatement()
    {
        string script = File.ReadAllText(ScriptPath()).Replace("\r\n", "\n");
        var expected = Expectations(script);
        Assert.True(expected.Bad.Count >= 40 && expected.Good.Count >= 8, "the script lost its marks");

        var result = BatchModeTests.SymbolicProcess.Run(args: ["--timeout", "1"], stdin: script);

        Assert.Equal(1, result.ExitCode);
        // Every good statement printed, in order, the last one included: the run reached the end.
        Assert.Equal(expected.Good.Select(g => g.Output), result.StdoutLines);
        // Each error is three lines: the header with the statement's position, the source line, the caret.
        Assert.Equal(0, result.StderrLines.Count % 3);
        var headers = result.StderrLines.Where((_, i) => i % 3 == 0).ToList();
        Assert.All(headers, h => Assert.Matches(ErrorHeader(), h));
        Assert.DoesNotContain(result.StderrLines, l => l.Contains("internal error", StringComparison.Ordinal));
        var reported = headers.Select(h => int.Parse(ErrorHeader().Match(h).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected.Bad.Select(b => b.Line), reported);
        for (int i = 0; i < expected.Bad.Count; i++)
        {
            if (expected.Bad[i].Message is { } message)
                Assert.Contains(message, headers[i], StringComparison.Ordinal);
            Assert.EndsWith("^", result.StderrLines[3 * i + 2].TrimEnd('~'), StringComparison.Ordinal);
        }
    }

    private sealed record Bad(int Line, string? Message);

    private sealed record Good(int Line, string Output);

    // "# bad", "# bad: TEXT", "# good: TEXT" at the end of a statement line (a '#' inside a string does not count).
    private static (List<Bad> Bad, List<Good> Good) Expectations(string script)
    {
        var bad = new List<Bad>();
        var good = new List<Good>();
        var lines = script.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('#')) continue;
            int mark = line.LastIndexOf("# ", StringComparison.Ordinal);
            if (mark < 0) continue;
            string note = line[(mark + 2)..].Trim();
            if (note == "bad") bad.Add(new Bad(i + 1, null));
            else if (note.StartsWith("bad: ", StringComparison.Ordinal)) bad.Add(new Bad(i + 1, note[5..]));
            else if (note.StartsWith("good: ", StringComparison.Ordinal)) good.Add(new Good(i + 1, note[6..]));
        }
        return (bad, good);
    }

    [GeneratedRegex(@"^error: (\d+):(\d+): \S")]
    private static partial Regex ErrorHeader();

    private static string ScriptPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile) ?? "", "hostile.sym");
}
