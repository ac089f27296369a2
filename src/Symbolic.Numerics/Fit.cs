using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Symbolic.Calculus;
using Symbolic.Compilation;
using Symbolic.Evaluation;
using Symbolic.Functions;

namespace Symbolic.Numerics;

/// <summary>The per-example loss <see cref="Fit"/> minimizes.</summary>
public enum Loss
{
    /// <summary>1/2 (model - y)^2, as in the course notes' regression.</summary>
    Squared,

    /// <summary>-y log(p) - (1 - y) log(1 - p) for a model that gives a probability p (e.g. sigmoid(w.x + b)).</summary>
    Logistic,
}

/// <summary>Options of <see cref="Fit.Run"/>.</summary>
/// <param name="Loss">The per-example loss.</param>
/// <param name="Method">"sgd" (also "gd"), "momentum", "nesterov", "adagrad", "rmsprop" or "adam".</param>
/// <param name="Rate">The learning rate.</param>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="Batch">Rows per update; 0, or at least the number of rows, is full batch (summed across cores).</param>
/// <param name="Seed">Seed of the shuffles: the same seed gives the same result.</param>
/// <param name="Target">The column the model predicts.</param>
/// <param name="Initial">Starting parameter values (zeros when null).</param>
/// <param name="Coefficients">Momentum, Adam's betas, RMSprop's decay, epsilon (their rate is <paramref name="Rate"/>).</param>
public sealed record FitOptions(
    Loss Loss = Loss.Squared,
    string Method = "sgd",
    double Rate = 0.01,
    int Epochs = 100,
    int Batch = 1,
    int Seed = 0,
    string Target = "y",
    double[]? Initial = null,
    MinimizationOptions? Coefficients = null)
{
    /// <summary>The defaults.</summary>
    public static FitOptions Default { get; } = new();
}

/// <summary>The fitted parameters and the mean loss over all rows at them.</summary>
/// <param name="Parameters">The parameter names, in the order given.</param>
/// <param name="Values">The fitted values.</param>
/// <param name="Loss">The mean per-example loss over the rows.</param>
/// <param name="Updates">Parameter updates made.</param>
/// <param name="Reason">MaxIterations after the last epoch, or NonFinite when the parameters diverged (then the last finite ones).</param>
public sealed record FitResult(ImmutableArray<string> Parameters, double[] Values, double Loss, int Updates, ExitReason Reason)
{
    /// <summary>The value of one parameter.</summary>
    public double this[string name] => Values[Parameters.IndexOf(name)];
}

/// <summary>
/// Fits a model's parameters to data by stochastic gradient methods. Each epoch shuffles the rows without
/// replacement (the course notes' option 2) and walks them in mini-batches; the per-example loss and its
/// gradient are compiled once, so a row costs one compiled call with the row bound as the parameters.
/// Full-batch gradients are summed in blocks of rows added in order, across cores for large data (from 32,768 rows).
/// </summary>
/// <example><code>
/// var r = Fit.Run(Expr.Parse("m*x + b"), ["m", "b"], DataSet.Load("line.csv"), new FitOptions(Epochs: 200));
/// </code></example>
public static class Fit
{
    /// <summary>The per-example loss expression of a model, with the target column's symbol.</summary>
    public static Expr LossExpression(Expr model, Loss loss, string target)
    {
        ArgumentNullException.ThrowIfNull(model);
        var y = Guard.SymbolArgument(target);
        // For p = sigmoid(z): -y log p - (1 - y) log(1 - p) = softplus(z) - y z, one transcendental pair
        // instead of two, with the gradient (sigmoid(z) - y) z' that backpropagation derives by hand.
        if (loss == Loss.Logistic && model is Call { Function: var f } call && ReferenceEquals(f, Functions.Functions.Sigmoid))
            return Expr.Sub(Expr.Call(Functions.Functions.Softplus, call.Arguments[0]), Expr.Mul(y, call.Arguments[0]));
        return loss switch
        {
            Loss.Squared => Expr.Div(Expr.Pow(Expr.Sub(model, y), 2), 2),
            Loss.Logistic => Expr.Neg(Expr.Add(
                Expr.Mul(y, Expr.Call(Functions.Functions.Log, model)),
                Expr.Mul(Expr.Sub(1, y), Expr.Call(Functions.Functions.Log, Expr.Sub(1, model))))),
            _ => throw new ArgumentOutOfRangeException(nameof(loss)),
        };
    }

