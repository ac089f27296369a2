using System.Collections.Immutable;
using System.Runtime.CompilerServices;

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
/// Every method checks its arguments first: a null array is an <see cref="ArgumentNullException"/>, a point, direction
/// or output of the wrong length an <see cref="ArgumentException"/>, each naming the parameter. Outputs are written
/// into the caller's buffers and nothing the caller passes is kept (<see cref="Bind"/> copies its values).
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
        public readonly Lazy<KernelProgram> Value, Gradient, Hessian, HessianVector, Directional, RowSum;
        public readonly Lazy<VectorBatch?> VectorValues, ScalarValues;

        public Shared(Expr expression, ImmutableArray<Symbol> variables, ImmutableArray<Symbol> parameters, CompileOptions options)
        {
            (Expression, Variables, Parameters, Options) = (expression, variables, parameters, options);
            var stable = Evaluation.StableForms.Rewrite(expression);
            Value = new(() => Kernels.Value(stable, variables, parameters));
            Gradient = new(() => Kernels.Gradient(stable, variables, parameters, options.Gradient));
            Hessian = new(() => Kernels.Hessian(stable, variables, parameters));
            HessianVector = new(() => Kernels.HessianVector(stable, variables, parameters));
            Directional = new(() => ForwardMode.Directional(stable, variables, parameters));
            RowSum = new(() => Kernels.RowSum(stable, variables, parameters));
            VectorValues = new(() => options.Simd ? VectorKernels.TryValues(stable, variables, parameters) : null);
            ScalarValues = new(() => Kernels.ScalarBatch(stable, variables, parameters));
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
    [OverloadResolutionPriority(1)] // arrays take the no-copy path, and [a, b] literals are not ambiguous
    public double Value(double[] x)
    {
        CheckLength(Guard.NotNull(x).Length);
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
    [OverloadResolutionPriority(1)]
    public double ValueAndGradient(double[] x, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        CheckLength(Guard.NotNull(x).Length);
        if (gradient.Length < Dimension) throw new ArgumentException($"the gradient needs {Dimension} entries", nameof(gradient));
        return _shared.Gradient.Value.Run(x, _parameters, None, gradient);
    }

    /// <summary>f(x; p) and its gradient in x, reading and writing arrays directly (no copies): the form for
    /// a stochastic gradient step on one data row whose values are <paramref name="parameters"/>.</summary>
    [OverloadResolutionPriority(1)]
    public double ValueAndGradient(double[] x, double[] parameters, double[] gradient)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradient);
        CheckLength(Guard.NotNull(x).Length);
        CheckParameters(parameters);
        if (gradient.Length < Dimension) throw new ArgumentException($"the gradient needs {Dimension} entries", nameof(gradient));
        return _shared.Gradient.Value.Run(x, parameters, None, gradient);
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

    /// <summary>The Hessian at x, written row-major into <paramref name="hessian"/> directly (no copies).</summary>
    [OverloadResolutionPriority(1)]
    public void Hessian(double[] x, double[] hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        CheckLength(Guard.NotNull(x).Length);
        if (hessian.Length < Dimension * Dimension) throw new ArgumentException($"the Hessian needs {Dimension * Dimension} entries", nameof(hessian));
        _shared.Hessian.Value.Run(x, _parameters, None, hessian);
    }

    /// <summary>H(x) v written into <paramref name="result"/>, reading and writing arrays directly (no copies).</summary>
    [OverloadResolutionPriority(1)]
    public void HessianVectorProduct(double[] x, double[] v, double[] result)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(result);
        CheckLength(Guard.NotNull(x).Length);
        if (v.Length != Dimension) throw new ArgumentException($"the direction needs {Dimension} entries", nameof(v));
        if (result.Length < Dimension) throw new ArgumentException($"the result needs {Dimension} entries", nameof(result));
        _shared.HessianVector.Value.Run(x, _parameters, v, result);
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

    /// <summary>
    /// The directional derivative of f at x along v (forward mode: one pass carries values and tangents).
    /// A full gradient this way costs n passes; <see cref="ValueAndGradient(ReadOnlySpan{double}, Span{double})"/> costs one.
    /// </summary>
    public double DirectionalDerivative(ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        if (v.Length != Dimension) throw new ArgumentException($"the direction needs {Dimension} entries", nameof(v));
        var direction = t_v is { } buffer && buffer.Length >= Dimension ? buffer : t_v = new double[Math.Max(Dimension, 16)];
        v.CopyTo(direction);
        var y = Output(1);
        _shared.Directional.Value.Run(Input(x), _parameters, direction, y);
        return y[0];
    }

    // ------------------------------------------------------------------ batches

    /// <summary>Rows per parallel work item; batches smaller than two of them run on the calling thread.</summary>
    private const int RowsPerTask = 1024;

    /// <summary>f at every row of <paramref name="points"/> (one point per row), into <paramref name="values"/>;
    /// large batches are spread across cores, and when every operation of f has a vector form (arithmetic,
    /// integer powers, square roots, exp, log, abs, sigmoid) several rows are evaluated at once with SIMD.</summary>
    /// <remarks>SIMD results equal one-at-a-time results exactly for arithmetic, and within a few ulps where
    /// exp and log are involved (the vector forms round differently in the last bits).</remarks>
    /// <exception cref="ArgumentException">The rows do not have one column per variable, or too few values.</exception>
    public void Values(double[,] points, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckBatch(points, values.Length);
        var result = new double[points.GetLength(0)];
        Values(points, result);
        result.CopyTo(values);
    }

    /// <summary><see cref="Values(double[,], Span{double})"/> writing into an array directly (no copy).</summary>
    [OverloadResolutionPriority(1)]
    public void Values(double[,] points, double[] values)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(values);
        CheckBatch(points, values.Length);
        int rows = points.GetLength(0), n = Dimension, width = VectorKernels.Width;
        var kernel = _shared.Value.Value;
        var vector = _shared.VectorValues.Value;
        var scalar = _shared.ScalarValues.Value;
        ForRows(rows, (_, from, to) =>
        {
            if (vector is not null && to - from >= width)
            {
                // whole vectors of rows through the SIMD kernel, the rest through the scalar loop
                int whole = (to - from) / width * width;
                vector(points, from, _parameters, values, whole);
                from += whole;
            }
            if (from == to) return;
            if (scalar is not null)
            {
                scalar(points, from, _parameters, values, to - from);
                return;
            }
            var x = new double[n];
            for (int r = from; r < to; r++)
            {
                for (int j = 0; j < n; j++) x[j] = points[r, j];
                values[r] = kernel.Run(x, _parameters, None, None);
            }
        });
    }

    private void CheckBatch(double[,] points, int values)
    {
        if (points.GetLength(1) != Dimension) throw new ArgumentException($"each row needs {Dimension} columns", nameof(points));
        if (values < points.GetLength(0)) throw new ArgumentException($"the values need {points.GetLength(0)} entries", nameof(values));
    }

    /// <summary>
    /// The sum over data rows of f(x; row) and of its gradient in x: each row of <paramref name="parameterRows"/>
    /// gives the parameters (a data set's features and target). This is a full-batch loss and gradient;
    /// the rows are spread across cores for large data.
    /// </summary>
    /// <returns>The sum of the values; the summed gradient is written into <paramref name="gradient"/>.</returns>
    public double SumOverRows(ReadOnlySpan<double> x, double[,] parameterRows, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(parameterRows);
        if (parameterRows.GetLength(1) != Parameters.Length)
            throw new ArgumentException($"each row needs {Parameters.Length} columns (the parameters)", nameof(parameterRows));
        var flat = new double[parameterRows.Length];
        Buffer.BlockCopy(parameterRows, 0, flat, 0, flat.Length * sizeof(double));
        return SumOverRows(x, flat, gradient);
    }

    /// <summary>
    /// <see cref="SumOverRows(ReadOnlySpan{double}, double[,], Span{double})"/> over data stored row-major in
    /// one array (row r's parameters at <c>[r*m, r*m + m)</c>), without copying it: the form to keep a data set in.
    /// </summary>
    public double SumOverRows(ReadOnlySpan<double> x, double[] rowMajorData, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(rowMajorData);
        CheckLength(x.Length);
        int n = Dimension, m = Parameters.Length;
        if (m == 0 || rowMajorData.Length % m != 0)
            throw new ArgumentException($"the data must hold whole rows of {m} parameter values", nameof(rowMajorData));
        if (gradient.Length < n) throw new ArgumentException($"the gradient needs {n} entries", nameof(gradient));
        int rows = rowMajorData.Length / m;
        var point = x.ToArray();
        var kernel = _shared.RowSum.Value;
        var blocks = new (double Value, double[] Gradient)[BlockCount(rows)];
        ForRows(rows, (block, from, to) =>
        {
            var g = new double[n];
            double sum = kernel.Run(point, rowMajorData, [from, to], g);
            blocks[block] = (sum, g);
        });
        // Blocks are added in order, so the result does not depend on how threads were scheduled.
        gradient[..n].Clear();
        double value = 0;
        foreach (var (v, g) in blocks)
        {
            value += v;
            for (int j = 0; j < n; j++) gradient[j] += g[j];
        }
        return value;
    }

    private static int BlockCount(int rows) => rows < 2 * RowsPerTask ? 1 : (rows + RowsPerTask - 1) / RowsPerTask;

    private static void ForRows(int rows, Action<int, int, int> block)
    {
        int blocks = BlockCount(rows);
        if (blocks == 1)
        {
            block(0, 0, rows);
            return;
        }
        Parallel.For(0, blocks, b => block(b, b * RowsPerTask, Math.Min(rows, (b + 1) * RowsPerTask)));
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
            throw new ArgumentException($"the point has {length} coordinates but the function has {Dimension} variables", "x");
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
            if (!seen.Add(s)) throw new ArgumentException($"'{s.Name}' is named twice among the variables and parameters", nameof(variables));
        foreach (var s in expression.FreeSymbols)
            if (!seen.Contains(s))
                throw new SymbolicException($"cannot compile: the expression depends on '{s.Name}', which is neither a variable nor a parameter");
    }
}
