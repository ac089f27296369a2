namespace Symbolic.Tests.Support;

/// <summary>
/// Counts the cases of a property that reached a comparison, so a property cannot pass by skipping
/// every case (a generator drifting to expressions that never evaluate would otherwise go unseen).
/// </summary>
/// <example><code>
/// var count = new CaseCount();
/// Prop.ForAll(arb, count.Property(e => Verdict.Of(...))).Check(config);
/// count.AssertEnough(minimum: 100);
/// </code></example>
public sealed class CaseCount
{
    private int _cases, _compared;

    public int Cases => _cases;

    public int Compared => _compared;

    /// <summary>The property as FsCheck wants it (true = holds), counting each case's verdict.</summary>
    public Func<T, bool> Property<T>(Func<T, Verdict> check) => input =>
    {
        var verdict = check(input);
        Interlocked.Increment(ref _cases);
        if (verdict.WasCompared) Interlocked.Increment(ref _compared);
        return !verdict.IsFailed;
    };

    /// <summary>Two-argument form of <see cref="Property{T}"/>.</summary>
    public Func<T1, T2, bool> Property<T1, T2>(Func<T1, T2, Verdict> check)
    {
        var one = Property<(T1, T2)>(t => check(t.Item1, t.Item2));
        return (a, b) => one((a, b));
    }

    /// <summary>
    /// Requires that at least <paramref name="minimum"/> cases, and at least <paramref name="fraction"/>
    /// of all cases, reached a comparison.
    /// </summary>
    public void AssertEnough(int minimum, double fraction = 0.5, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        // SYMBOLIC_CASE_LOG=path records every property's counts, to choose the minimums from data.
        if (Environment.GetEnvironmentVariable("SYMBOLIC_CASE_LOG") is { Length: > 0 } log)
            File.AppendAllText(log, $"{caller}: {_compared} of {_cases} compared (minimum {minimum})\n");
        Assert.True(_compared >= minimum && _compared >= fraction * _cases,
            $"only {_compared} of {_cases} cases reached a comparison (need {minimum} and {fraction:P0})");
    }
}
