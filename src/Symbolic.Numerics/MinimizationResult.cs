namespace Symbolic.Numerics;

/// <summary>
/// What a minimizer found. <see cref="Point"/> is always finite: when the iterates blow up, it is the last finite one
/// and <see cref="Reason"/> says <see cref="ExitReason.NonFinite"/>.
/// </summary>
/// <param name="Point">The final point.</param>
/// <param name="Value">f at the point.</param>
/// <param name="GradientNorm">The Euclidean norm of the gradient at the point.</param>
/// <param name="Iterations">Updates made.</param>
/// <param name="Evaluations">Calls of the objective (value, gradient or Hessian).</param>
/// <param name="Reason">Why the method stopped.</param>
/// <param name="Method">The method's name as the REPL spells it ("newton", "bfgs", ...).</param>
/// <param name="Trace">Every iterate (index 0 is the start) when <see cref="MinimizationOptions.RecordTrace"/> is on; else empty.</param>
public sealed record MinimizationResult(
    double[] Point,
    double Value,
    double GradientNorm,
    int Iterations,
    int Evaluations,
    ExitReason Reason,
    string Method,
    IReadOnlyList<TraceEntry> Trace)
{
    /// <summary>True when the gradient norm reached the tolerance.</summary>
    public bool Converged => Reason == ExitReason.Converged;

    /// <summary>The same result for -f (what <see cref="Maximize"/> reports after minimizing -f).</summary>
    public MinimizationResult Negated() => this with
    {
        Value = -Value,
        Trace = [.. Trace.Select(t => t with { Value = -t.Value })],
    };
}
