using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Symbolic.Numerics.Vectors;

namespace Symbolic.Numerics;

/// <summary>
/// A first-order update x &lt;- x + step(g): the rules of machine learning (SGD, momentum, Nesterov, Adagrad,
/// RMSprop, Adam), shared by <see cref="FirstOrderMinimizer"/> and <see cref="Fit"/>. A rule keeps its own
/// state (velocity, moment averages) between calls; <see cref="Reset"/> clears it.
/// </summary>
public abstract class UpdateRule
{
    /// <summary>Clears the state for a problem of <paramref name="dimension"/> variables.</summary>
    public abstract void Reset(int dimension);

    /// <summary>Moves <paramref name="x"/> in place, given the gradient <paramref name="g"/> at x; <paramref name="step"/> counts from 1.</summary>
    /// <exception cref="ArgumentException">g is shorter than x.</exception>
    public void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        if (g.Length < x.Length) throw new ArgumentException("The gradient is shorter than the point.", nameof(g));
        Update(x, g, x, step, out _);
    }

    // next = x + step(g), where next may be x itself (each coordinate is read before it is written). Returns
    // g.g, and tells whether every coordinate of next is finite. One pass over the vectors does all a
    // first-order iteration needs besides the gradient: the minimizer writes the new point beside the old one
    // instead of copying it first, reads the gradient norm for its stopping test from the same pass, and
    // learns of divergence without another. Callers check that g and next are at least as long as x.
    // Vector<double> with a scalar tail (the JIT vectorizes no loop by itself); the tail computes the same
    // formula, so a coordinate's update does not depend on where it falls.
    internal abstract double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> next, int step, out bool finite);

    // Where the vector loop stops (its last start). Short vectors go through the scalar loop only: fit's
    // stochastic steps update a handful of parameters per data row, and there vector loads of the gradient the
    // compiled code has just written element by element would wait for those stores to retire (no store
    // forwarding from several stores to one load), as would the compiled code's loads of the point after
    // vector stores: slower than the scalar loop by several times, on the critical path of every row.
    private protected static int VectorEnd(int n) => n < 64 ? -1 : n - Vector<double>.Count;

    /// <summary>The rule for a method name ("gd"/"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam") with the options' rate and coefficients.</summary>
    /// <exception cref="ArgumentException">The name is not a first-order method.</exception>
    public static UpdateRule For(string method, MinimizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        return method switch
        {
            "gd" or "sgd" => new SgdRule(options.RateOr(0.01)),
            "momentum" => new MomentumRule(options.RateOr(0.01), options.Momentum, nesterov: false),
            "nesterov" => new MomentumRule(options.RateOr(0.01), options.Momentum, nesterov: true),
            "adagrad" => ScaledSquaresRule.Adagrad(options.RateOr(0.01), options.Epsilon),
            "rmsprop" => ScaledSquaresRule.Rmsprop(options.RateOr(0.001), options.Decay, options.Epsilon),
            "adam" => new AdamRule(options.RateOr(0.001), options.Beta1, options.Beta2, options.Epsilon),
            _ => throw new ArgumentException($"'{method}' is not a first-order method; expected gd, sgd, momentum, nesterov, adagrad, rmsprop or adam.", nameof(method)),
        };
    }
}

// x <- x - rate g
internal sealed class SgdRule(double rate) : UpdateRule
{
    public double Rate => rate;

