using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Symbolic.Tests.Fuzz;

/// <summary>
/// The fuzz suite: inputs from four generators (random bytes, random token sequences, grammar-based
/// statements, mutated sample scripts) run through a <see cref="Symbolic.Language.Session"/> as the REPL
/// runs them. Every case must end with values or the library's error (<see cref="SymbolicException"/>, shown
/// as <c>error: LINE:COL: ...</c>): no other exception type inside a statement (an "internal error"), none out
/// of the session or the error printer, no crash of the process, and no case still running long after its
/// time limit. CI runs a fixed draw (see <see cref="FuzzSettings"/> for a long campaign); the distinct
/// failures found so far are <see cref="FuzzRegressionTests"/>.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomBytes_EndWithValuesOrTheLibrarysError() => Campaign("bytes", 1000, FuzzInputs.RandomBytes);

    [Fact]
    public void RandomTokens_EndWithValuesOrTheLibrarysError() => Campaign("tokens", 1000, FuzzInputs.RandomTokens);

    [Fact]
    public void GrammarStatements_EndWithValuesOrTheLibrarysError() => Campaign("grammar", 700, FuzzInputs.Statements);

    [Fact]
    public void MutatedSamples_EndWithValuesOrTheLibrarysError() => Campaign("samples", 400, FuzzInputs.MutatedSample);

    [Fact]
    public void Generators_AreReproducibleFromTheSeed()
    {
        foreach (var generator in new Func<Random, string>[] { FuzzInputs.RandomBytes, FuzzInputs.RandomTokens, FuzzInputs.Statements, FuzzInputs.MutatedSample })
            for (int i = 0; i < 20; i++)
                Assert.Equal(generator(FuzzInputs.CaseRandom("check", i)), generator(FuzzInputs.CaseRandom("check", i)));
    }

    [Fact]
    public void Samples_AreAllFound()
    {
        Assert.True(FuzzInputs.Samples.Count >= 8, $"found {FuzzInputs.Samples.Count} sample scripts");
        Assert.All(FuzzInputs.Samples, s => Assert.DoesNotContain("file = \"sin.svg\"", s.Text, StringComparison.Ordinal));
    }

    private void Campaign(string generator, int ciCases, Func<Random, string> generate)
    {
        int cases = FuzzSettings.Cases(ciCases);
        int first = 0;
        // SYMBOLIC_FUZZ_REPLAY=grammar#1135 runs that one case again (and skips the other generators).
        if (FuzzSettings.Replay is { } replay)
        {
            if (replay.Generator != generator) return;
            (first, cases) = (replay.Index, replay.Index + 1);
        }
        var stats = new CampaignStats();
        var clock = Stopwatch.StartNew();
        using var harness = new FuzzHarness();
        for (int i = first; i < cases; i++)
        {
            string input = generate(FuzzInputs.CaseRandom(generator, i));
            FuzzLog.Current(generator, i, input);
            var result = harness.Run(input, interactive: i % 2 == 1);
            stats.Add(generator, i, input, result);
            if (FuzzSettings.Replay is not null)
                output.WriteLine($"{FuzzLog.Escape(input)}\n{result.Elapsed.TotalSeconds:0.000} s, {result.Statements} statements, errors {string.Join(", ", result.ErrorCodes)}");
        }
        string summary = stats.Summary(generator, cases - first, clock.Elapsed);
        output.WriteLine(summary);
        FuzzLog.Line(summary);
        foreach (var failure in stats.Distinct.Values) FuzzLog.Line(failure.Describe());
        Assert.True(stats.Distinct.Count == 0,
            $"{stats.Distinct.Count} distinct failures in {cases} cases (seed {FuzzSettings.Seed}):\n\n"
            + string.Join("\n\n", stats.Distinct.Values.Select(f => f.Describe())));
    }

    /// <summary>What a campaign saw, and its distinct failures with the first input of each.</summary>
    private sealed class CampaignStats
    {
        private int _statements, _values, _timedOut, _slow;
        private TimeSpan _longest;
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public Dictionary<string, FailureGroup> Distinct { get; } = new(StringComparer.Ordinal);

        public void Add(string generator, int index, string input, FuzzCaseResult result)
        {
            _statements += result.Statements;
            _values += result.Values;
            foreach (var (code, n) in result.ErrorCodes) _codes[code] = _codes.GetValueOrDefault(code) + n;
            if (result.ErrorCodes.ContainsKey(ErrorCodes.TimedOut)) _timedOut++;
            if (result.Elapsed > _longest) _longest = result.Elapsed;
            // Past the case's limit by more than a second: a loop that looks at the deadline too rarely.
            if (result.Elapsed > FuzzSettings.CaseBudget + TimeSpan.FromSeconds(1))
            {
                _slow++;
                FuzzLog.Line($"slow: {result.Elapsed.TotalSeconds:0.00} s at {generator} #{index}: {FuzzLog.Escape(input.Length > 300 ? input[..300] : input)}");
                FuzzLog.Slow($"{generator} #{index} {result.Elapsed.TotalSeconds:0.00} s\n{FuzzLog.Escape(input)}");
            }
            foreach (var failure in result.Failures)
            {
                if (!Distinct.TryGetValue(failure.Signature, out var group))
                    Distinct[failure.Signature] = group = new FailureGroup(failure, generator, index, input);
                group.Count++;
            }
        }

        public string Summary(string generator, int cases, TimeSpan elapsed)
        {
            var codes = string.Join(", ", _codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
            return string.Create(CultureInfo.InvariantCulture,
                $"fuzz {generator}: {cases} cases (seed {FuzzSettings.Seed}) in {elapsed.TotalSeconds:0.0} s; {_statements} statements, {_values} values, errors by code: {codes}; "
                + $"{_timedOut} cases with a timed-out statement, {_slow} more than 1 s past their limit, longest {_longest.TotalSeconds:0.00} s; {Distinct.Count} distinct failures");
        }
    }

    private sealed class FailureGroup(FuzzFailure failure, string generator, int index, string input)
    {
        public int Count { get; set; }

        public string Describe()
        {
            var sb = new StringBuilder();
            sb.AppendLine($"[{failure.Signature}] x{Count}, first at {generator} #{index}");
            sb.AppendLine($"input: {(input.Length > 2000 ? FuzzLog.Escape(input[..2000]) + " (cut; " + input.Length + " chars)" : FuzzLog.Escape(input))}");
            sb.Append(failure.Detail.Length > 3000 ? failure.Detail[..3000] : failure.Detail);
            return sb.ToString();
        }
    }
}
