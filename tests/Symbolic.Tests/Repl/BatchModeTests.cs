using System.Diagnostics;
using System.Text;

namespace Symbolic.Tests.Repl;

/// <summary>
/// End-to-end tests of the built <c>symbolic</c> program: started as a process (<c>dotnet symbolic.dll</c>,
/// copied next to this test assembly by the project reference), fed through stdin, <c>-e</c> or a file,
/// checking stdout, stderr and the exit code exactly. stdin is always redirected, so this runs on CI
/// without a terminal.
/// </summary>
public sealed class BatchModeTests
{
    [Fact]
    public void Stdin_ScriptWithAnError_PrintsValuesAndCaretAndExitsWithOne()
    {
        var result = SymbolicProcess.Run(stdin: "2^3^2\nx = 3\nfoo(x\nx + 1\n");

        Assert.Equal(["512", "4"], result.StdoutLines);
        Assert.Equal(
            [
                "error: 3:6: expected ')' to close '(' at 3:4",
                "  foo(x",
                "       ^",
            ],
            result.StderrLines);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Stdin_NoErrors_ExitsWithZeroAndPrintsNothingForBindings()
    {
        var result = SymbolicProcess.Run(stdin: "# a comment\nf(x, y) = x^2 + y\na = 2\n\nf(a, 1)\ndiff(x^3, x)\n");

        Assert.Equal(["5", "3*x^2"], result.StdoutLines);
        Assert.Empty(result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Stdin_Empty_ExitsWithZeroAndPrintsNothing()
    {
        var result = SymbolicProcess.Run(stdin: "");

        Assert.Empty(result.StdoutLines);
        Assert.Empty(result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Stdin_CaretRunCoversTheSpan()
    {
        var result = SymbolicProcess.Run(stdin: "1 + 1\nsin(x, y)\n");

        Assert.Equal(["2"], result.StdoutLines);
        Assert.Equal(
            [
                "error: 2:1: function 'sin' takes 1 argument, got 2",
                "  sin(x, y)",
                "  ^~~",
            ],
            result.StderrLines);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Stdin_TabsInTheSourceLine_AreKeptInTheCaretPadding()
    {
        var result = SymbolicProcess.Run(stdin: "\t1 +\t\n");

        Assert.Equal(
            [
                "error: 1:5: unexpected end of line after '+'",
                "  \t1 +\t",
                "  \t   ^",
            ],
            result.StderrLines);
    }

    [Fact]
    public void Stdin_Quit_StopsTheRun()
    {
        var result = SymbolicProcess.Run(stdin: "1 + 1\n:quit\n1/0\n2 + 2\n");

        Assert.Equal(["2"], result.StdoutLines);
        Assert.Empty(result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Stdin_WindowsLineEndings_AreAccepted()
    {
        var result = SymbolicProcess.Run(stdin: "a = 2\r\na^2\r\n");

        Assert.Equal(["4"], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Eval_SeveralStatements_RunAsOneScriptNumberedByIndex()
    {
        var result = SymbolicProcess.Run(args: ["-e", "a = 3", "-e", "a(x + 1)", "--eval", "1/0", "-e", "a^2"]);

        Assert.Equal(["3*x + 3", "9"], result.StdoutLines);
        Assert.Equal(
            [
                "error: 3:3: division by zero",
                "  1/0",
                "    ^",
            ],
            result.StderrLines);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Eval_IgnoresStdin()
    {
        var result = SymbolicProcess.Run(args: ["-e", "2 + 2"], stdin: "1/0\n");

        Assert.Equal(["4"], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void File_RunsTheScript()
    {
        string path = Path.Combine(Path.GetTempPath(), $"symbolic-test-{Guid.NewGuid():N}.sym");
        try
        {
            File.WriteAllText(path, "# derivatives\nf = x*exp(x)\ndiff(f, x)\ngrad(x^2 + y^2)\nbad)\n3/90\n");
            var result = SymbolicProcess.Run(args: [path]);

            Assert.Equal(["x*exp(x) + exp(x)", "[2*x, 2*y]", "1/30"], result.StdoutLines);
            Assert.Equal(
                [
                    "error: 5:4: unexpected ')'",
                    "  bad)",
                    "     ^",
                ],
                result.StderrLines);
            Assert.Equal(1, result.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void File_Missing_ReportsAndExitsWithTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"symbolic-missing-{Guid.NewGuid():N}.sym");

        var result = SymbolicProcess.Run(args: [path]);

        Assert.Empty(result.StdoutLines);
        Assert.Equal([$"error: cannot read '{path}': no such file"], result.StderrLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void UnknownOption_IsAUsageErrorWithExitCodeTwo()
    {
        var result = SymbolicProcess.Run(args: ["--frobnicate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdoutLines);
        Assert.Equal("error: unknown option '--frobnicate'", result.StderrLines[0]);
        Assert.Contains(result.StderrLines, l => l.Contains("symbolic [<FILE>] [options]", StringComparison.Ordinal));
    }

    [Fact]
    public void AfterDoubleDash_AWordWithADashIsAFileName()
    {
        var result = SymbolicProcess.Run(args: ["--", "--frobnicate"]);

        Assert.Equal(["error: cannot read '--frobnicate': no such file"], result.StderrLines);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void Help_ListsTheExitCodes()
    {
        var result = SymbolicProcess.Run(args: ["--help"]);

        foreach (var code in new[] { "0 ", "1 ", "2 ", "70 " })
            Assert.Contains(result.StdoutLines, l => l.TrimStart().StartsWith(code, StringComparison.Ordinal));
    }

    [Fact]
    public void CallOfANameCloseToAKnownOne_NotesItOnStderrOncePerName_AndKeepsStdout()
    {
        var result = SymbolicProcess.Run(args: ["-e", "sinn(x); Sin(x); sigm(0); factorial(5); sinn(2); f(x)"]);

        Assert.Equal(["sinn(x)", "Sin(x)", "sigm(0)", "factorial(5)", "sinn(2)", "f(x)"], result.StdoutLines);
        Assert.Equal(
            [
                "note: 'sinn' is not a known function; did you mean 'sin'? (treated as an undefined function)",
                "note: 'Sin' is not a known function; did you mean 'sin'? (treated as an undefined function)",
                "note: 'sigm' is not a known function; did you mean 'sigmoid'? (treated as an undefined function)",
            ],
            result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Help_PrintsUsageAndExitsWithZero()
    {
        var result = SymbolicProcess.Run(args: ["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.StdoutLines, l => l.Contains("symbolic [<FILE>] [options]", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.Contains("--eval", StringComparison.Ordinal));
        Assert.Empty(result.StderrLines);
    }

    [Fact]
    public void Version_PrintsNameAndVersionAndExitsWithZero()
    {
        var result = SymbolicProcess.Run(args: ["--version"]);

        Assert.Equal(["symbolic 0.1.0"], result.StdoutLines);
        Assert.Empty(result.StderrLines);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void DeepExpression_RunsWithoutOverflowingTheStack()
    {
        const int depth = 3000;
        string deep = string.Concat(Enumerable.Repeat("sin(", depth)) + "x" + new string(')', depth);

        var result = SymbolicProcess.Run(stdin: deep + "\n1 + 1\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.StdoutLines.Count);
        Assert.Equal(deep, result.StdoutLines[0]);
        Assert.Equal("2", result.StdoutLines[1]);
    }

    [Fact]
    public void TooDeepExpression_IsAnErrorNotACrash()
    {
        string deep = new string('(', 20_000) + "x" + new string(')', 20_000);

        var result = SymbolicProcess.Run(stdin: deep + "\n1 + 1\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["2"], result.StdoutLines);
        Assert.Equal(3, result.StderrLines.Count);
        Assert.StartsWith("error: 1:", result.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("nested too deeply", result.StderrLines[0], StringComparison.Ordinal);
        Assert.True(result.StderrLines[1].Length < 200, "a long source line is shown as a window around the error");
        Assert.EndsWith("^", result.StderrLines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Unicode_RoundTripsThroughStdinAndStdout()
    {
        var result = SymbolicProcess.Run(stdin: "diff(θ^2, θ)\n");

        Assert.Equal(["2*θ"], result.StdoutLines);
        Assert.Equal(0, result.ExitCode);
    }

    /// <summary>Starts the built program and collects what it prints.</summary>
    internal static class SymbolicProcess
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        public static Result Run(string[]? args = null, string? stdin = null)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "symbolic.dll");
            Assert.True(File.Exists(dll), $"the REPL was not built next to the tests: {dll}");

            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardInputEncoding = new UTF8Encoding(false),
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(dll);
            foreach (var arg in args ?? []) start.ArgumentList.Add(arg);
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["NO_COLOR"] = "1";

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start symbolic");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.Write(stdin ?? "");
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program may exit without reading stdin (--version, -e); that is fine.
            }
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"symbolic did not finish within {Timeout.TotalSeconds} s");
            }
            process.WaitForExit();
            return new Result(process.ExitCode, Lines(stdout.Result), Lines(stderr.Result));
        }

        private static List<string> Lines(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        // `dotnet test` tells child processes where its host is; otherwise use the host running the
        // tests when it is dotnet, else whatever 'dotnet' is on PATH.
        private static string DotnetHost()
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
            if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet") return path;
            return "dotnet";
        }
    }

    internal sealed record Result(int ExitCode, List<string> StdoutLines, List<string> StderrLines);
}