    public override void Reset(int dimension) { }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // straight to optimized code: tier 0 calls every Vector<double> operation
    internal override double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> next, int step, out bool finite)
    {
        ref double rx = ref MemoryMarshal.GetReference(x), rg = ref MemoryMarshal.GetReference(g), rn = ref MemoryMarshal.GetReference(next);
        int i = 0, n = x.Length, w = Vector<double>.Count, last = VectorEnd(n);
        var r = new Vector<double>(rate);
        Vector<double> check = Vector<double>.Zero, squares = Vector<double>.Zero, squares2 = Vector<double>.Zero;
        // Two vectors a turn, with two sums of squares: one sum alone is a chain of dependent additions that
        // takes longer than the arithmetic.
        for (; i <= last - w; i += 2 * w)
        {
            Vector<double> g0 = Load(ref rg, i), g1 = Load(ref rg, i + w);
            squares += g0 * g0;
            squares2 += g1 * g1;
            Vector<double> v0 = Load(ref rx, i) - r * g0, v1 = Load(ref rx, i + w) - r * g1;
            check += (v0 - v0) + (v1 - v1);
            Store(v0, ref rn, i);
            Store(v1, ref rn, i + w);
        }
        squares += squares2;
        double tail = Vector.Sum(check), gg = Vector.Sum(squares);
        for (; i < n; i++)
        {
            double gi = g[i];
            gg += gi * gi;
            double v = x[i] - rate * gi;
            tail += v - v;
            next[i] = v;
        }
        finite = tail == 0;
        return gg;
    }
}

// Heavy ball: v <- mu v - rate g, x <- x + v (the damped-mass ODE of the notes, discretized).
// Nesterov in Sutskever's form, with the gradient taken at the look-ahead point that x tracks:
// x <- x - mu v_old + (1 + mu) v.
internal sealed class MomentumRule(double rate, double mu, bool nesterov) : UpdateRule
{
    private double[] _v = [];

    public override void Reset(int dimension) => _v = new double[dimension];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // straight to optimized code: tier 0 calls every Vector<double> operation
    internal override double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> next, int step, out bool finite)
    {
        if (_v.Length != x.Length) Reset(x.Length);
        var velocity = _v.AsSpan();
        ref double rx = ref MemoryMarshal.GetReference(x), rg = ref MemoryMarshal.GetReference(g), rn = ref MemoryMarshal.GetReference(next), rv = ref MemoryMarshal.GetReference(velocity);
        int i = 0, n = x.Length, w = Vector<double>.Count, last = VectorEnd(n);
        Vector<double> r = new(rate), m = new(mu), m1 = new(1 + mu), check = Vector<double>.Zero, squares = Vector<double>.Zero;
        if (nesterov)
            for (; i <= last; i += w)
            {
                var old = Load(ref rv, i);
                var gi = Load(ref rg, i);
                squares += gi * gi;
                var v = m * old - r * gi;
                Store(v, ref rv, i);
                var xi = Load(ref rx, i) + (m1 * v - m * old);
                check += xi - xi;
                Store(xi, ref rn, i);
            }
        else
            for (; i <= last; i += w)
            {
                var gi = Load(ref rg, i);
                squares += gi * gi;
                var v = m * Load(ref rv, i) - r * gi;
                Store(v, ref rv, i);
                var xi = Load(ref rx, i) + v;
                check += xi - xi;
                Store(xi, ref rn, i);
            }
        double tail = Vector.Sum(check), gg = Vector.Sum(squares);
        for (; i < n; i++)
        {
            double gi = g[i], old = velocity[i], v = mu * old - rate * gi;
            gg += gi * gi;
            velocity[i] = v;
            double xi = nesterov ? x[i] + ((1 + mu) * v - mu * old) : x[i] + v;
            tail += xi - xi;
            next[i] = xi;
        }
        finite = tail == 0;
        return gg;
    }
}

// s <- keep s + add g^2, x <- x - rate g / (sqrt(s) + eps): Adagrad sums the squares (keep = add = 1), RMSprop
// averages them (keep = decay, add = 1 - decay).
internal sealed class ScaledSquaresRule(double rate, double keep, double add, double eps) : UpdateRule
{
    private double[] _s = [];

    public static ScaledSquaresRule Adagrad(double rate, double eps) => new(rate, 1, 1, eps);

    public static ScaledSquaresRule Rmsprop(double rate, double decay, double eps) => new(rate, decay, 1 - decay, eps);

