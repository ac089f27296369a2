namespace Symbolic.Numerics;

/// <summary>Why a solver stopped. Running out of iterations is a result like any other, never an exception.</summary>
public enum ExitReason
{
    /// <summary>The gradient norm (or, for a root, the residual) reached the tolerance.</summary>
    Converged,

    /// <summary>The most iterations allowed were made without reaching the tolerance.</summary>
    MaxIterations,

    /// <summary>A value, gradient or step became NaN or infinite (for example a rate so large that the iterates diverge); the last finite point is reported.</summary>
    NonFinite,

    /// <summary>No step along the search direction decreased the objective (or the residual) enough.</summary>
    LineSearchFailed,

    /// <summary>The Jacobian or Hessian was singular at the current point, so no Newton step exists.</summary>
    Singular,
}
