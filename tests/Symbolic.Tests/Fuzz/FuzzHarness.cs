using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Symbolic.Language;
using Symbolic.Plotting;
using Symbolic.Repl;
using Symbolic.Syntax;

namespace Symbolic.Tests.Fuzz;

/// <summary>What one fuzz case did: how it ended, how long it took, and what went wrong (empty when nothing did).</summary>
internal sealed record FuzzCaseResult(int Statements, int Values, IReadOnlyDictionary<string, int> ErrorCodes, TimeSpan Elapsed, IReadOnlyList<FuzzFailure> Failures);

/// <summary>A case that did not end with a value or the library's error: an internal error (another exception
/// type inside a statement), an exception out of the session or the error printer, or a hang.</summary>
/// <param name="Kind">"internal error", "escaped", "printer", "hang".</param>
/// <param name="Detail">The exception with its stack trace, or what hung.</param>
internal sealed record FuzzFailure(string Kind, string Detail)
{
    /// <summary>What makes two failures the same bug: the kind, the exception type and the first frame in Symbolic's code.</summary>
    public string Signature
    {
        get
        {
            var lines = Detail.Split('\n');
            string head = lines[0].Split(':')[0].Trim();
            string frame = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Symbolic.", StringComparison.Ordinal)
                && !l.StartsWith("at Symbolic.Tests.", StringComparison.Ordinal)) ?? "";
            int paren = frame.IndexOf('(');
            return $"{Kind}: {head} {(paren > 0 ? frame[..paren] : frame)}".Trim();
        }
    }
}

/// <summary>
/// Runs fuzz cases as the REPL runs statements: a fresh <see cref="Session"/> per case (with plotting), each
/// statement under a time limit, every error formatted by the REPL's <c>DiagnosticPrinter</c>, on a thread
/// with the REPL's large stack. A watchdog notices a case that goes on long past its deadline (a loop that
/// never looks at the compute context) and reports it instead of waiting for ever.
/// </summary>
internal sealed class FuzzHarness : IDisposable
{
    private const int StackSize = 256 * 1024 * 1024; // as Program.Main gives the REPL

    private Worker _worker = new();

    /// <summary>A scratch folder the fuzz plots may write into (and nowhere else).</summary>
    public static string ScratchFolder { get; } = CreateScratch();

    /// <summary>Runs <paramref name="input"/>; <paramref name="interactive"/> joins bracketed lines first, as the prompt does.</summary>
    public FuzzCaseResult Run(string input, bool interactive = false)
    {
        var job = new Job(input, interactive);
        if (!_worker.TryPost(job))
        {
            _worker = new Worker();
            _worker.TryPost(job);
        }
        var limit = FuzzSettings.CaseBudget + FuzzSettings.Grace;
        if (job.Done.Task.Wait(limit)) return job.Done.Task.Result;
        // Leave the stuck thread behind (a background thread, it cannot be stopped) and go on with a new one.
        _worker.Abandon();
        _worker = new Worker();
        return new FuzzCaseResult(0, 0, new Dictionary<string, int>(), limit,
            [new FuzzFailure("hang", $"still running {limit.TotalSeconds:0} s after it started (case limit {FuzzSettings.CaseBudget.TotalSeconds:0.#} s)")]);
    }

    public void Dispose() => _worker.Stop();

