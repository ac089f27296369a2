namespace Symbolic.Numerics;

// Small dense-vector kernels the solvers share; plain loops, so the JIT vectorizes and nothing allocates.
internal static class Vectors
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (var v in a)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>y = x + t d.</summary>
    public static void Step(ReadOnlySpan<double> x, double t, ReadOnlySpan<double> d, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = x[i] + t * d[i];
    }

    /// <summary>
    /// In-place Cholesky factorization H = L L^T of a row-major n*n matrix (L in the lower triangle).
    /// Returns false instead of throwing when H is not positive definite: the modified Newton step tries
    /// shifted Hessians until one factors, and MathNet's Cholesky reports failure only by exception.
    /// </summary>
    public static bool Cholesky(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0) || !double.IsFinite(d)) return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }

    /// <summary>Solves L L^T x = b with the factor from <see cref="Cholesky"/>; b is overwritten by x.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }
}
