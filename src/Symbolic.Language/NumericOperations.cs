using System.Globalization;
using Symbolic.Linear;
using Symbolic.Numerics;
using Symbolic.Printing;

namespace Symbolic.Language;

/// <summary>
/// The solver operations, on top of Symbolic.Numerics: <c>newton</c>, <c>minimize</c>, <c>maximize</c>,
/// <c>classify</c>, <c>load</c> and <c>fit</c>. Every session registers them after the core set.
/// </summary>
public static class NumericOperations
{
    /// <summary>Adds the solver operations to <paramref name="table"/>.</summary>
    public static void Register(OperationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.Add(new OperationDef("newton", "solvers", "a root of f(x) = 0 (or of a system) by Newton's method, damped when a step does not reduce |f|", Newton)
        {
            Forms = ["e, x, x0", "[e1, e2], [x, y], [x0, y0]"],
            Options =
            [
                new("iterations", "100", "the most Newton steps"),
                new("tol", "1e-10", "stop when |f| is at most this"),
                new("trace", "false", "print each iterate and its error |x_k - root| first"),
                new("damped", "true", "halve a step while it does not reduce |f| (unless the next full step brings |f| below where it started); false takes every full step"),
            ],
            Examples =
            [
                new("newton(x^2 - 2, x, 1)", "{root: 1.4142135623746899, iterations: 4, residual: 4.510614104447086E-12, converged: true}"),
                new("newton([x^2 + y^2 - 4, x - y], [x, y], [1, 2])", "{root: [1.4142135623746899, 1.4142135623746899], iterations: 4, residual: 9.021228208894172E-12, converged: true}"),
            ],
        });
        var minimizeOptions = new OperationOption[]
        {
            new("method", "\"newton\"", "newton, gd, momentum, nesterov, adagrad, rmsprop, adam, bfgs, lbfgs or cg"),
            new("rate", "0.01", "learning rate of the first-order methods (0.001 for rmsprop and adam)"),
            new("iterations", "1000", "the most updates (100 for newton and bfgs)"),
            new("tol", "1e-10", "stop when the gradient norm is at most this"),
            new("trace", "false", "print one line per iteration first: k, point, value, gradient norm"),
            new("linesearch", "false", "gd: backtracking (Armijo) from the rate instead of a fixed rate"),
            new("momentum", "0.9", "momentum and nesterov's coefficient"),
            new("beta1", "0.9", "adam's first-moment decay"),
            new("beta2", "0.999", "adam's second-moment decay"),
            new("decay", "0.9", "rmsprop's decay"),
            new("epsilon", "1e-8", "adagrad, rmsprop and adam's epsilon"),
        };
        table.Add(new OperationDef("minimize", "solvers", "a local minimum from a start, with exact compiled derivatives", c => Optimize(c, maximize: false))
        {
            Forms = ["e, [x, y], [x0, y0]", "e, x, x0"],
            Options = minimizeOptions,
            Examples =
            [
                new("minimize(14m^2 + 3b^2 + 38 + 12m*b - 42m - 20b, [m, b], [0, 0])", "{point: [0.49999999999999967, 2.333333333333334], value: 4.166666666666669, iterations: 1, converged: true}"),
                new("minimize(exp(x) - log(x), x, 1, method = \"bfgs\")", "{point: [0.5671432904101902], value: 2.3303661247616807, iterations: 6, converged: true}"),
            ],
        });
        table.Add(new OperationDef("maximize", "solvers", "a local maximum from a start (minimize of -e)", c => Optimize(c, maximize: true))
        {
            Forms = ["e, [x, y], [x0, y0]", "e, x, x0"],
            Options = minimizeOptions,
            Examples = [new("maximize(-2x^2 - 3y^2 - x*y + 15, [x, y], [1, 1])", "{point: [0, -2.220446049250313E-16], value: 15, iterations: 1, converged: true}")],
        });
        table.Add(new OperationDef("classify", "solvers", "minimum, maximum, saddle or inconclusive by the Hessian's eigenvalues at a point", Classify)
        {
            Forms = ["e, [x, y], [x0, y0]", "e, x, x0"],
            Examples =
            [
                new("classify(2x^2 + 3y^2 - x*y, [x, y], [0, 0])", "minimum, eigenvalues [6.414213562373095, 3.585786437626905]"),
                new("classify(2x^2 - 2y^2, [x, y], [0, 0])", "saddle, eigenvalues [4, -4]"),
            ],
        });
        table.Add(new OperationDef("load", "solvers", "a data set from a CSV file whose header names the columns", Load)
        {
            Forms = ["\"file.csv\""],
            Examples = [new("load(\"data/sentiment.csv\")", "data: 4 rows, columns ya, na, happy")],
        });
        table.Add(new OperationDef("fit", "solvers", "fit a model's parameters to data by shuffled mini-batch gradient steps; prints them and the mean loss", FitData)
        {
            Forms = ["model, [params], data"],
            Options =
            [
                new("loss", "\"squared\"", "squared: (model - y)^2/2; logistic: the log loss of a model giving a probability"),
                new("method", "\"sgd\"", "sgd, momentum, nesterov, adagrad, rmsprop or adam"),
                new("rate", "0.01", "learning rate"),
                new("epochs", "100", "passes over the data, each in a new shuffled order"),
                new("batch", "1", "rows per update; 0 is the full batch"),
                new("seed", "0", "seed of the shuffles"),
                new("target", "\"y\"", "the column the model predicts"),
                new("init", "0", "starting parameter values: a vector, or one number for all"),
            ],
            Examples =
            [
                new("fit(sigmoid(w1*ya + w2*na + b), [w1, w2, b], load(\"data/sentiment.csv\"), loss = \"logistic\", target = \"happy\", rate = 0.5, epochs = 200)",
                    "{w1: 4.187761312391018, w2: -3.5143974031755723, b: 0.437154478538949, loss: 0.0022617643358431245}"),
            ],
        });
    }