    /// <summary>Fits <paramref name="parameters"/> of <paramref name="model"/> to <paramref name="data"/>: <see cref="Prepare"/> then <see cref="FitProblem.Run"/>.</summary>
    /// <exception cref="SymbolicException">The target is not a column, a parameter is also a column, the model uses
    /// a symbol that is neither, or an option is out of range.</exception>
    public static FitResult Run(Expr model, IReadOnlyList<string> parameters, DataSet data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.NoNulls(parameters);
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        return Prepare(model, parameters, data, options.Loss, options.Target).Run(options);
    }

    /// <summary>Checks the model against the data and compiles its per-example loss once, for several runs.</summary>
    /// <exception cref="SymbolicException">The target is not a column, a parameter is also a column, or the model uses a symbol that is neither.</exception>
    public static FitProblem Prepare(Expr model, IReadOnlyList<string> parameters, DataSet data, Loss loss = Loss.Squared, string target = "y")
    {
        ArgumentNullException.ThrowIfNull(model);
        Guard.NoNulls(parameters);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(target);
        if (data.IndexOf(target) < 0)
            throw new SymbolicException($"fit: the data has no target column '{target}'; its columns are {string.Join(", ", data.Columns)}");
        foreach (var p in parameters)
            if (data.IndexOf(p) >= 0) throw new SymbolicException($"fit: '{p}' is both a parameter and a column of the data");
        if (model.Contains(Expr.Symbol(target)))
            throw new SymbolicException($"fit: the model uses the target column '{target}'");
        foreach (var s in model.FreeSymbols)
            if (!parameters.Contains(s.Name) && data.IndexOf(s.Name) < 0)
                throw new SymbolicException($"fit: the model uses '{s.Name}', which is neither a parameter nor a column of the data");
        if (data.Rows == 0) throw new SymbolicException($"fit: {data.Source} has no rows");
        // Every column is a compiled parameter, in file order, so a row of the data is the parameter vector as it is.
        var expression = LossExpression(model, loss, target);
        var fn = expression.Compile([.. parameters.Select(Expr.Symbol)], [.. data.Columns.Select(Expr.Symbol)]);
        return new FitProblem([.. parameters], data, fn);
    }

}

/// <summary>A model, its data and its compiled per-example loss, ready to fit (see <see cref="Fit.Prepare"/>).</summary>
public sealed class FitProblem
{
    private readonly DataSet _data;
    private readonly CompiledFunction _loss;

    // The rows as arrays of their own, made on the first stochastic run: a step passes its row to the compiled
    // loss as the parameters, and a copy into one shared array would cost more than the row's arithmetic (the
    // compiled code's loads wait for the copy's wide stores to retire: 37 ns a row against 19 ns without).
    private readonly Lazy<double[][]> _rowArrays;

    // The per-example gradient alone, for the stochastic steps, over the parameters with the row as the compiled
    // parameters: a step needs no loss value, and the logistic loss's value costs an exponential and a
    // logarithm a row that its gradient, (sigmoid(z) - y) z', does not. The compiler's kernel is called directly
    // (theta and the row read, g written, no checks or copies); the sizes are fixed here.
    private readonly Lazy<KernelProgram> _rowGradient;

    // The loss's value alone, for the mean loss after stochastic epochs, called the same way.
    private readonly Lazy<KernelProgram> _rowValue;

    private static readonly double[] None = [];

    internal FitProblem(ImmutableArray<string> parameters, DataSet data, CompiledFunction loss)
    {
        (Parameters, _data, _loss) = (parameters, data, loss);
        _rowGradient = new(() => RowGradient(loss));
        _rowValue = new(() => Kernels.Value(StableForms.Rewrite(loss.Expression), loss.Variables, loss.Parameters));
        _rowArrays = new(() =>
        {
            int m = data.Columns.Length;
            var rows = new double[data.Rows][];
            for (int r = 0; r < rows.Length; r++) rows[r] = data.RowMajor.AsSpan(r * m, m).ToArray();
            return rows;
        });
    }

    /// <summary>The parameter names.</summary>
    public ImmutableArray<string> Parameters { get; }

