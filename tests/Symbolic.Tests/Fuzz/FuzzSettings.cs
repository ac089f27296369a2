using System.Globalization;

namespace Symbolic.Tests.Fuzz;

/// <summary>
/// How much the fuzz tests run, from environment variables, so CI runs a fixed, quick draw and a long
/// campaign runs the same tests with more cases:
/// <list type="bullet">
/// <item><c>SYMBOLIC_FUZZ_CASES</c>: cases per generator (default: each generator's CI count, about a
/// minute for all of them on a loaded two-core machine).</item>
/// <item><c>SYMBOLIC_FUZZ_SEED</c>: the seed (default <see cref="CiSeed"/>, everywhere, so a failure replays;
/// <c>random</c> draws one and reports it).</item>
/// <item><c>SYMBOLIC_FUZZ_LOG</c>: a file that gets a summary per generator, every failure, and (in
/// <c>.current</c> beside it) the case being run, which names the culprit if the process dies.</item>
/// <item><c>SYMBOLIC_FUZZ_STATEMENT_SECONDS</c>, <c>SYMBOLIC_FUZZ_CASE_SECONDS</c>: the time limit of one
/// statement and of one case (defaults 1 and 3).</item>
/// </list>
/// </summary>
/// <example><code>SYMBOLIC_FUZZ_CASES=200000 SYMBOLIC_FUZZ_SEED=random SYMBOLIC_FUZZ_LOG=/tmp/fuzz.log nice dotnet test --filter FullyQualifiedName~Fuzz</code></example>
internal static class FuzzSettings
{
    /// <summary>The seed unless <c>SYMBOLIC_FUZZ_SEED</c> says otherwise.</summary>
    public const ulong CiSeed = 20261201;

    /// <summary>The seed of this run.</summary>
    public static ulong Seed { get; } = ReadSeed();

    /// <summary>The number of cases of a generator whose CI count is <paramref name="ciCount"/>.</summary>
    public static int Cases(int ciCount) =>
        Environment.GetEnvironmentVariable("SYMBOLIC_FUZZ_CASES") is { Length: > 0 } text
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : ciCount;

    /// <summary>The time limit of one statement.</summary>
    public static TimeSpan StatementBudget { get; } = Seconds("SYMBOLIC_FUZZ_STATEMENT_SECONDS", 1);

    /// <summary>The time limit of one case (all its statements).</summary>
    public static TimeSpan CaseBudget { get; } = Seconds("SYMBOLIC_FUZZ_CASE_SECONDS", 3);

    /// <summary>How long after its deadline a case may still run before it counts as hung: generous, since
    /// the machine may be busy (it catches loops that never look at the deadline, not slow ones).</summary>
    public static TimeSpan Grace { get; } = Seconds("SYMBOLIC_FUZZ_GRACE_SECONDS", 30);

    /// <summary>The log file, or null.</summary>
    public static string? Log { get; } = Environment.GetEnvironmentVariable("SYMBOLIC_FUZZ_LOG") is { Length: > 0 } path ? path : null;

    /// <summary><c>SYMBOLIC_FUZZ_REPLAY=grammar#1135</c>: run only that case (with the same seed), and show it.</summary>
    public static (string Generator, int Index)? Replay { get; } =
        Environment.GetEnvironmentVariable("SYMBOLIC_FUZZ_REPLAY") is { Length: > 0 } text && text.Split('#') is [var generator, var index]
        && int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? (generator, i) : null;

    private static ulong ReadSeed()
    {
        string? text = Environment.GetEnvironmentVariable("SYMBOLIC_FUZZ_SEED");
        if (text == "random") return (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        return text is { Length: > 0 } && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) ? seed : CiSeed;
    }

    private static TimeSpan Seconds(string variable, double fallback) =>
        TimeSpan.FromSeconds(Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? s : fallback);
}