    public override void Reset(int dimension) => _s = new double[dimension];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // straight to optimized code: tier 0 calls every Vector<double> operation
    internal override double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> next, int step, out bool finite)
    {
        if (_s.Length != x.Length) Reset(x.Length);
        var squares = _s.AsSpan();
        ref double rx = ref MemoryMarshal.GetReference(x), rg = ref MemoryMarshal.GetReference(g), rn = ref MemoryMarshal.GetReference(next), rs = ref MemoryMarshal.GetReference(squares);
        int i = 0, n = x.Length, w = Vector<double>.Count, last = VectorEnd(n);
        Vector<double> r = new(rate), k = new(keep), a = new(add), e = new(eps), check = Vector<double>.Zero, norm = Vector<double>.Zero;
        for (; i <= last; i += w)
        {
            var gi = Load(ref rg, i);
            norm += gi * gi;
            var s = k * Load(ref rs, i) + a * gi * gi;
            Store(s, ref rs, i);
            var xi = Load(ref rx, i) - r * gi / (Vector.SquareRoot(s) + e);
            check += xi - xi;
            Store(xi, ref rn, i);
        }
        double tail = Vector.Sum(check), gg = Vector.Sum(norm);
        for (; i < n; i++)
        {
            double gi = g[i], s = keep * squares[i] + add * gi * gi;
            gg += gi * gi;
            squares[i] = s;
            double xi = x[i] - rate * gi / (Math.Sqrt(s) + eps);
            tail += xi - xi;
            next[i] = xi;
        }
        finite = tail == 0;
        return gg;
    }
}

// m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, x <- x - rate m^ / (sqrt(v^) + eps) with the bias-corrected m^, v^.
internal sealed class AdamRule(double rate, double beta1, double beta2, double eps) : UpdateRule
{
    private double[] _m = [], _v = [];

    public override void Reset(int dimension) => (_m, _v) = (new double[dimension], new double[dimension]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // straight to optimized code: tier 0 calls every Vector<double> operation
    internal override double Update(ReadOnlySpan<double> x, ReadOnlySpan<double> g, Span<double> next, int step, out bool finite)
    {
        if (_m.Length != x.Length) Reset(x.Length);
        Span<double> first = _m, second = _v;
        ref double rx = ref MemoryMarshal.GetReference(x), rg = ref MemoryMarshal.GetReference(g), rn = ref MemoryMarshal.GetReference(next);
        ref double rm = ref MemoryMarshal.GetReference(first), rv = ref MemoryMarshal.GetReference(second);
        double c1 = 1 / (1 - Math.Pow(beta1, step)), c2 = 1 / (1 - Math.Pow(beta2, step));
        int i = 0, n = x.Length, w = Vector<double>.Count, last = VectorEnd(n);
        Vector<double> r = new(rate), b1 = new(beta1), b1c = new(1 - beta1), b2 = new(beta2), b2c = new(1 - beta2);
        Vector<double> k1 = new(c1), k2 = new(c2), e = new(eps), check = Vector<double>.Zero, squares = Vector<double>.Zero;
        for (; i <= last; i += w)
        {
            var gi = Load(ref rg, i);
            squares += gi * gi;
            var m = b1 * Load(ref rm, i) + b1c * gi;
            var v = b2 * Load(ref rv, i) + b2c * gi * gi;
            Store(m, ref rm, i);
            Store(v, ref rv, i);
            var xi = Load(ref rx, i) - r * (m * k1) / (Vector.SquareRoot(v * k2) + e);
            check += xi - xi;
            Store(xi, ref rn, i);
        }
        double tail = Vector.Sum(check), gg = Vector.Sum(squares);
        for (; i < n; i++)
        {
            double gi = g[i], m = beta1 * first[i] + (1 - beta1) * gi, v = beta2 * second[i] + (1 - beta2) * gi * gi;
            gg += gi * gi;
            (first[i], second[i]) = (m, v);
            double xi = x[i] - rate * (m * c1) / (Math.Sqrt(v * c2) + eps);
            tail += xi - xi;
            next[i] = xi;
        }
        finite = tail == 0;
        return gg;
    }
}