    /// <summary>The mean loss over all rows at <paramref name="values"/>, with its gradient (full batch, across cores).</summary>
    public double MeanLoss(double[] values, double[]? gradient = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var g = gradient ?? new double[Parameters.Length];
        double mean = _loss.SumOverRows(values, _data.RowMajor, g) / _data.Rows;
        for (int i = 0; i < g.Length; i++) g[i] /= _data.Rows;
        return mean;
    }

    /// <summary>Runs the stochastic gradient method of <paramref name="options"/> (its loss and target were fixed by <see cref="Fit.Prepare"/>).</summary>
    /// <exception cref="SymbolicException">An option is out of range or the method is not a first-order one.</exception>
    public FitResult Run(FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Epochs < 0) throw new SymbolicException("fit: epochs must not be negative");
        if (options.Batch < 0) throw new SymbolicException("fit: batch must not be negative");
        if (!(options.Rate > 0 && double.IsFinite(options.Rate))) throw new SymbolicException("fit: rate must be a positive finite number");
        int n = Parameters.Length;
        var theta = options.Initial is { } initial ? (double[])initial.Clone() : new double[n];
        if (theta.Length != n) throw new SymbolicException($"fit: {n} parameters but {theta.Length} initial values");
        UpdateRule rule;
        try { rule = UpdateRule.For(options.Method, (options.Coefficients ?? MinimizationOptions.Default) with { Rate = options.Rate }); }
        catch (ArgumentException ex) { throw new SymbolicException($"fit: {ex.Message}"); }
        rule.Reset(n);

