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
    public abstract void Apply(Span<double> x, ReadOnlySpan<double> g, int step);

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
            "adagrad" => new AdagradRule(options.RateOr(0.01), options.Epsilon),
            "rmsprop" => new RmspropRule(options.RateOr(0.001), options.Decay, options.Epsilon),
            "adam" => new AdamRule(options.RateOr(0.001), options.Beta1, options.Beta2, options.Epsilon),
            _ => throw new ArgumentException($"'{method}' is not a first-order method; expected gd, sgd, momentum, nesterov, adagrad, rmsprop or adam.", nameof(method)),
        };
    }
}

// x <- x - rate g
internal sealed class SgdRule(double rate) : UpdateRule
{
    public override void Reset(int dimension) { }

    public override void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        for (int i = 0; i < x.Length; i++) x[i] -= rate * g[i];
    }
}

// Heavy ball: v <- mu v - rate g, x <- x + v (the damped-mass ODE of the notes, discretized).
// Nesterov in Sutskever's form, with the gradient taken at the look-ahead point that x tracks:
// x <- x - mu v_old + (1 + mu) v.
internal sealed class MomentumRule(double rate, double mu, bool nesterov) : UpdateRule
{
    private double[] _v = [];

    public override void Reset(int dimension) => _v = new double[dimension];

    public override void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        if (_v.Length != x.Length) Reset(x.Length);
        var v = _v;
        if (nesterov)
            for (int i = 0; i < x.Length; i++)
            {
                double old = v[i];
                v[i] = mu * old - rate * g[i];
                x[i] += -mu * old + (1 + mu) * v[i];
            }
        else
            for (int i = 0; i < x.Length; i++)
            {
                v[i] = mu * v[i] - rate * g[i];
                x[i] += v[i];
            }
    }
}

// G <- G + g^2, x <- x - rate g / (sqrt(G) + eps)
internal sealed class AdagradRule(double rate, double eps) : UpdateRule
{
    private double[] _sum = [];

    public override void Reset(int dimension) => _sum = new double[dimension];

    public override void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        if (_sum.Length != x.Length) Reset(x.Length);
        var s = _sum;
        for (int i = 0; i < x.Length; i++)
        {
            s[i] += g[i] * g[i];
            x[i] -= rate * g[i] / (Math.Sqrt(s[i]) + eps);
        }
    }
}

// s <- decay s + (1 - decay) g^2, x <- x - rate g / (sqrt(s) + eps)
internal sealed class RmspropRule(double rate, double decay, double eps) : UpdateRule
{
    private double[] _s = [];

    public override void Reset(int dimension) => _s = new double[dimension];

    public override void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        if (_s.Length != x.Length) Reset(x.Length);
        var s = _s;
        for (int i = 0; i < x.Length; i++)
        {
            s[i] = decay * s[i] + (1 - decay) * g[i] * g[i];
            x[i] -= rate * g[i] / (Math.Sqrt(s[i]) + eps);
        }
    }
}

// m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2, x <- x - rate m^ / (sqrt(v^) + eps) with the bias-corrected m^, v^.
internal sealed class AdamRule(double rate, double beta1, double beta2, double eps) : UpdateRule
{
    private double[] _m = [], _v = [];

    public override void Reset(int dimension) => (_m, _v) = (new double[dimension], new double[dimension]);

    public override void Apply(Span<double> x, ReadOnlySpan<double> g, int step)
    {
        if (_m.Length != x.Length) Reset(x.Length);
        var (m, v) = (_m, _v);
        double c1 = 1 / (1 - Math.Pow(beta1, step)), c2 = 1 / (1 - Math.Pow(beta2, step));
        for (int i = 0; i < x.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            x[i] -= rate * (m[i] * c1) / (Math.Sqrt(v[i] * c2) + eps);
        }
    }
}
