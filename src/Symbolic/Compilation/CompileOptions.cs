namespace Symbolic.Compilation;

/// <summary>How a gradient is compiled.</summary>
public enum GradientMode
{
    /// <summary>Chosen by size: loops for large sums of repeated terms, reverse mode when the symbolic
    /// gradient would be much larger than the function, else the symbolic gradient.</summary>
    Auto,

    /// <summary>The symbolic partial derivatives, simplified and compiled with the value, sharing common work.</summary>
    Symbolic,

    /// <summary>A reverse sweep over the expression graph: adjoints accumulated per node from the same local
    /// partials the differentiator uses, at a small constant times the value's cost for any number of variables.</summary>
    Reverse,
}

/// <summary>Choices of the compiler.</summary>
/// <param name="Gradient">How gradients are compiled.</param>
/// <param name="Simd">Whether batch evaluation (<see cref="CompiledFunction.Values(double[,], Span{double})"/>) may
/// evaluate several points at once with SIMD (<see cref="System.Numerics.Vector{T}"/>) when every operation of the
/// function has a vector form; false always runs the scalar kernel.</param>
public sealed record CompileOptions(GradientMode Gradient = GradientMode.Auto, bool Simd = true)
{
    /// <summary>The defaults: <see cref="GradientMode.Auto"/>.</summary>
    public static CompileOptions Default { get; } = new();
}