    // ------------------------------------------------------------------ newton

    private static Value Newton(OperationCall c)
    {
        bool system = c.Arg(0) is MatrixValue;
        var equations = c.ExprListArg(0, "an expression or a vector of equations");
        var variables = c.SymbolListArg(1);
        var start = Numbers(c, 2, variables.Length);
        var options = new RootOptions(Tolerance: Double(c, "tol"), MaxIterations: Integer(c, "iterations"), Damped: Flag(c, "damped"));
        RootResult r;
        try
        {
            r = NewtonRaphson.FindRoot(equations, [.. variables.Select(v => v.Name)], start, options);
        }
        catch (SymbolicException ex) when (!ex.IsLimit)
        {
            throw ex.WithSpanIfMissing(c.Span);
        }
        if (Flag(c, "trace"))
        {
            var errors = r.Errors();
            for (int k = 0; k < r.History.Count; k++)
                c.WriteLine($"{k}: x = {Point(r.History[k].Point, system)}, error = {Format(errors[k])}");
        }
        var fields = new List<KeyValuePair<string, Value>>
        {
            new("root", system ? Vector(r.Root) : Number(r.Root[0])),
            new("iterations", new ExprValue(Expr.Number(r.Iterations))),
            new("residual", Number(r.Residual)),
            new("converged", new TextValue(r.Converged ? "true" : "false")),
        };
        if (!r.Converged) fields.Add(new("reason", new TextValue(Reason(r.Reason))));
        return new RecordValue(fields);
    }

    // ------------------------------------------------------------------ minimize, maximize

    private static Value Optimize(OperationCall c, bool maximize)
    {
        var f = c.ExprArg(0, "the expression to optimize");
        var variables = c.SymbolListArg(1);
        if (variables.Length == 0) throw c.Error(1, $"{c.Name} needs at least one variable, such as [x, y]");
        var start = Numbers(c, 2, variables.Length);
        var method = Text(c, "method");
        if (!Minimize.Methods.Contains(method))
            throw new SymbolicException($"unknown method \"{method}\"; expected one of {string.Join(", ", Minimize.Methods)}", NamedSpan(c, "method"));
        bool trace = Flag(c, "trace");
        var options = new MinimizationOptions(
            Rate: c.NamedArguments.Contains("rate") ? Positive(c, "rate") : null,
            Tolerance: Double(c, "tol"),
            MaxIterations: c.NamedArguments.Contains("iterations") ? Integer(c, "iterations") : null,
            LineSearch: c.NamedArguments.Contains("linesearch") ? Flag(c, "linesearch") : null,
            Momentum: Double(c, "momentum"),
            Beta1: Double(c, "beta1"),
            Beta2: Double(c, "beta2"),
            Epsilon: Double(c, "epsilon"),
            Decay: Double(c, "decay"),
            RecordTrace: true); // the path, for trace = true and for contour(..., path = r)
        MinimizationResult r;
        try
        {
            var names = variables.Select(v => v.Name).ToArray();
            r = maximize ? Maximize.With(method, f, names, start, options) : Minimize.With(method, f, names, start, options);
        }
        catch (ArgumentException ex)
        {
            throw new SymbolicException(ex.Message, c.Span);
        }
        catch (SymbolicException ex) when (!ex.IsLimit)
        {
            throw ex.WithSpanIfMissing(c.Span);
        }
        if (trace)
            foreach (var t in r.Trace)
                c.WriteLine($"{t.Iteration}: point = {Point(t.Point, true)}, value = {Format(t.Value)}, gradient norm = {Format(t.GradientNorm)}");
        return new MinimizationValue(r);
    }

