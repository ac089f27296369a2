using System.Collections.Immutable;

namespace Symbolic.Compilation;

/// <summary>
/// A vector of expressions f = (f_1, ..., f_m) compiled together: its values and its m*n Jacobian at a
/// point, each in one delegate that computes shared subexpressions once, with no allocation per call.
/// </summary>
/// <example><code>
/// var F = Expr.CompileVector([Expr.Parse("x^2 - y"), Expr.Parse("x + y")], "x", "y");
/// Span&lt;double&gt; J = stackalloc double[4];
/// F.Jacobian([1.0, 2.0], J);   // [[2, -1], [1, 1]]
/// </code></example>
public sealed class CompiledVectorFunction
{
    [ThreadStatic] private static double[]? t_x, t_out;

    private readonly double[] _parameters;
    private readonly Lazy<KernelProgram> _values;
    private readonly Lazy<KernelProgram> _jacobian;

    internal CompiledVectorFunction(ImmutableArray<Expr> functions, ImmutableArray<Symbol> variables, ImmutableArray<Symbol> parameters)
    {
        foreach (var f in functions) CompiledFunction.CheckSymbols(f, variables, parameters);
        Functions = functions;
        Variables = variables;
        Parameters = parameters;
        _parameters = new double[parameters.Length];
        var stable = functions.Select(Evaluation.StableForms.Rewrite).ToArray();
        _values = new(() => Kernels.Values(stable, variables, parameters));
        _jacobian = new(() => Kernels.Jacobian(stable, variables, parameters));
        _ = _values.Value;
    }

    private CompiledVectorFunction(CompiledVectorFunction source, double[] parameters)
    {
        (Functions, Variables, Parameters) = (source.Functions, source.Variables, source.Parameters);
        (_values, _jacobian, _parameters) = (source._values, source._jacobian, parameters);
    }

    /// <summary>The compiled expressions, in output order.</summary>
    public ImmutableArray<Expr> Functions { get; }

    /// <summary>The variables, in the order of the point's coordinates.</summary>
    public ImmutableArray<Symbol> Variables { get; }

    /// <summary>The parameters, in the order <see cref="Bind"/> takes them.</summary>
    public ImmutableArray<Symbol> Parameters { get; }

    /// <summary>The same functions with the parameters fixed (copied).</summary>
    public CompiledVectorFunction Bind(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != Parameters.Length)
            throw new ArgumentException($"expected {Parameters.Length} parameter values, got {parameters.Length}", nameof(parameters));
        return new CompiledVectorFunction(this, parameters.ToArray());
    }

    /// <summary>f_i(x) for every i, written into <paramref name="values"/> (length m).</summary>
    public void Values(ReadOnlySpan<double> x, Span<double> values)
    {
        int m = Functions.Length;
        if (values.Length < m) throw new ArgumentException($"the values need {m} entries", nameof(values));
        var y = Output(m);
        _values.Value.Run(Input(x), _parameters, [], y);
        y.AsSpan(0, m).CopyTo(values);
    }

    /// <summary>The Jacobian J[i, j] = d f_i / d x_j, written row-major into <paramref name="jacobian"/> (length m*n).</summary>
    public void Jacobian(ReadOnlySpan<double> x, Span<double> jacobian)
    {
        int size = Functions.Length * Variables.Length;
        if (jacobian.Length < size) throw new ArgumentException($"the Jacobian needs {size} entries", nameof(jacobian));
        var y = Output(size);
        _jacobian.Value.Run(Input(x), _parameters, [], y);
        y.AsSpan(0, size).CopyTo(jacobian);
    }

    private double[] Input(ReadOnlySpan<double> x)
    {
        if (x.Length != Variables.Length)
            throw new ArgumentException($"the point has {x.Length} coordinates but the functions have {Variables.Length} variables", nameof(x));
        var buffer = t_x is { } b && b.Length >= x.Length ? b : t_x = new double[Math.Max(x.Length, 16)];
        x.CopyTo(buffer);
        return buffer;
    }

    private static double[] Output(int size) =>
        t_out is { } b && b.Length >= size ? b : t_out = new double[Math.Max(size, 16)];
}
