using System.Diagnostics;

namespace Symbolic.Tests.Repl;

/// <summary>
/// End-to-end tests of the interactive mode as a user meets it: the built <c>symbolic</c> runs in a
/// pseudo-terminal made by tmux, keys are typed with <c>tmux send-keys</c> and the screen is read with
/// <c>tmux capture-pane</c>. Each test has its own tmux server and history file. (.ci/run installs tmux.)
/// </summary>
public sealed class TerminalSessionTests : IDisposable
{
    private readonly string _history = Path.Combine(Path.GetTempPath(), $"symbolic-history-{Guid.NewGuid():N}");
    private readonly List<Terminal> _terminals = new();

    public void Dispose()
    {
        foreach (var terminal in _terminals) terminal.Dispose();
        File.Delete(_history);
    }

    private Terminal Start(params string[] environment)
    {
        var terminal = new Terminal(_history, environment);
        _terminals.Add(terminal);
        terminal.WaitFor("type :help for help");
        return terminal;
    }

    [Fact]
    public void EditingKeys_MoveTheCursorAndDeleteAsInAShell()
    {
        var t = Start();

        t.Type("x+2").Keys("Left", "Left").Type("3*").Keys("Enter");     // the example: x3*+2, not x+23*
        t.WaitFor("2*x3");
        t.Type("1+2").Keys("C-a").Type("5*").Keys("C-e").Type("+10").Keys("Enter");
        t.WaitForLine("17");                                              // 5*1+2+10
        t.Type("9+1000").Keys("Left", "Left", "Left", "Left", "Left", "C-k", "Enter");
        t.WaitForLine("9");
        t.Type("7 + foo").Keys("C-w").Type("1").Keys("Enter");
        t.WaitForLine("8");
        t.Type("2*3").Keys("Home").Type("1+").Keys("End").Type("-1").Keys("Enter");
        t.WaitForLine("6");                                               // 1+2*3-1
    }

    [Fact]
    public void History_IsKeptAcrossSessions()
    {
        var first = Start();
        first.Type("hh = 41").Keys("Enter").Type("hh + 1").Keys("Enter");
        first.WaitForLine("42");
        first.Keys("C-d");
        first.WaitFor("[exited 0]");

        var second = Start();
        second.Keys("Up", "Up", "Enter");                                 // hh = 41, recalled from the first session
        second.WaitFor("> hh = 41");
        second.Keys("Up", "Up", "Enter");                                 // hh + 1
        second.WaitForLine("42");
        Assert.Equal(["hh = 41", "hh + 1"], File.ReadAllLines(_history).Distinct());
    }

    [Fact]
    public void CtrlR_FindsEarlierLinesContainingWhatWasTyped()
    {
        var t = Start();
        t.Type("aa = 1").Keys("Enter").Type("bb = 2").Keys("Enter").Type("aa + 10").Keys("Enter");
        t.WaitForLine("11");

        t.Type("bb").Keys("C-r", "Enter");                                // bb = 2 again: nothing printed
        t.Type("aa").Keys("C-r", "C-r").Type(" + 4").Keys("Enter");       // aa + 10, then aa = 1: aa = 1 + 4
        t.Type("aa").Keys("Enter");
        t.WaitForLine("5");
    }

    [Fact]
    public void Tab_CompletesFunctionsOperationsCommandsAndBoundNames()
    {
        var t = Start();

        t.Type("hess").Keys("Tab").Type("(x^2*y^2)").Keys("Enter");
        t.WaitFor("[[2*y^2, 4*x*y], [4*x*y, 2*x^2]]");
        t.Type("diff(sigm").Keys("Tab").Type("(z), z)").Keys("Enter");
        t.WaitFor("sigmoid(z)*(1 - sigmoid(z))");
        t.Type("myvalue = 3").Keys("Enter").Type("myv").Keys("Tab").Type(" + 1").Keys("Enter");
        t.WaitForLine("4");
        t.Type(":he").Keys("Tab").Type(" taylor").Keys("Enter");
        t.WaitFor("taylor(e, x, a, n)");
    }

    [Fact]
    public void OpenBrackets_ContinueTheInputOnTheNextLine_AndErrorsCountItsLines()
    {
        var t = Start();

        t.Type("jacobian([x^2*y,").Keys("Enter");
        t.WaitFor("...");
        t.Type("5x + sin(y)], [x, y])").Keys("Enter");
        t.WaitFor("[[2*x*y, x^2], [5, cos(y)]]");
        t.Type("g(1,").Keys("Enter").Type("2))").Keys("Enter");
        t.WaitFor("error: 2:3: unexpected ')'");
        t.Type("1 + 1").Keys("Enter");
        t.WaitForLine("2");
    }

