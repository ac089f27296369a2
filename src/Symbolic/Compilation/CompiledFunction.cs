using System.Collections.Immutable;

namespace Symbolic.Compilation;

/// <summary>
/// A scalar expression compiled to .NET delegates: its value, gradient, Hessian and Hessian-vector
/// product at a point, with no allocation per call. Each kernel is one delegate in which every distinct
/// subexpression is computed once; the gradient and Hessian kernels are built on first use.
/// </summary>
/// <remarks>
/// Symbols split into <see cref="Variables"/> (the point <c>x</c>) and <see cref="Parameters"/> (values
/// that stay fixed during a solve, such as a data row's features): pass them to each call, or fix them
/// once with <see cref="Bind"/>. Instances are immutable and safe to call from several threads.
/// </remarks>
/// <example><code>
/// var fn = Expr.Parse("x^2 + 3x*y").Compile("x", "y");
/// Span&lt;double&gt; g = stackalloc double[2];
/// double v = fn.ValueAndGradient([1.0, 2.0], g);   // v = 7, g = [8, 3]
/// </code></example>
public sealed class CompiledFunction
{
    [ThreadStatic] private static double[]? t_x, t_out, t_v;

    private static readonly double[] None = [];

    private readonly Shared _shared;
    private readonly double[] _parameters;

    // The kernels are shared by every binding of the same function, and compiled on first use.
    private sealed class Shared
    {
        public readonly Expr Expression;
        public readonly ImmutableArray<Symbol> Variables, Parameters;
        public readonly CompileOptions Options;
        public readonly Lazy<KernelProgram> Value, Gradient, Hessian, HessianVector;

        public Shared(Expr expression, ImmutableArray<Symbol> variables, ImmutableArray<Symbol> parameters, CompileOptions options)
        {
            (Expression, Variables, Parameters, Options) = (expression, variables, parameters, options);
            var stable = Evaluation.StableForms.Rewrite(expression);
            Value = new(() => Kernels.Value(stable, variables, parameters));
            Gradient = new(() => Kernels.Gradient(stable, variables, parameters, options.Gradient));
            Hessian = new(() => Kernels.Hessian(stable, variables, parameters));
            HessianVector = new(() => Kernels.HessianVector(stable, variables, parameters));
        }
    }

    internal CompiledFunction(Expr expression, ImmutableArray<Symbol> variables, ImmutableArray<Symbol> parameters, CompileOptions? options = null)
    {
        CheckSymbols(expression, variables, parameters);
        _shared = new Shared(expression, variables, parameters, options ?? CompileOptions.Default);
        _parameters = new double[parameters.Length];
        _ = _shared.Value.Value; // compile the value now, so errors surface at Compile
    }

    private CompiledFunction(Shared shared, double[] parameters)
    {
        _shared = shared;
        _parameters = parameters;
    }

    /// <summary>The compiled expression.</summary>
    public Expr Expression => _shared.Expression;

    /// <summary>The variables, in the order of the point's coordinates.</summary>
    public ImmutableArray<Symbol> Variables => _shared.Variables;

    /// <summary>The parameters, in the order <see cref="Bind"/> takes them.</summary>
    public ImmutableArray<Symbol> Parameters => _shared.Parameters;

    /// <summary>The number of variables.</summary>
    public int Dimension => _shared.Variables.Length;

