using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Symbolic.Calculus;
using Symbolic.Syntax;

namespace Symbolic.Benchmarks;

/// <summary>
/// Parse and d/dx of the 4,000-term sum against GiNaC in one session (issue 10, item 8):
/// `dotnet run -c Release --project tests/Symbolic.Benchmarks -- parse-quick [GINAC_PROGRAM]`. The sum is
/// written to a temporary file; rounds of Symbolic (Stopwatch splits: the lexer's statement pass, the
/// syntax tree, binding to an <see cref="Expr"/>, d/dx) alternate with runs of the GiNaC program
/// (tests/Symbolic.Benchmarks/ginac/parse_diff.cpp, built at development time), so both see the same load;
/// medians are compared as ratios, of wall time and of the measuring thread's CPU time.
/// </summary>
public static class ParseQuick
{
    public static void Run(string? ginac)
    {
        var text = Workloads.BigSum();
        var file = Path.Combine(Path.GetTempPath(), "symbolic-bigsum.txt");
        File.WriteAllText(file, text);
        Console.WriteLine($"input: {text.Length:N0} characters");
        var x = Expr.Symbol("x");

        var syntax = new List<double>();
        var bind = new List<double>();
        var syntaxCpu = new List<double>();
        var bindCpu = new List<double>();
        var parse = new List<double>();
        var diff = new List<double>();
        var parseCpu = new List<double>();
        var diffCpu = new List<double>();
        var ginacParse = new List<double>();
        var ginacDiff = new List<double>();
        var ginacParseCpu = new List<double>();
        var ginacDiffCpu = new List<double>();
        for (int round = 0; round < 8; round++)
        {
            for (int i = 0; i < 5; i++)
            {
                double s0 = ThreadCpuMs();
                var sw = Stopwatch.StartNew();
                var tree = SyntaxParser.ParseExpression(text);
                double t1 = sw.Elapsed.TotalMilliseconds;
                double s1 = ThreadCpuMs();
                var bound = Binder.Bind(tree);
                double t2 = sw.Elapsed.TotalMilliseconds;
                double s2 = ThreadCpuMs();
                GC.KeepAlive(bound);
                sw.Restart();
                double c0 = ThreadCpuMs();
                var e = Expr.Parse(text);
                double t3 = sw.Elapsed.TotalMilliseconds;
                double c1 = ThreadCpuMs();
                var d = Differentiator.Diff(e, x);
                double t4 = sw.Elapsed.TotalMilliseconds;
                double c2 = ThreadCpuMs();
                GC.KeepAlive(d);
                if (round == 0) continue; // warm-up
                syntax.Add(t1);
                syntaxCpu.Add(s1 - s0);
                bindCpu.Add(s2 - s1);
                bind.Add(t2 - t1);
                parse.Add(t3);
                diff.Add(t4 - t3);
                parseCpu.Add(c1 - c0);
                diffCpu.Add(c2 - c1);
            }
            if (ginac is not null && round > 0) RunGinac(ginac, file, ginacParse, ginacDiff, ginacParseCpu, ginacDiffCpu);
        }
        Console.WriteLine($"Symbolic: syntax tree {Median(syntax):F1} ms, binding {Median(bind):F1} ms, Expr.Parse {Median(parse):F1} ms (best {parse.Min():F1}), d/dx {Median(diff):F1} ms (best {diff.Min():F1})");
        Console.WriteLine($"thread CPU time, medians: Symbolic syntax tree {Median(syntaxCpu):F1} ms, binding {Median(bindCpu):F1} ms");
        if (ginacParse.Count == 0) return;
        Console.WriteLine($"GiNaC:    parse {Median(ginacParse):F1} ms (best {ginacParse.Min():F1}), d/dx {Median(ginacDiff):F1} ms (best {ginacDiff.Min():F1})");
        Console.WriteLine($"ratios (Symbolic / GiNaC, medians): parse {Median(parse) / Median(ginacParse):F2}, d/dx {Median(diff) / Median(ginacDiff):F2}");
        Console.WriteLine($"ratios (best / best):               parse {parse.Min() / ginacParse.Min():F2}, d/dx {diff.Min() / ginacDiff.Min():F2}");
        Console.WriteLine($"thread CPU time, medians: Symbolic parse {Median(parseCpu):F1} ms, d/dx {Median(diffCpu):F1} ms; GiNaC parse {Median(ginacParseCpu):F1} ms, d/dx {Median(ginacDiffCpu):F1} ms");
        Console.WriteLine($"ratios (thread CPU time, medians):  parse {Median(parseCpu) / Median(ginacParseCpu):F2}, d/dx {Median(diffCpu) / Median(ginacDiffCpu):F2}");
    }

