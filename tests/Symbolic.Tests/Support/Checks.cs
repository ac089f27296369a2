using FsCheck;
using Microsoft.FSharp.Core;

namespace Symbolic.Tests.Support;

/// <summary>
/// The FsCheck configuration of every property: throw on the first counterexample, with its seed.
/// On a developer's machine each run draws new random cases, so the properties keep exploring. In CI
/// (the environment variable CI is set, as .ci/run has it) every property starts from one fixed seed,
/// so a CI run is reproducible: a submission is judged on its code, not on the luck of the draw, and a
/// failure there replays exactly. SYMBOLIC_FSCHECK_SEED=random in CI, or a number anywhere, overrides it.
/// </summary>
public static class Checks
{
    /// <summary>The seed CI uses (any fixed value; changing it is a new draw of cases).</summary>
    public const ulong CiSeed = 20261201;

    /// <summary>Config.QuickThrowOnFailure, with the fixed seed in CI.</summary>
    public static Config Quick { get; } = Create();

    private static Config Create()
    {
        var config = Config.QuickThrowOnFailure;
        string? setting = Environment.GetEnvironmentVariable("SYMBOLIC_FSCHECK_SEED");
        ulong? seed = setting is { Length: > 0 } && ulong.TryParse(setting, out var s) ? s
            : setting == "random" ? null
            : Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? CiSeed
            : null;
        return seed is { } fixedSeed
            ? config.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(fixedSeed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)))
            : config;
    }
}
