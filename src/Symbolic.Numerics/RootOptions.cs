namespace Symbolic.Numerics;

/// <summary>Options of Newton's method for roots.</summary>
/// <param name="Tolerance">Stop when the residual norm ||F(x)|| is at most this.</param>
/// <param name="MaxIterations">The most Newton steps.</param>
/// <param name="Damped">Halve a step (up to 30 times) while it does not reduce the residual, unless the full step after it
/// brings the residual below where it started (then both full steps are kept); false takes every full step.</param>
public sealed record RootOptions(double Tolerance = 1e-10, int MaxIterations = 100, bool Damped = true)
{
    /// <summary>The defaults.</summary>
    public static RootOptions Default { get; } = new();

    /// <exception cref="ArgumentException">The tolerance is negative or NaN, or the iterations are negative.</exception>
    internal void Validate()
    {
        if (!(Tolerance >= 0)) throw new ArgumentException("The tolerance must be a number that is not negative.", nameof(Tolerance));
        if (MaxIterations < 0) throw new ArgumentException("The number of iterations must not be negative.", nameof(MaxIterations));
    }
}

/// <summary>One iterate of a root search: the point and its residual norm ||F(x)||.</summary>
public sealed record RootIterate(int Iteration, double[] Point, double Residual);

/// <summary>
/// What Newton's method for roots found. <see cref="Root"/> is always finite: on divergence or a singular
/// Jacobian it is the last finite iterate, and <see cref="Reason"/> says why the search stopped.
/// </summary>
/// <param name="Root">The last iterate.</param>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Residual">||F(root)||.</param>
/// <param name="Reason">Why the search stopped.</param>
/// <param name="History">Every iterate, the start first.</param>
public sealed record RootResult(double[] Root, int Iterations, double Residual, ExitReason Reason, IReadOnlyList<RootIterate> History)
{
    /// <summary>True when the residual reached the tolerance.</summary>
    public bool Converged => Reason == ExitReason.Converged;

    /// <summary>||x_k - root|| for each iterate: the error sequence, which roughly squares each step near a simple root.</summary>
    public double[] Errors()
    {
        var errors = new double[History.Count];
        for (int k = 0; k < errors.Length; k++)
        {
            double s = 0;
            for (int i = 0; i < Root.Length; i++) s += (History[k].Point[i] - Root[i]) * (History[k].Point[i] - Root[i]);
            errors[k] = Math.Sqrt(s);
        }
        return errors;
    }
}
