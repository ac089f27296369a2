namespace Symbolic.Numerics;

/// <summary>One iterate of a solver: its index (0 is the start), the point, the objective's value and the gradient norm
/// (for root finding: the residual norm).</summary>
public sealed record TraceEntry(int Iteration, double[] Point, double Value, double GradientNorm);
