using System.Diagnostics;
using Symbolic.Language;
using Symbolic.Plotting;
using Symbolic.Tests.Repl;

namespace Symbolic.Tests.Language;

/// <summary>
/// The time limit of a statement (<see cref="Session.Timeout"/>, <c>--timeout</c>) and <c>:limits</c>. Each long
/// statement below would run for many seconds (minutes for some); under a limit of 0.2 s it must end with the
/// error "timed out after 200 ms" (code <see cref="ErrorCodes.TimedOut"/>), which shows that its loops look
/// at the deadline, and the session must go on. The elapsed time is only checked against a generous bound
/// that a loop never looking at the deadline would blow (a hang guard, not a speed test).
/// </summary>
public sealed class StatementLimitsTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    [Theory]
    // expansion, and printing its 551,300 terms
    [InlineData("expand((x + y + z + w)^150)")]
    [InlineData("p = expand((x + y + z)^600)")]
    // series
    [InlineData("taylor(exp(sin(x) + cos(x)), x, 0, 1500)")]
    [InlineData("taylor(exp(x*y + sin(x)), [x, y], [0, 0], 250)")] // about 14 s unlimited; 80 became fast enough to finish within the limit
    // differentiation
    [InlineData("diff(x^x^x^x^x, x, 14)")]
    [InlineData("hessian(expand((a + b + c + d + f)^16))")]
    // linear algebra
    [InlineData("det([[a1, a2, a3, a4, a5, a6, a7, a8, a9], [b1, b2, b3, b4, b5, b6, b7, b8, b9], [c1, c2, c3, c4, c5, c6, c7, c8, c9], [d1, d2, d3, d4, d5, d6, d7, d8, d9], [f1, f2, f3, f4, f5, f6, f7, f8, f9], [g1, g2, g3, g4, g5, g6, g7, g8, g9], [h1, h2, h3, h4, h5, h6, h7, h8, h9], [i1, i2, i3, i4, i5, i6, i7, i8, i9], [j1, j2, j3, j4, j5, j6, j7, j8, j9]])")]
    [InlineData("[[1, 2], [3, 4]]^1000000000000")]
    // solvers
    [InlineData("minimize(x^2 + y^2, [x, y], [1, 1], method = \"gd\", rate = 1e-12, iterations = 1000000000)")]
    [InlineData("minimize(x^2 + y^2, [x, y], [1, 1], method = \"adam\", rate = 1e-12, iterations = 1000000000)")]
    [InlineData("newton(x^2 + 1, x, 0.3, iterations = 1000000000, damped = false)")]
    [InlineData("fit(sigmoid(w1*x1 + w2*x2 + b), [w1, w2, b], load(\"data/xor.csv\"), epochs = 1000000000)")]
    // numeric evaluation, substitution, printing forms of a huge expression
    [InlineData("N(expand((x + y + z)^500))")]
    [InlineData("latex(expand((x + y + z)^500))")]
    [InlineData("subs(expand((x + y + z)^500), x = y + z)")]
    [InlineData("eval(expand((x + y + z)^400), x = 1, y = 2, z = 3)")]
    // plotting: sampling, and the contour grid
    [InlineData("plot(expand((x + 1)^6000), x, -1, 1, file = \"PLOT.svg\")")]
    [InlineData("contour(expand((x + y + 1)^150), [x, y], [-1, 1], [-1, 1], file = \"PLOT.svg\")")]
    // huge exact numbers
    [InlineData("3^2000000 + 1")]
    public void LongStatement_EndsWithTimedOut_AndTheSessionGoesOn(string statement)
    {
        string file = Path.Combine(Path.GetTempPath(), $"symbolic-limits-{Environment.ProcessId}-{Guid.NewGuid():N}.svg");
        var session = new Session(null, new PlottingExtension()) { Timeout = Limit };

        var clock = Stopwatch.StartNew();
        var outcomes = RunOnLargeStack(() => session.Execute(statement.Replace("PLOT.svg", file) + "\n1 + 1").ToList());
        clock.Stop();

        Assert.Equal(2, outcomes.Count);
        Assert.Equal(ErrorCodes.TimedOut, outcomes[0].Error?.Code);
        Assert.Equal("timed out after 200 ms", outcomes[0].Error!.Message);
        Assert.Equal(1, outcomes[0].Error!.Position?.Line);
        Assert.Equal(["2"], outcomes[1].Output);
        Assert.True(clock.Elapsed < HangGuard, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Timeout_CountsFromTheStartOfEachStatement()
    {
        // Statements run as the outcomes are read: a pause between them longer than the limit is no one's time.
        var session = new Session { Timeout = TimeSpan.FromMilliseconds(100) };
        using var outcomes = session.Execute("a = 1\na + 1").GetEnumerator();
        Assert.True(outcomes.MoveNext());
        Assert.Null(outcomes.Current.Error);
        Thread.Sleep(300);
        Assert.True(outcomes.MoveNext());
        Assert.Null(outcomes.Current.Error);
        Assert.Equal(["2"], outcomes.Current.Output);
    }

    [Fact]
    public void Timeout_ZeroOrNegative_MeansNone()
    {
        var session = new Session { Timeout = TimeSpan.Zero };
        Assert.Null(session.Timeout);
        session.Timeout = TimeSpan.FromSeconds(-1);
        Assert.Null(session.Timeout);
    }

    [Fact]
    public void GivenContextDeadline_StaysInForceUnderALongerStatementLimit()
    {
        // The host's context allows nothing; ':limits timeout=100' cannot lift that.
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var session = new Session(new ComputeContext(cancellation: cts.Token));
        var outcomes = session.Execute(":limits timeout=100\n[[1, 1], [0, 1]]^1000").ToList();
        Assert.Null(outcomes[0].Error);
        Assert.Equal(ErrorCodes.Cancelled, outcomes[1].Error?.Code);
    }

    [Fact]
    public void Narrow_TakesTheEarlierDeadline_AndKeepsTheToken()
    {
        using var cts = new CancellationTokenSource();
        var outer = new ComputeContext(ComputeLimits.Default with { MaxTerms = 7 }, cts.Token, TimeSpan.FromMilliseconds(1));
        var inner = outer.Narrow(timeout: TimeSpan.FromHours(1));
        Assert.Equal(cts.Token, inner.Cancellation);
        Assert.Equal(7, inner.Limits.MaxTerms);
        Assert.Equal(TimeSpan.FromMilliseconds(1), inner.Timeout);
        Thread.Sleep(20);
        var ex = Assert.Throws<SymbolicException>(inner.ThrowIfStopped);
        Assert.Equal(ErrorCodes.TimedOut, ex.Diagnostic.Code);

        var tighter = new ComputeContext(timeout: TimeSpan.FromHours(1)).Narrow(ComputeLimits.Default with { MaxTerms = 3 }, TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.FromMinutes(1), tighter.Timeout);
        Assert.Equal(3, tighter.Limits.MaxTerms);
        tighter.ThrowIfStopped();
    }

    // ------------------------------------------------------------------ :limits

    [Fact]
    public void LimitsCommand_ShowsTheTimeoutAndEveryBudget()
    {
        var session = new Session { Timeout = TimeSpan.FromSeconds(30) };
        var lines = session.Execute(":limits").Single().Output;

        Assert.StartsWith("timeout ", lines[0], StringComparison.Ordinal);
        Assert.Contains("= 30 ", lines[0], StringComparison.Ordinal);
        // One line per budget of ComputeLimits, showing its default value.
        var budgets = typeof(ComputeLimits).GetProperties().Where(p => p.Name.StartsWith("Max", StringComparison.Ordinal)).ToList();
        Assert.Equal(budgets.Count + 1, lines.Count);
        foreach (var budget in budgets)
        {
            string value = budget.GetValue(ComputeLimits.Default)!.ToString()!;
            Assert.Contains(lines, l => l.Split('=', 2)[1].TrimStart().StartsWith(value + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void LimitsCommand_SetsEveryBudget_AndTheyApply()
    {
        var session = new Session();
        var set = session.Execute(":limits timeout=2.5, terms=100 simplifier_terms = 50 series_order=3 degree=1e3 digits=1_000 expansion_digits=5000 derivative_order=4 matrix_size=3 matrix_power=9").Single();
        Assert.Null(set.Error);
        Assert.Equal(TimeSpan.FromSeconds(2.5), session.Timeout);
        Assert.Equal(new ComputeLimits
        {
            MaxTerms = 100, MaxSimplifierTerms = 50, MaxSeriesOrder = 3, MaxPolynomialDegree = 1000, MaxNumberDigits = 1000,
            MaxExpansionDigits = 5000, MaxDerivativeOrder = 4, MaxMatrixSize = 3, MaxMatrixPower = 9,
        }, session.Limits);

        var outcomes = session.Execute("expand((x + y)^200)\ntaylor(exp(x), x, 0, 4)\ndiff(x^9, x, 5)\n[[1, 1], [0, 1]]^10\n[[1, 1], [0, 1]]^9\n2^4000").ToList();
        Assert.Equal(ErrorCodes.LimitExceeded, outcomes[0].Error?.Code);
        Assert.Equal(ErrorCodes.LimitExceeded, outcomes[1].Error?.Code);
        Assert.NotNull(outcomes[2].Error);
        Assert.Equal(ErrorCodes.LimitExceeded, outcomes[3].Error?.Code);
        Assert.Equal(["[[1, 9], [0, 1]]"], outcomes[4].Output);
        Assert.Equal(ErrorCodes.LimitExceeded, outcomes[5].Error?.Code);

        session.Execute(":limits default timeout=none").ToList();
        Assert.Equal(ComputeLimits.Default, session.Limits);
        Assert.Null(session.Timeout);
    }

    [Theory]
    [InlineData(":limits foo=1", 9, "unknown limit 'foo'")]
    [InlineData(":limits terms=0", 9, "'terms' must be a positive whole number")]
    [InlineData(":limits terms=1.5", 9, "'terms' must be a positive whole number")]
    [InlineData(":limits timeout=5 terms", 19, "expected NAME=VALUE")]
    [InlineData(":limits timeout=-1", 9, "the timeout must be a number of seconds")]
    [InlineData(":limits timeout=abc", 9, "the timeout must be a number of seconds")]
    [InlineData(":limits matrix_size=99999999999", 9, "'matrix_size' can be at most 2147483647")]
    public void LimitsCommand_BadItem_IsALocatedError_AndChangesNothing(string command, int column, string message)
    {
        var session = new Session { Timeout = TimeSpan.FromSeconds(7) };
        var outcome = session.Execute(command).Single();

        Assert.NotNull(outcome.Error);
        Assert.Contains(message, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Equal((1, column), outcome.Error.Position);
        Assert.Null(session.Limits);
        Assert.Equal(TimeSpan.FromSeconds(7), session.Timeout);
    }

    // ------------------------------------------------------------------ the program

    [Fact]
    public void Program_TimeoutOption_EndsTheLongStatementAndGoesOn()
    {
        var result = BatchModeTests.SymbolicProcess.Run(args: ["--timeout", "0.3", "-e", "taylor(exp(sin(x) + cos(x)), x, 0, 1500)", "-e", "1 + 1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["2"], result.StdoutLines);
        Assert.Equal("error: 1:1: timed out after 300 ms", result.StderrLines[0]);
    }

    [Fact]
    public void Program_DefaultTimeout_IsThirtySeconds()
    {
        var result = BatchModeTests.SymbolicProcess.Run(args: ["-e", ":limits"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^timeout +=\s+30\s", result.StdoutLines[0]);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("Infinity")]
    public void Program_BadTimeout_IsAUsageError(string value)
    {
        var result = BatchModeTests.SymbolicProcess.Run(args: ["--timeout", value, "-e", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StdoutLines);
        Assert.StartsWith("error: ", result.StderrLines[0], StringComparison.Ordinal);
        Assert.Contains("--timeout", result.StderrLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Program_Help_DescribesTheTimeout()
    {
        var result = BatchModeTests.SymbolicProcess.Run(args: ["--help"]);

        Assert.Contains(result.StdoutLines, l => l.Contains("--timeout <SECONDS>", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.Contains(":limits", StringComparison.Ordinal));
    }

    // The REPL runs statements on a thread with a large stack; deep expressions need it.
    private static T RunOnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception ex) { error = ex; }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException("the statement threw", error);
        return result;
    }
}