    // ------------------------------------------------------------------ classify

    private static Value Classify(OperationCall c)
    {
        c.AllowNamed();
        var f = c.ExprArg(0, "the expression to classify");
        var variables = c.SymbolListArg(1);
        if (variables.Length == 0) throw c.Error(1, "classify needs at least one variable, such as [x, y]");
        var point = Numbers(c, 2, variables.Length);
        var result = CriticalPoints.Classify(f, [.. variables.Select(v => v.Name)], point);
        return new TextValue($"{result.Name}, eigenvalues {Point(result.Eigenvalues, true)}");
    }

    // ------------------------------------------------------------------ load, fit

    private static Value Load(OperationCall c)
    {
        c.AllowNamed();
        if (c.Arg(0) is not StringValue path) throw c.Error(0, $"expected a file name in quotes, got {c.Arg(0).KindWithArticle}");
        try
        {
            return new DataValue(DataSet.Load(path.Text));
        }
        catch (SymbolicException ex) when (!ex.IsLimit)
        {
            throw ex.WithSpanIfMissing(c.SpanAt(0));
        }
    }

    private static Value FitData(OperationCall c)
    {
        var model = c.ExprArg(0, "a model expression");
        var parameters = c.SymbolListArg(1);
        if (c.Arg(2) is not DataValue data) throw c.Error(2, $"expected a data set from load(\"file.csv\"), got {c.Arg(2).KindWithArticle}");
        var loss = Text(c, "loss") switch
        {
            "squared" => Loss.Squared,
            "logistic" => Loss.Logistic,
            var other => throw new SymbolicException($"unknown loss \"{other}\"; expected \"squared\" or \"logistic\"", NamedSpan(c, "loss")),
        };
        var init = c.Option("init") switch
        {
            MatrixValue m => Numbers(c.Option("init"), parameters.Length, NamedSpan(c, "init")),
            var v => Enumerable.Repeat(ToDouble(v, NamedSpan(c, "init")), parameters.Length).ToArray(),
        };
        var options = new FitOptions(loss, Text(c, "method"), Positive(c, "rate"), Integer(c, "epochs"), Integer(c, "batch"),
            Integer(c, "seed"), Text(c, "target"), init);
        FitResult r;
        try
        {
            r = Fit.Run(model, [.. parameters.Select(p => p.Name)], data.Data, options);
        }
        catch (SymbolicException ex) when (!ex.IsLimit)
        {
            throw ex.WithSpanIfMissing(c.Span);
        }
        var fields = r.Parameters.Select((p, i) => new KeyValuePair<string, Value>(p, Number(r.Values[i]))).ToList();
        fields.Add(new("loss", Number(r.Loss)));
        if (r.Reason == ExitReason.NonFinite) fields.Add(new("reason", new TextValue(Reason(r.Reason))));
        return new RecordValue(fields);
    }

    // ------------------------------------------------------------------ arguments and printing

    private static double[] Numbers(OperationCall c, int i, int count) => Numbers(c.Arg(i), count, c.SpanAt(i));

    private static double[] Numbers(Value value, int count, TextSpan span)
    {
        var items = value switch
        {
            MatrixValue { Matrix.IsVector: true } m => m.Matrix.ToVectorArray(),
            ExprValue e => [e.Expr],
            _ => throw new SymbolicException($"expected a point such as [1, 2], got {value.KindWithArticle}", span),
        };
        if (items.Length != count)
            throw new SymbolicException($"expected {count} coordinates (one per variable), got {items.Length}", span);
        return [.. items.Select(e => ToDouble(new ExprValue(e), span))];
    }