    // Runs on the worker thread.
    private static FuzzCaseResult Execute(string input, bool interactive)
    {
        var failures = new List<FuzzFailure>();
        var codes = new Dictionary<string, int>();
        int statements = 0, values = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            // The case's own deadline stays in force even if a statement says ':limits timeout=0'.
            var caseContext = new ComputeContext(timeout: FuzzSettings.CaseBudget);
            var session = new Session(() => caseContext, new FuzzPlotting()) { Timeout = FuzzSettings.StatementBudget };
            session.InternalError += ex => failures.Add(new FuzzFailure("internal error", ex.ToString()));
            var text = new SourceText(input);
            string source = input;
            if (interactive)
            {
                _ = InteractiveLoop.HasOpenBrackets(input);
                source = InteractiveLoop.JoinBracketedLines(input);
            }
            foreach (var outcome in session.Execute(source))
            {
                statements++;
                if (outcome.Error is { } diagnostic)
                {
                    codes[diagnostic.Code] = codes.GetValueOrDefault(diagnostic.Code) + 1;
                    try
                    {
                        var lines = DiagnosticPrinter.Format(text, diagnostic);
                        if (lines.Count != 3 || !lines[0].StartsWith("error: ", StringComparison.Ordinal))
                            failures.Add(new FuzzFailure("printer", $"unexpected error lines for {diagnostic}: {string.Join(" | ", lines)}"));
                    }
                    catch (Exception ex)
                    {
                        failures.Add(new FuzzFailure("printer", $"{ex}\n(printing {diagnostic})"));
                    }
                }
                else
                {
                    values++;
                }
                if (outcome.Quit) break;
            }
        }
        catch (Exception ex)
        {
            failures.Add(new FuzzFailure("escaped", ex.ToString()));
        }
        return new FuzzCaseResult(statements, values, codes, clock.Elapsed, failures);
    }

    private static string CreateScratch()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"symbolic-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    private sealed class Job(string input, bool interactive)
    {
        public string Input { get; } = input;
        public bool Interactive { get; } = interactive;
        public TaskCompletionSource<FuzzCaseResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // One thread with a large stack that runs the cases in turn.
    private sealed class Worker
    {
        private readonly BlockingCollection<Job> _jobs = new();
        private volatile bool _abandoned;

        public Worker()
        {
            var thread = new Thread(Loop, StackSize) { IsBackground = true, Name = "fuzz" };
            thread.Start();
        }

        public bool TryPost(Job job)
        {
            if (_abandoned || _jobs.IsAddingCompleted) return false;
            _jobs.Add(job);
            return true;
        }

        public void Abandon()
        {
            _abandoned = true;
            _jobs.CompleteAdding();
        }

        public void Stop() => _jobs.CompleteAdding();

        private void Loop()
        {
            foreach (var job in _jobs.GetConsumingEnumerable())
            {
                if (_abandoned) return;
                job.Done.TrySetResult(Execute(job.Input, job.Interactive));
            }
        }
    }
}

/// <summary>
/// <c>plot</c> and <c>contour</c> as the REPL has them, except that they write only into the fuzz scratch
/// folder: a mutated sample may name any file, and the tests must not litter or clobber.
/// </summary>
internal sealed class FuzzPlotting : ILanguageExtension
{
    public void Register(Session session)
    {
        var scratch = new Session(null, new PlottingExtension());
        foreach (var name in new[] { "plot", "contour" })
        {
            if (!scratch.Operations.TryGet(name, out var real)) continue;
            session.Operations.Add(new OperationDef(real.Name, real.Group, real.Description, c =>
            {
                if (!c.NamedArguments.Contains("file")
                    || c.Option("file") is not StringValue { Text: var file }
                    || !Path.IsPathFullyQualified(file)
                    || !Path.GetFullPath(file).StartsWith(FuzzHarness.ScratchFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new SymbolicException("the fuzz tests write plots only into their scratch folder", c.Span);
                return real.Handler(c);
            })
            {
                Forms = real.Forms,
                Options = real.Options,
                Examples = real.Examples,
                ChecksOwnArguments = real.ChecksOwnArguments,
            });
        }
    }
}

/// <summary>Writes cases and failures to <see cref="FuzzSettings.Log"/> when it is set.</summary>
internal static class FuzzLog
{
    private static readonly Lock Gate = new();

    /// <summary>Records the case about to run (overwriting the previous one), so a crash of the process names it.</summary>
    public static void Current(string generator, int index, string input)
    {
        if (FuzzSettings.Log is not { } log) return;
        lock (Gate) File.WriteAllText(log + ".current", $"{generator} #{index} seed {FuzzSettings.Seed}\n{Escape(input)}\n");
    }

    /// <summary>A case more than a second past its limit, in full, in <c>.slow</c> beside the log.</summary>
    public static void Slow(string text)
    {
        if (FuzzSettings.Log is not { } log) return;
        lock (Gate) File.AppendAllText(log + ".slow", text + "\n");
    }

    public static void Line(string text)
    {
        if (FuzzSettings.Log is not { } log) return;
        lock (Gate) File.AppendAllText(log, text + "\n");
    }

    /// <summary>The input as a C# string literal, ready for a regression case.</summary>
    public static string Escape(string input)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in input)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 || c is >= '\u007f' and < '\u00a0' || char.IsSurrogate(c) || c is '\ufeff' or '\ufffe' or '\uffff'
                    => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