    [Fact]
    public void CtrlC_CancelsARunningComputation_AndKeepsTheSessionAndItsBindings()
    {
        var t = Start();
        // The determinant of a 9x9 matrix of distinct symbols has 9! = 362,880 terms: seconds of work.
        var names = Enumerable.Range(0, 81).Select(i => $"m{i}").ToList();
        string matrix = "[" + string.Join(", ", Enumerable.Range(0, 9).Select(r => "[" + string.Join(", ", names.Skip(9 * r).Take(9)) + "]")) + "]";

        t.Type("kk = 7").Keys("Enter");
        t.Type($"M = {matrix}").Keys("Enter");
        t.WaitFor("> M = [[m0,");
        t.Type("dd = det(M)").Keys("Enter");
        // Ctrl-C is a signal, not a key: send it only once the statement runs (its line is the last one
        // shown, with no prompt after it), or it would drop the line still being read.
        t.WaitForComputation("> dd = det(M)");
        Thread.Sleep(1000);
        var stopwatch = Stopwatch.StartNew();
        t.Keys("C-c");
        t.WaitFor("error: 1:6: cancelled");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"cancelling took {stopwatch.Elapsed}");
        t.Type("kk + 1").Keys("Enter");
        t.WaitForLine("8");
        t.Type("dd").Keys("Enter");                                       // the cancelled binding was not made
        t.WaitForLine("dd");
        t.Type("abc").Keys("C-c").Type("kk").Keys("Enter");               // Ctrl-C at the prompt drops the line
        t.WaitForLine("7");
    }

    [Theory]
    [InlineData("C-d")]
    [InlineData("quit")]
    [InlineData("quit()")]
    [InlineData("exit")]
    [InlineData(":quit")]
    public void Leaving_EndsWithExitCodeZero(string how)
    {
        var t = Start();
        t.Type("1 + 1").Keys("Enter");
        t.WaitForLine("2");

        if (how.StartsWith("C-", StringComparison.Ordinal)) t.Keys(how);
        else t.Type(how).Keys("Enter");

        t.WaitFor("[exited 0]");
    }

    [Fact]
    public void ValuesAndErrors_AreColored_UnlessNoColorIsSet()
    {
        var colored = Start();
        colored.Type("1 + 1").Keys("Enter");
        colored.WaitForLine("2");
        Assert.Contains("\u001b[32m2", colored.Screen(escapes: true), StringComparison.Ordinal);

        var plain = Start("NO_COLOR=1");
        plain.Type("1 + 1").Keys("Enter");
        plain.WaitForLine("2");
        Assert.DoesNotContain("\u001b[32m", plain.Screen(escapes: true), StringComparison.Ordinal);
    }

    /// <summary>One tmux server with one window running <c>symbolic</c>; killed when the test ends.</summary>
    private sealed class Terminal : IDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
        // A socket of its own (not under tmux's shared folder), deleted with the server.
        private readonly string _socket = Path.Combine(Path.GetTempPath(), $"symbolic-tmux-{Guid.NewGuid():N}");

        public Terminal(string historyFile, string[] environment)
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "symbolic.dll");
            Assert.True(File.Exists(dll), $"the REPL was not built next to the tests: {dll}");
            string command = $"'{DotnetHost()}' '{dll}'; echo \"[exited $?]\"; sleep 600";
            var args = new List<string> { "new-session", "-d", "-s", "main", "-x", "120", "-y", "50",
                "-e", $"SYMBOLIC_HISTORY={historyFile}", "-e", "TERM=xterm-256color", "-e", "DOTNET_CLI_TELEMETRY_OPTOUT=1" };
            foreach (var variable in environment) args.AddRange(["-e", variable]);
            args.Add(command);
            Tmux(args.ToArray());
        }

        public Terminal Type(string text)
        {
            Tmux("send-keys", "-t", "main", "-l", "--", text);
            return this;
        }

        public Terminal Keys(params string[] keys)
        {
            // One key per call, with a moment between: a real typist never delivers several at once.
            foreach (var key in keys)
            {
                Tmux("send-keys", "-t", "main", key);
                Thread.Sleep(60);
            }
            return this;
        }

        public string Screen(bool escapes = false) =>
            escapes ? Tmux("capture-pane", "-p", "-e", "-t", "main", "-S", "-200") : Tmux("capture-pane", "-p", "-t", "main", "-S", "-200");

        // Each wait also waits for the editor to show its prompt again (the last line is '>' or '...'):
        // keys typed before it reads would be echoed by the terminal's cooked mode instead.
        public void WaitFor(string text) =>
            Wait(screen => screen.Contains(text, StringComparison.Ordinal) && (text.StartsWith("[exited") || Ready(screen)), $"'{text}' and a prompt");

        public void WaitForLine(string line) =>
            Wait(screen => screen.Split('\n').Any(l => l.TrimEnd() == line) && Ready(screen), $"a line '{line}' and a prompt");

        public void WaitForComputation(string line) =>
            Wait(screen => screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Length > 0) == line, $"'{line}' running");

        private static bool Ready(string screen) =>
            screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Length > 0) is ">" or "...";

        private void Wait(Func<string, bool> condition, string what)
        {
            var stopwatch = Stopwatch.StartNew();
            string screen = "";
            while (stopwatch.Elapsed < Patience)
            {
                screen = Screen();
                if (condition(screen)) return;
                Thread.Sleep(100);
            }
            Assert.Fail($"the terminal did not show {what} within {Patience.TotalSeconds} s; it shows:\n{screen}");
        }

        public void Dispose()
        {
            try { Tmux("kill-server"); } catch (Xunit.Sdk.XunitException) { }
            File.Delete(_socket);
        }

        private string Tmux(params string[] args)
        {
            var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-S");
            start.ArgumentList.Add(_socket);
            foreach (var arg in args) start.ArgumentList.Add(arg);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("tmux is needed for the terminal tests (.ci/run installs it: apt-get install tmux)");
                throw;
            }
            using (process)
            {
                string output = process.StandardOutput.ReadToEnd();
                string error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) Assert.Fail($"tmux {string.Join(' ', args)} failed: {error}");
                return output;
            }
        }

        private static string DotnetHost()
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
            if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet") return path;
            return "dotnet";
        }
    }
}