    private static double ToDouble(Value value, TextSpan span)
    {
        if (value is ExprValue { Expr: var e } && e.FreeSymbols.Count == 0)
        {
            double v = e.Evaluate();
            if (double.IsFinite(v)) return v;
        }
        throw new SymbolicException($"expected a finite number, got {(value is ExprValue ev ? $"'{ev.Expr}'" : value.KindWithArticle)}", span);
    }

    private static double Double(OperationCall c, string name) => ToDouble(c.Option(name), NamedSpan(c, name));

    private static double Positive(OperationCall c, string name)
    {
        double v = Double(c, name);
        return v > 0 ? v : throw new SymbolicException($"{name} must be positive, got {Format(v)}", NamedSpan(c, name));
    }

    private static int Integer(OperationCall c, string name)
    {
        double v = Double(c, name);
        if (v != Math.Floor(v) || v < 0 || v > int.MaxValue)
            throw new SymbolicException($"{name} must be a whole number of at least 0, got {Format(v)}", NamedSpan(c, name));
        return (int)v;
    }

    private static bool Flag(OperationCall c, string name) => c.Option(name) switch
    {
        ExprValue { Expr: Symbol { Name: "true" } } => true,
        ExprValue { Expr: Symbol { Name: "false" } } => false,
        var v => throw new SymbolicException($"{name} must be true or false, got {v.Display()}", NamedSpan(c, name)),
    };

    private static string Text(OperationCall c, string name) => c.Option(name) switch
    {
        StringValue s => s.Text,
        var v => throw new SymbolicException($"{name} must be a string in quotes, got {v.KindWithArticle}", NamedSpan(c, name)),
    };

    private static TextSpan NamedSpan(OperationCall c, string name) => c.Named.TryGetValue(name, out var a) ? a.Span : c.Span;

    internal static Value Number(double v) => new ExprValue(Float(v));

    internal static Value Vector(double[] v) => new MatrixValue(ExprMatrix.Vector(v.Select(x => (Expr)Float(x))));

    internal static string Format(double v) => InfixPrinter.Print(Float(v), false);

    // -0 prints as 0. (It must never reach the core's number table either: floats are interned by
    // double.Equals, which equates -0 and 0, so whichever came first would stand for both afterwards.)
    private static Number Float(double v) => Expr.Float(v == 0 ? 0.0 : v);

    private static string Point(double[] point, bool vector) =>
        vector || point.Length != 1 ? "[" + string.Join(", ", point.Select(Format)) + "]" : Format(point[0]);

    internal static string Reason(ExitReason reason) => reason switch
    {
        ExitReason.Converged => "converged",
        ExitReason.MaxIterations => "iteration limit reached",
        ExitReason.NonFinite => "diverged (a value became infinite or NaN)",
        ExitReason.LineSearchFailed => "no step decreased the objective",
        ExitReason.Singular => "singular Jacobian or Hessian",
        _ => reason.ToString(),
    };
}

/// <summary>
/// A minimize or maximize result: prints as <c>{point: [..], value: .., iterations: .., converged: true|false}</c>
/// and carries the whole result, its iterates included, for <c>contour(..., path = r)</c>.
/// </summary>
public sealed class MinimizationValue(MinimizationResult result) : Value
{
    /// <summary>The solver's result.</summary>
    public MinimizationResult Result { get; } = result;

    /// <summary>The iterates, the start first: the path a contour plot draws.</summary>
    public IReadOnlyList<double[]> Path => [.. Result.Trace.Select(t => t.Point)];

    /// <inheritdoc/>
    public override string Display()
    {
        var text = $"{{point: [{string.Join(", ", Result.Point.Select(NumericOperations.Format))}], value: {NumericOperations.Format(Result.Value)}, " +
            $"iterations: {Result.Iterations.ToString(CultureInfo.InvariantCulture)}, converged: {(Result.Converged ? "true" : "false")}";
        return Result.Converged ? text + "}" : text + $", reason: {NumericOperations.Reason(Result.Reason)}}}";
    }

    /// <inheritdoc/>
    public override string Kind => "minimization result";
}

/// <summary>A data set from <c>load</c>: prints its size and columns.</summary>
public sealed class DataValue(DataSet data) : Value
{
    /// <summary>The rows and named columns.</summary>
    public DataSet Data { get; } = data;

    /// <inheritdoc/>
    public override string Display() => $"data: {Data.Rows} rows, columns {string.Join(", ", Data.Columns)}";

    /// <inheritdoc/>
    public override string Kind => "data set";
}
