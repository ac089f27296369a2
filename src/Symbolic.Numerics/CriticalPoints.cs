using MathNet.Numerics.LinearAlgebra;

namespace Symbolic.Numerics;

/// <summary>What kind of critical point the Hessian's eigenvalues show.</summary>
public enum CriticalPointKind
{
    /// <summary>Every eigenvalue positive (H positive definite).</summary>
    Minimum,

    /// <summary>Every eigenvalue negative.</summary>
    Maximum,

    /// <summary>Eigenvalues of both signs.</summary>
    Saddle,

    /// <summary>A zero eigenvalue and no sign change: the second derivatives do not decide.</summary>
    Inconclusive,
}

/// <summary>A classification: the kind, the Hessian's eigenvalues (largest first), and the gradient norm at the point
/// (near zero at a critical point; the classification describes the local curvature either way).</summary>
public sealed record CriticalPoint(CriticalPointKind Kind, double[] Eigenvalues, double GradientNorm)
{
    /// <summary>"minimum", "maximum", "saddle" or "inconclusive".</summary>
    public string Name => Kind.ToString().ToLowerInvariant();
}

/// <summary>Classifies critical points by the eigenvalues of the exact Hessian (MathNet's symmetric eigensolver).</summary>
public static class CriticalPoints
{
    /// <summary>Classifies <paramref name="f"/> at <paramref name="point"/>.</summary>
    /// <example><c>CriticalPoints.Classify(Expr.Parse("2x^2 - 2y^2"), ["x", "y"], [0.0, 0.0])</c> is a saddle with eigenvalues [4, -4].</example>
    /// <exception cref="SymbolicException">f depends on a symbol that is not a variable, or the point has the wrong length.</exception>
    public static CriticalPoint Classify(Expr f, IReadOnlyList<string> variables, double[] point)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.NoNulls(variables);
        ArgumentNullException.ThrowIfNull(point);
        int n = variables.Count;
        if (point.Length != n) throw new SymbolicException($"classify needs a point with {n} coordinates, got {point.Length}");
        var fn = f.Compile([.. variables]);
        var g = new double[n];
        fn.ValueAndGradient(point, g);
        var h = new double[n * n];
        fn.Hessian(point, h);
        if (!Vectors.AllFinite(h)) throw new SymbolicException("classify: the Hessian is not finite at this point");
        var eigenvalues = Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]).Evd(Symmetricity.Symmetric)
            .EigenValues.Select(c => c.Real).OrderByDescending(v => v).ToArray();
        return new CriticalPoint(Kind(eigenvalues), eigenvalues, Vectors.Norm(g));
    }

    /// <summary>The kind for eigenvalues; those within 1e-10 of zero relative to the largest count as zero.</summary>
    public static CriticalPointKind Kind(IReadOnlyList<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        double scale = eigenvalues.Select(Math.Abs).DefaultIfEmpty(0).Max();
        double zero = 1e-10 * Math.Max(scale, 1);
        bool positive = eigenvalues.Any(v => v > zero), negative = eigenvalues.Any(v => v < -zero);
        bool someZero = eigenvalues.Any(v => Math.Abs(v) <= zero);
        return (positive, negative, someZero) switch
        {
            (true, true, _) => CriticalPointKind.Saddle,
            (true, false, false) => CriticalPointKind.Minimum,
            (false, true, false) => CriticalPointKind.Maximum,
            _ => CriticalPointKind.Inconclusive,
        };
    }
}
