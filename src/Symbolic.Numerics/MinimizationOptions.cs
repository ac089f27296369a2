namespace Symbolic.Numerics;

/// <summary>
/// The options every minimizer reads (each method uses those that apply to it). Null means the method's
/// default: <c>Rate</c> 0.01 for gradient descent, momentum, Nesterov and Adagrad, 0.001 for RMSprop and Adam;
/// <c>MaxIterations</c> 100 for Newton and BFGS, 1000 otherwise; <c>LineSearch</c> off for the first-order
/// methods (a fixed rate), on for Newton (a safeguarded step).
/// </summary>
/// <param name="Rate">The learning rate (step size) of the first-order methods.</param>
/// <param name="Tolerance">Stop when the gradient norm is at most this.</param>
/// <param name="MaxIterations">The most updates a method makes.</param>
/// <param name="LineSearch">Gradient descent: backtracking (Armijo) from <c>Rate</c> instead of a fixed rate. Newton: false takes full steps.</param>
/// <param name="Momentum">Momentum and Nesterov's coefficient.</param>
/// <param name="Beta1">Adam's decay of the first moment.</param>
/// <param name="Beta2">Adam's decay of the second moment.</param>
/// <param name="Epsilon">Adagrad, RMSprop and Adam: added to the root of the squared-gradient average.</param>
/// <param name="Decay">RMSprop's decay of the squared-gradient average.</param>
/// <param name="Memory">L-BFGS: how many correction pairs are kept.</param>
/// <param name="RecordTrace">Keep every iterate in <see cref="MinimizationResult.Trace"/>.</param>
/// <example><c>new MinimizationOptions(Rate: 0.001, MaxIterations: 50_000, Tolerance: 1e-6)</c></example>
public sealed record MinimizationOptions(
    double? Rate = null,
    double Tolerance = 1e-10,
    int? MaxIterations = null,
    bool? LineSearch = null,
    double Momentum = 0.9,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double Decay = 0.9,
    int Memory = 10,
    bool RecordTrace = false)
{
    /// <summary>The defaults.</summary>
    public static MinimizationOptions Default { get; } = new();

    internal int IterationsOr(int fallback) => MaxIterations ?? fallback;

    internal double RateOr(double fallback) => Rate ?? fallback;

    internal void Validate()
    {
        if (Rate is { } r && !(r > 0 && double.IsFinite(r))) throw new ArgumentException("The rate must be a positive finite number.", nameof(Rate));
        if (!(Tolerance >= 0)) throw new ArgumentException("The tolerance must not be negative.", nameof(Tolerance));
        if (MaxIterations is < 0) throw new ArgumentException("The number of iterations must not be negative.", nameof(MaxIterations));
        if (!(Momentum is >= 0 and < 1)) throw new ArgumentException("The momentum must be in [0, 1).", nameof(Momentum));
        if (!(Beta1 is >= 0 and < 1) || !(Beta2 is >= 0 and < 1)) throw new ArgumentException("Adam's betas must be in [0, 1).");
        if (!(Decay is >= 0 and < 1)) throw new ArgumentException("RMSprop's decay must be in [0, 1).", nameof(Decay));
        if (!(Epsilon > 0)) throw new ArgumentException("Epsilon must be positive.", nameof(Epsilon));
        if (Memory < 1) throw new ArgumentException("L-BFGS needs a memory of at least 1.", nameof(Memory));
    }
}
