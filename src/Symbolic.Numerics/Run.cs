namespace Symbolic.Numerics;

// The bookkeeping every minimizer shares: the current point, value and gradient, evaluation count, the trace,
// and turning the state into a result. Keeping it in one place makes every method report the same way.
internal sealed class Run
{
    public readonly Objective Objective;
    public readonly MinimizationOptions Options;
    public readonly string Method;
    public readonly int N;
    public double[] X, G;
    public double F, GradientNorm;
    public int Evaluations, Iterations;
    private readonly List<TraceEntry>? _trace;
    private readonly ComputeContext _context = ComputeContext.Current; // its deadline and token stop a long run

    public Run(string method, Objective objective, double[] start, MinimizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (start.Length != objective.Dimension)
            throw new ArgumentException($"The start has {start.Length} coordinates but the objective has {objective.Dimension} variables.", nameof(start));
        if (!Vectors.AllFinite(start)) throw new ArgumentException("The start must be finite.", nameof(start));
        (Method, Objective, Options, N) = (method, objective, options, start.Length);
        X = (double[])start.Clone();
        G = new double[N];
        _trace = options.RecordTrace ? [] : null;
        F = Evaluate(X, G);
        GradientNorm = Vectors.Norm(G);
        Record();
    }

    public bool Finite => double.IsFinite(F) && double.IsFinite(GradientNorm);

    public bool Done => GradientNorm <= Options.Tolerance;

    public double Evaluate(double[] x, double[] g)
    {
        // Every method evaluates through here, line searches included: a timeout or Ctrl+C lands within 64 evaluations.
        if ((++Evaluations & 63) == 0) _context.ThrowIfStopped();
        return Objective.ValueAndGradient(x, g);
    }

    public void Record()
    {
        _trace?.Add(new TraceEntry(Iterations, (double[])X.Clone(), F, GradientNorm));
    }

    /// <summary>Accepts a new point by exchanging buffers: x and g become current (the caller's arrays now hold the
    /// previous point and gradient, free to be overwritten), one more iteration. No copies.</summary>
    public void Accept(ref double[] x, double f, ref double[] g)
    {
        (X, x) = (x, X);
        (G, g) = (g, G);
        F = f;
        GradientNorm = Vectors.Norm(G);
        Iterations++;
        Record();
    }

    public MinimizationResult Result(ExitReason reason) =>
        new((double[])X.Clone(), F, GradientNorm, Iterations, Evaluations, reason, Method, (IReadOnlyList<TraceEntry>?)_trace ?? []);

    /// <summary>The result when no update was needed or possible: converged if the gradient is already small.</summary>
    public MinimizationResult Finish(ExitReason otherwise) =>
        Result(!Finite ? ExitReason.NonFinite : Done ? ExitReason.Converged : otherwise);
}