    /// <summary>
    /// Repeats one stage for a profiler (`-- parse-loop parse|diff|syntax|bind|terms|lex SECONDS [RUNS]`; with
    /// RUNS, at most that many). `syntax` builds and keeps the whole syntax tree; `bind` binds one such tree;
    /// `terms` is the syntax part of Expr.Parse: each term of the sum is let go (where Expr.Parse binds it) as
    /// soon as it is parsed; `lex` only reads the tokens. Each reports the bytes allocated per run, which a busy
    /// machine cannot blur.
    /// </summary>
    public static void Loop(string what, double seconds, int runs = int.MaxValue)
    {
        var text = Workloads.BigSum();
        var x = Expr.Symbol("x");
        var e = what == "syntax" ? x : Expr.Parse(text);
        var tree = SyntaxParser.ParseExpression(text);
        var pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        int n = 0;
        while (sw.Elapsed.TotalSeconds < seconds && n < runs)
        {
            object result = what switch
            {
                "syntax" => SyntaxParser.ParseExpression(text),
                "bind" => Binder.Bind(tree),
                "lex" => Lex(text),
                "terms" => SyntaxParser.ParseExpression(text, static () => new DroppingSumReducer()),
                "diff" => Differentiator.Diff(e, x),
                _ => Expr.Parse(text),
            };
            GC.KeepAlive(result);
            n++;
        }
        Console.WriteLine($"{what}: {n} runs, {sw.Elapsed.TotalMilliseconds / n:F1} ms each; GC pauses {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / n:F1} ms each, collections per run: gen0 {(GC.CollectionCount(0) - g0) / (double)n:F2}, gen1 {(GC.CollectionCount(1) - g1) / (double)n:F2}, gen2 {(GC.CollectionCount(2) - g2) / (double)n:F2}; allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated0) / 1e6 / n:F2} MB per run");
    }

    // Lets each term of the sum go as soon as it is parsed, as Expr.Parse does after binding it.
    private sealed class DroppingSumReducer : ISumReducer
    {
        private static readonly object Placeholder = new();

        public void Add(ExprSyntax term, bool subtract)
        {
        }

        public ExprSyntax Complete(TextSpan span) => new ReducedSyntax(Placeholder, span);
    }

    // The lexer alone, all tokens of the text.
    private static int Lex(string text)
    {
        var lexer = new Symbolic.Syntax.Generated.SymbolicLexer(new StringCharStream(text));
        int n = 0;
        while (lexer.NextToken().Type != -1) n++;
        return n;
    }

    private static void RunGinac(string program, string file, List<double> parse, List<double> diff, List<double> parseCpu, List<double> diffCpu)
    {
        var info = new ProcessStartInfo(program, [file, "3"]) { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        foreach (var line in output.Split('\n'))
        {
            var words = line.Split(' ');
            if (words.Length < 3 || words[1] != "median") continue;
            var target = words[0] switch { "parse" => parse, "diff" => diff, "parse-cpu" => parseCpu, "diff-cpu" => diffCpu, _ => null };
            // each run reports the median of its 3 rounds; every round's median counts once
            target?.Add(double.Parse(words[2], CultureInfo.InvariantCulture));
        }
    }

    // CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), in ms: on a machine
    // shared with other work it counts the work done rather than the time spent waiting for a core. It
    // leaves out the runtime's background threads (background GC, tiered JIT), which wall time includes.
    internal static double ThreadCpuMs() => clock_gettime(3, out var ts) == 0 ? ts.Seconds * 1e3 + ts.Nanoseconds / 1e6 : double.NaN;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out Timespec time);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