        int rows = _data.Rows, batch = options.Batch;
        bool fullBatch = batch == 0 || batch >= rows;
        var g = new double[n];
        var sum = new double[n];
        // A stochastic step is one compiled call with its row as the loss's parameters (theta and the row read,
        // g written, in place: no copies) and one pass of the rule.
        var byRow = _rowArrays.Value;
        var blocks = fullBatch ? new BatchBuffers(rows, n) : null;
        var order = Enumerable.Range(0, rows).ToArray();
        var random = new Random(options.Seed);
        var lastFinite = (double[])theta.Clone();
        int updates = 0;
        var reason = ExitReason.MaxIterations;
        var context = ComputeContext.Current;
        for (int epoch = 0; epoch < options.Epochs && reason == ExitReason.MaxIterations; epoch++)
        {
            context.ThrowIfStopped();
            if (fullBatch)
            {
                BatchGradient(theta, byRow, blocks!, g);
                rule.Update(theta, g, theta, ++updates, out _);
            }
            else
            {
                random.Shuffle(order);
                updates = batch == 1 && rule is SgdRule sgd
                    ? SgdEpoch(sgd.Rate, theta, g, byRow, order, updates)
                    : Epoch(rule, batch, theta, g, sum, byRow, order, updates);
            }
            if (Vectors.AllFinite(theta)) Array.Copy(theta, lastFinite, n);
            else
            {
                Array.Copy(lastFinite, theta, n);
                reason = ExitReason.NonFinite;
            }
        }
        // The mean loss at the fitted values, row by row on one core with the value kernel alone.
        var value = _rowValue.Value;
        double total = 0;
        foreach (var row in byRow) total += value.Run(theta, row, None, None);
        double loss = total / rows;
        return new FitResult(Parameters, theta, loss, updates, reason);
    }

    // The gradient entries alone, rewritten then differentiated as the compiler's gradient kernels are; but
    // when the symbolic gradient is much larger than the loss (deep models), the compiler's own gradient
    // kernel, which then runs a reverse sweep and leaves the value aside in its scratch (same call, same output).
    internal static KernelProgram RowGradient(CompiledFunction loss, bool? large = null)
    {
        var stable = StableForms.Rewrite(loss.Expression);
        var gradient = Derivatives.Gradient(stable, loss.Variables);
        large ??= Kernels.SymbolicGradientIsLarge(stable, gradient, gradient.Length);
        return large.Value ? Kernels.Gradient(stable, loss.Variables, loss.Parameters) : Kernels.Values(gradient, loss.Variables, loss.Parameters);
    }

    // Per-block sums of the full-batch gradient: blocks of RowsPerBlock rows, each summed in row order on one
    // thread, then added in block order, so the result does not depend on the scheduling. Each block's arrays
    // are padded by a cache line, so threads summing neighbouring blocks do not write to one line.
    private sealed class BatchBuffers(int rows, int n)
    {
        public readonly double[][] Sums = Padded((rows + RowsPerBlock - 1) / RowsPerBlock, n);
        public readonly double[][] Rows = Padded((rows + RowsPerBlock - 1) / RowsPerBlock, n);

        private static double[][] Padded(int count, int n) => [.. Enumerable.Range(0, count).Select(_ => new double[n + 8])];
    }

    private const int RowsPerBlock = 1024;

    // Below this many rows a full-batch step takes well under a millisecond on one core (about 20 ns a row for
    // logistic regression with 10 features), and handing blocks to the thread pool cost more than it saved on
    // the shared two-core machine the benchmarks ran on (10,000 rows: 1.37x the hand-written loop on one core,
    // 1.55-1.64x spread over both). The blocks and their order are the same either way, so is the result.
    internal const int ParallelFromRows = 32_768;

    // The mean gradient over all rows, the blocks spread across cores for large data: the per-example
    // gradient kernel alone (no loss value), each row bound in place as in the stochastic steps.
    private void BatchGradient(double[] theta, double[][] byRow, BatchBuffers buffers, double[] g)
    {
        var gradient = _rowGradient.Value;
        int rows = byRow.Length, n = theta.Length, count = buffers.Sums.Length;
        if (rows < ParallelFromRows) for (int b = 0; b < count; b++) SumBlock(gradient, theta, byRow, b * RowsPerBlock, Math.Min(rows, (b + 1) * RowsPerBlock), buffers.Sums[b], buffers.Rows[b]);
        else Parallel.For(0, count, b => SumBlock(gradient, theta, byRow, b * RowsPerBlock, Math.Min(rows, (b + 1) * RowsPerBlock), buffers.Sums[b], buffers.Rows[b]));
        Array.Clear(g);
        foreach (var sum in buffers.Sums)
            for (int i = 0; i < n; i++) g[i] += sum[i];
        for (int i = 0; i < n; i++) g[i] /= rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SumBlock(KernelProgram gradient, double[] theta, double[][] byRow, int from, int to, double[] sum, double[] rowGradient)
    {
        int n = theta.Length;
        Array.Clear(sum);
        for (int r = from; r < to; r++)
        {
            gradient.Run(theta, byRow[r], None, rowGradient);
            for (int i = 0; i < n; i++) sum[i] += rowGradient[i];
        }
    }

    // One pass over the shuffled rows in mini-batches; returns the update count.
    private int Epoch(UpdateRule rule, int batch, double[] theta, double[] g, double[] sum, double[][] byRow, int[] order, int updates)
    {
        int n = theta.Length, rows = order.Length;
        var gradient = _rowGradient.Value;
        var context = ComputeContext.Current;
        for (int start = 0; start < rows; start += batch)
        {
            if ((updates & 1023) == 1023) context.ThrowIfStopped(); // a time limit lands within an epoch of a large data set
            int end = Math.Min(rows, start + batch);
            if (end - start == 1)
            {
                gradient.Run(theta, byRow[order[start]], None, g);
                rule.Update(theta, g, theta, ++updates, out _);
                continue;
            }
            Array.Clear(sum);
            for (int k = start; k < end; k++)
            {
                gradient.Run(theta, byRow[order[k]], None, g);
                for (int i = 0; i < n; i++) sum[i] += g[i];
            }
            double scale = 1.0 / (end - start);
            for (int i = 0; i < n; i++) sum[i] *= scale;
            rule.Update(theta, sum, theta, ++updates, out _);
        }
        return updates;
    }

    // Plain SGD with batch 1, the most common case and the one where a row's arithmetic is smallest: the
    // update theta -= rate g written out (what SgdRule does, without the virtual call and the pass's sums).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SgdEpoch(double rate, double[] theta, double[] g, double[][] byRow, int[] order, int updates)
    {
        var gradient = _rowGradient.Value;
        int n = theta.Length;
        var context = ComputeContext.Current;
        for (int k = 0; k < order.Length; k++)
        {
            if ((k & 4095) == 4095) context.ThrowIfStopped();
            int r = order[k];
            gradient.Run(theta, byRow[r], None, g);
            for (int i = 0; i < n; i++) theta[i] -= rate * g[i];
        }
        return updates + order.Length;
    }
}
