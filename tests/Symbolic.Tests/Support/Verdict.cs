namespace Symbolic.Tests.Support;

/// <summary>What one check of a property did: compared and held, compared and failed, or skipped (nothing to compare).</summary>
public readonly record struct Verdict
{
    private readonly int _state; // 0 skipped, 1 passed, 2 failed

    private Verdict(int state) => _state = state;

    public static readonly Verdict Skipped = new(0);
    public static readonly Verdict Passed = new(1);
    public static readonly Verdict Failed = new(2);

    /// <summary>Passed or failed by <paramref name="holds"/>: a comparison took place.</summary>
    public static Verdict Of(bool holds) => holds ? Passed : Failed;

    public bool IsFailed => _state == 2;

    public bool WasCompared => _state != 0;

    /// <summary>Failed if any failed, else passed if any was compared, else skipped.</summary>
    public static Verdict All(IEnumerable<Verdict> verdicts)
    {
        var result = Skipped;
        foreach (var o in verdicts)
        {
            if (o.IsFailed) return Failed;
            if (o.WasCompared) result = Passed;
        }
        return result;
    }

    public static Verdict operator &(Verdict a, Verdict b) => All([a, b]);

    public override string ToString() => _state switch { 0 => "skipped", 1 => "passed", _ => "failed" };
}
