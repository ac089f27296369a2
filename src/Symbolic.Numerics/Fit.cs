using System.Collections.Immutable;
using Symbolic.Compilation;
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
/// gradient are compiled once, so a row costs one compiled call on [parameters | row] in place.
/// Full-batch gradients are summed across cores by the compiler (the row's columns as its parameters).
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
        var y = Expr.Symbol(target);
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
        options ??= FitOptions.Default;
        return Prepare(model, parameters, data, options.Loss, options.Target).Run(options);
    }

    /// <summary>Checks the model against the data and compiles its per-example loss once, for several runs.</summary>
    /// <exception cref="SymbolicException">The target is not a column, a parameter is also a column, or the model uses a symbol that is neither.</exception>
    public static FitProblem Prepare(Expr model, IReadOnlyList<string> parameters, DataSet data, Loss loss = Loss.Squared, string target = "y")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameters);
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
        return new FitProblem([.. parameters], data, fn, expression);
    }

}

/// <summary>A model, its data and its compiled per-example loss, ready to fit (see <see cref="Fit.Prepare"/>).</summary>
public sealed class FitProblem
{
    private readonly DataSet _data;
    private readonly CompiledFunction _loss;

    // For stochastic steps, the loss compiled with the row's columns as variables after the parameters:
    // one array [theta | row] is the input, read and written in place, which costs about two thirds of a
    // call that passes the row as parameters (no copies in and out of the compiler's buffers); the
    // columns' partials it also computes are a few multiplications.
    private readonly Lazy<CompiledFunction> _rowLoss;

    internal FitProblem(ImmutableArray<string> parameters, DataSet data, CompiledFunction loss, Expr expression)
    {
        (Parameters, _data, _loss) = (parameters, data, loss);
        _rowLoss = new(() => expression.Compile([.. parameters, .. data.Columns]));
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
        if (!(options.Rate > 0)) throw new SymbolicException("fit: rate must be positive");
        int n = Parameters.Length;
        var theta = options.Initial is { } initial ? (double[])initial.Clone() : new double[n];
        if (theta.Length != n) throw new SymbolicException($"fit: {n} parameters but {theta.Length} initial values");
        UpdateRule rule;
        try { rule = UpdateRule.For(options.Method, (options.Coefficients ?? MinimizationOptions.Default) with { Rate = options.Rate }); }
        catch (ArgumentException ex) { throw new SymbolicException($"fit: {ex.Message}"); }
        rule.Reset(n);

        int rows = _data.Rows, m = _data.Columns.Length, batch = options.Batch;
        bool fullBatch = batch == 0 || batch >= rows;
        var all = _data.RowMajor;
        var g = new double[n];
        var sum = new double[n];
        var rowLoss = fullBatch ? null : _rowLoss.Value;
        var point = new double[n + m];    // [theta | row]
        var pointGradient = new double[n + m];
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
                MeanLoss(theta, g);
                rule.Apply(theta, g, ++updates);
            }
            else
            {
                random.Shuffle(order);
                Array.Copy(theta, point, n);
                var parameters = point.AsSpan(0, n);
                var gradient = pointGradient.AsSpan(0, n);
                for (int start = 0; start < rows; start += batch)
                {
                    if ((updates & 1023) == 1023) context.ThrowIfStopped();
                    int end = Math.Min(rows, start + batch);
                    if (end - start == 1)
                    {
                        Array.Copy(all, order[start] * m, point, n, m);
                        rowLoss!.ValueAndGradient(point, pointGradient);
                        rule.Apply(parameters, gradient, ++updates);
                        continue;
                    }
                    Array.Clear(sum);
                    for (int k = start; k < end; k++)
                    {
                        Array.Copy(all, order[k] * m, point, n, m);
                        rowLoss!.ValueAndGradient(point, pointGradient);
                        for (int i = 0; i < n; i++) sum[i] += pointGradient[i];
                    }
                    double scale = 1.0 / (end - start);
                    for (int i = 0; i < n; i++) sum[i] *= scale;
                    rule.Apply(parameters, sum, ++updates);
                }
                Array.Copy(point, theta, n);
            }
            if (Vectors.AllFinite(theta)) Array.Copy(theta, lastFinite, n);
            else
            {
                Array.Copy(lastFinite, theta, n);
                reason = ExitReason.NonFinite;
            }
        }
        double loss;
        if (rowLoss is null) loss = MeanLoss(theta);
        else
        {
            // The value alone, row by row, on the array already set up: half the work of the full-batch sum with its gradient.
            Array.Copy(theta, point, n);
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                Array.Copy(all, r * m, point, n, m);
                total += rowLoss.Value(point);
            }
            loss = total / rows;
        }
        return new FitResult(Parameters, theta, loss, updates, reason);
    }
}