    /// <summary>The same function with its parameters fixed to <paramref name="parameters"/> (copied); the kernels are shared.</summary>
    /// <exception cref="ArgumentException">The number of values is not the number of parameters.</exception>
    public CompiledFunction Bind(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != _shared.Parameters.Length)
            throw new ArgumentException($"expected {_shared.Parameters.Length} parameter values, got {parameters.Length}", nameof(parameters));
        return new CompiledFunction(_shared, parameters.ToArray());
    }

    /// <summary>f(x) with the bound parameters.</summary>
    public double Value(ReadOnlySpan<double> x) => _shared.Value.Value.Run(Input(x), _parameters, None, None);

    /// <summary>f(x) with the bound parameters, reading <paramref name="x"/> directly.</summary>
    public double Value(double[] x)
    {
        CheckLength(x.Length);
        return _shared.Value.Value.Run(x, _parameters, None, None);
    }

    /// <summary>f(x; p) with the parameters given for this call.</summary>
    public double Value(ReadOnlySpan<double> x, double[] parameters)
    {
        CheckParameters(parameters);
        return _shared.Value.Value.Run(Input(x), parameters, None, None);
    }

    /// <summary>f(x), and the gradient written into <paramref name="gradient"/> (length n).</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (gradient.Length < Dimension) throw new ArgumentException($"the gradient needs {Dimension} entries", nameof(gradient));
        var g = Output(Dimension);
        double v = _shared.Gradient.Value.Run(Input(x), _parameters, None, g);
        g.AsSpan(0, Dimension).CopyTo(gradient);
        return v;
    }

    /// <summary>f(x; p) and its gradient in x, with the parameters given for this call.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> x, double[] parameters, Span<double> gradient)
    {
        CheckParameters(parameters);
        if (gradient.Length < Dimension) throw new ArgumentException($"the gradient needs {Dimension} entries", nameof(gradient));
        var g = Output(Dimension);
        double v = _shared.Gradient.Value.Run(Input(x), parameters, None, g);
        g.AsSpan(0, Dimension).CopyTo(gradient);
        return v;
    }

    /// <summary>f(x) and its gradient, reading and writing arrays directly (no copies).</summary>
    public double ValueAndGradient(double[] x, double[] gradient)
    {
        CheckLength(x.Length);
        if (gradient.Length < Dimension) throw new ArgumentException($"the gradient needs {Dimension} entries", nameof(gradient));
        return _shared.Gradient.Value.Run(x, _parameters, None, gradient);
    }

    /// <summary>The Hessian at x, written row-major into <paramref name="hessian"/> (length n*n).</summary>
    public void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        int size = Dimension * Dimension;
        if (hessian.Length < size) throw new ArgumentException($"the Hessian needs {size} entries", nameof(hessian));
        var h = Output(size);
        _shared.Hessian.Value.Run(Input(x), _parameters, None, h);
        h.AsSpan(0, size).CopyTo(hessian);
    }

    /// <summary>H(x) v, written into <paramref name="result"/>, at the cost of the Hessian's nonzeros (H is not formed).</summary>
    public void HessianVectorProduct(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result)
    {
        if (v.Length != Dimension) throw new ArgumentException($"the direction needs {Dimension} entries", nameof(v));
        if (result.Length < Dimension) throw new ArgumentException($"the result needs {Dimension} entries", nameof(result));
        var direction = t_v is { } buffer && buffer.Length >= Dimension ? buffer : t_v = new double[Math.Max(Dimension, 16)];
        v.CopyTo(direction);
        var hv = Output(Dimension);
        _shared.HessianVector.Value.Run(Input(x), _parameters, direction, hv);
        hv.AsSpan(0, Dimension).CopyTo(result);
    }

    private double[] Input(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length);
        var buffer = t_x is { } b && b.Length >= x.Length ? b : t_x = new double[Math.Max(x.Length, 16)];
        x.CopyTo(buffer);
        return buffer;
    }

    private static double[] Output(int size) =>
        t_out is { } b && b.Length >= size ? b : t_out = new double[Math.Max(size, 16)];

    private void CheckLength(int length)
    {
        if (length != Dimension)
            throw new ArgumentException($"the point has {length} coordinates but the function has {Dimension} variables");
    }

    private void CheckParameters(double[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != _shared.Parameters.Length)
            throw new ArgumentException($"expected {_shared.Parameters.Length} parameter values, got {parameters.Length}", nameof(parameters));
    }

    internal static void CheckSymbols(Expr expression, ImmutableArray<Symbol> variables, ImmutableArray<Symbol> parameters)
    {
        var seen = new HashSet<Symbol>();
        foreach (var s in variables.Concat(parameters))
            if (!seen.Add(s)) throw new ArgumentException($"'{s.Name}' is named twice among the variables and parameters");
        foreach (var s in expression.FreeSymbols)
            if (!seen.Contains(s))
                throw new SymbolicException($"cannot compile: the expression depends on '{s.Name}', which is neither a variable nor a parameter");
    }
}
