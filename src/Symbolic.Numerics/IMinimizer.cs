namespace Symbolic.Numerics;

/// <summary>An unconstrained minimizer: one method, the objective and a starting point in, a result out (never an exception for non-convergence).</summary>
public interface IMinimizer
{
    /// <summary>The method's name as the REPL spells it.</summary>
    string Name { get; }

    /// <summary>Minimizes <paramref name="objective"/> from <paramref name="start"/> (not modified).</summary>
    /// <exception cref="ArgumentException">The start has the wrong length or is not finite, or the objective lacks a derivative the method needs.</exception>
    MinimizationResult Minimize(Objective objective, double[] start);
}
