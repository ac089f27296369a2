using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Symbolic.Numerics;

// Small dense-vector kernels the solvers share, over System.Numerics.Vector<double> with a scalar tail: the
// JIT does not vectorize plain loops, and a scalar dot product is one chain of dependent additions (about
// 1.2 us at n = 1,000, as long as the compiled Rosenbrock gradient), so every per-iteration pass of a
// minimizer goes through here. Nothing allocates. The reductions add in a fixed order for a given vector
// width, so results are reproducible on one machine.
internal static class Vectors
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (b.Length < a.Length) throw new ArgumentException("The vectors differ in length.", nameof(b));
        ref double ra = ref MemoryMarshal.GetReference(a), rb = ref MemoryMarshal.GetReference(b);
        int i = 0, n = a.Length, w = Vector<double>.Count;
        double s = 0;
        if (n >= 4 * w)
        {
            // Four independent accumulators hide the latency of the additions.
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                s0 += Load(ref ra, i) * Load(ref rb, i);
                s1 += Load(ref ra, i + w) * Load(ref rb, i + w);
                s2 += Load(ref ra, i + 2 * w) * Load(ref rb, i + 2 * w);
                s3 += Load(ref ra, i + 3 * w) * Load(ref rb, i + 3 * w);
            }
            for (; i <= n - w; i += w) s0 += Load(ref ra, i) * Load(ref rb, i);
            s = Vector.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        ref double ra = ref MemoryMarshal.GetReference(a);
        int i = 0, n = a.Length, w = Vector<double>.Count;
        // v - v is 0 for a finite v and NaN for NaN and the infinities; a NaN stays in the sum.
        var acc = Vector<double>.Zero;
        for (; i <= n - w; i += w)
        {
            var v = Load(ref ra, i);
            acc += v - v;
        }
        double s = Vector.Sum(acc);
        for (; i < n; i++) s += a[i] - a[i];
        return s == 0;
    }

    /// <summary>y = x + t d (y may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Step(ReadOnlySpan<double> x, double t, ReadOnlySpan<double> d, Span<double> y)
    {
        if (d.Length < x.Length || y.Length < x.Length) throw new ArgumentException("The vectors differ in length.");
        ref double rx = ref MemoryMarshal.GetReference(x), rd = ref MemoryMarshal.GetReference(d), ry = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length, w = Vector<double>.Count;
        var tv = new Vector<double>(t);
        for (; i <= n - w; i += w) Store(Load(ref rx, i) + tv * Load(ref rd, i), ref ry, i);
        for (; i < n; i++) y[i] = x[i] + t * d[i];
    }

    /// <summary>y = a x + b y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Combine(double a, ReadOnlySpan<double> x, double b, Span<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("The vectors differ in length.");
        ref double rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length, w = Vector<double>.Count;
        Vector<double> av = new(a), bv = new(b);
        for (; i <= n - w; i += w) Store(av * Load(ref rx, i) + bv * Load(ref ry, i), ref ry, i);
        for (; i < n; i++) y[i] = a * x[i] + b * y[i];
    }

    /// <summary>y = a x (y may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("The vectors differ in length.");
        ref double rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y);
        int i = 0, n = x.Length, w = Vector<double>.Count;
        var av = new Vector<double>(a);
        for (; i <= n - w; i += w) Store(av * Load(ref rx, i), ref ry, i);
        for (; i < n; i++) y[i] = a * x[i];
    }

    /// <summary>d = y - x (the differences s and y of the quasi-Newton updates).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Difference(ReadOnlySpan<double> y, ReadOnlySpan<double> x, Span<double> d)
    {
        if (x.Length < y.Length || d.Length < y.Length) throw new ArgumentException("The vectors differ in length.");
        ref double ry = ref MemoryMarshal.GetReference(y), rx = ref MemoryMarshal.GetReference(x), rd = ref MemoryMarshal.GetReference(d);
        int i = 0, n = y.Length, w = Vector<double>.Count;
        for (; i <= n - w; i += w) Store(Load(ref ry, i) - Load(ref rx, i), ref rd, i);
        for (; i < n; i++) d[i] = y[i] - x[i];
    }

    // Unchecked vector access; callers check the lengths first and stay below them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<double> Load(ref double source, int i) => Vector.LoadUnsafe(ref source, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(Vector<double> v, ref double destination, int i) => v.StoreUnsafe(ref destination, (nuint)i);

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
