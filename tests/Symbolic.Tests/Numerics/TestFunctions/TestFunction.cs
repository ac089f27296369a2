using Symbolic.Numerics;

namespace Symbolic.Tests.Numerics.TestFunctions;

/// <summary>A standard unconstrained problem: the function as text, its variables, the usual start, and its minimizers.</summary>
public sealed record TestFunction(string Name, string Text, string[] Variables, double[] Start, double[][] Minimizers)
{
    public Expr Expression => Expr.Parse(Text);

    public Objective Objective() => global::Symbolic.Numerics.Objective.FromExpression(Expression, Variables);

    /// <summary>The distance from <paramref name="point"/> to the nearest known minimizer.</summary>
    public double DistanceToMinimizer(double[] point) =>
        Minimizers.Min(m => Math.Sqrt(m.Zip(point, (a, b) => (a - b) * (a - b)).Sum()));

    public override string ToString() => Name;
}
