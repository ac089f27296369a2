using System.Globalization;
using System.Reflection;
using Symbolic.Compilation;
using Symbolic.Language;
using Symbolic.Linear;
using Symbolic.Printing;

namespace Symbolic.Plotting;

/// <summary>
/// The language's output operations <c>plot</c> and <c>contour</c>, drawn with ScottPlot into SVG or PNG files.
/// Register it with <c>new Session(null, new PlottingExtension())</c>.
/// </summary>
/// <remarks>
/// <para><c>plot(e, x, a, b, file = "f.svg")</c> and <c>plot([e1, e2], x, a, b, ...)</c> sample each function
/// adaptively (<see cref="AdaptiveSampler"/>) through its compiled batch evaluator, leave gaps at poles and where
/// a function is undefined, and draw axes, the variable's name, a legend and the zero lines.</para>
/// <para><c>contour(e, [x, y], [x0, x1], [y0, y1], file = "c.svg", path = r)</c> evaluates e on a regular grid (one
/// compiled batch), draws its level curves over a shaded map with a colour bar, and the optimizer's path on
/// top, its start and end marked.</para>
/// <para>The path hook: <c>path</c> accepts any value one of <see cref="PathReaders"/> turns into points. The
/// readers given are, in order: a matrix with two columns (<c>[[x0, y0], [x1, y1], ...]</c>) or a single point
/// <c>[x, y]</c>; a record with a <c>path</c> field; and any value that exposes a public property
/// <c>IReadOnlyList&lt;double[]&gt; Path</c> (the iterates, start first), which is how a result of
/// <c>minimize(..., trace = true)</c> is passed. A solver's value type needs nothing else to be drawable;
/// another shape of value can be taught by adding a reader.</para>
/// </remarks>
public sealed class PlottingExtension : ILanguageExtension
{
    /// <summary>Points per axis of the contour grid.</summary>
    public const int GridPoints = 161;

    /// <summary>
    /// Called with a PNG rendering of each plot after its file is written, for a terminal that shows images
    /// inline (see <see cref="TerminalImages.ForTerminal"/>); null shows nothing.
    /// </summary>
    public Action<byte[]>? ShowImage { get; init; }

    /// <summary>Turn a <c>path = ...</c> value into points (each <c>[x, y]</c>), or return null when they do not
    /// apply; the first that applies wins. Add to it to let <c>contour</c> draw another kind of value.</summary>
    public List<Func<Value, IReadOnlyList<double[]>?>> PathReaders { get; }

    /// <summary>An extension with the path readers described above and no inline images.</summary>
    public PlottingExtension() => PathReaders = [MatrixPath, RecordPath, PathProperty];

    /// <inheritdoc/>
    public void Register(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Operations.Add(new OperationDef("plot", "output", "draw functions of x on [a, b] into an SVG or PNG file (by its extension)", Plot)
        {
            Forms = ["e, x, a, b", "[e1, e2], x, a, b"],
            Options =
            [
                new("file", "\"plot.svg\"", "the file to write: .svg or .png"),
                new("title", "\"\"", "a title above the plot"),
                new("width", "800", "the image's width in pixels"),
                new("height", "500", "the image's height in pixels"),
            ],
            Examples = [new("plot(sin(x), x, 0, 2pi, file = \"sin.svg\")", "wrote sin.svg"), new("plot([x, x^2, x^3], x, -1, 1, file = \"powers.png\")", "wrote powers.png")],
        });
        session.Operations.Add(new OperationDef("contour", "output", "draw level curves of f(x, y) on a rectangle, with an optimizer's path on top", Contour)
        {
            Forms = ["e, [x, y], [x0, x1], [y0, y1]"],
            Options =
            [
                new("file", "\"contour.svg\"", "the file to write: .svg or .png"),
                new("path", "none", "points to draw on top: a minimize result, or a matrix [[x0, y0], [x1, y1], ...]"),
                new("levels", "12", "about how many level curves, or the values to draw them at, such as [0.1, 1, 10]"),
                new("title", "\"\"", "a title above the plot"),
                new("width", "760", "the image's greatest width in pixels (it narrows so x and y have equal units)"),
                new("height", "600", "the image's greatest height in pixels"),
            ],
            Examples = [new("contour(x^2 + 3y^2, [x, y], [-2, 2], [-2, 2], file = \"bowl.svg\", path = [[2, 1], [1, -0.5], [0, 0]])", "wrote bowl.svg")],
        });
    }

    private Value Plot(OperationCall c)
    {
        var (file, format) = FileOption(c);
        var x = c.SymbolArg(1, "the variable");
        double a = NumberArg(c, 2, "the left end a"), b = NumberArg(c, 3, "the right end b");
        if (!(a < b)) throw new SymbolicException($"the interval must have a < b, got [{Show(a)}, {Show(b)}]", Join(c.SpanAt(2), c.SpanAt(3)));
        var expressions = c.Arg(0) switch
        {
            ExprValue e => new[] { e.Expr },
            MatrixValue { Matrix.IsVector: true } m => m.Matrix.ToVectorArray(),
            var v => throw c.Error(0, $"expected an expression or a vector of expressions such as [sin(x), cos(x)], got {v.KindWithArticle}"),
        };
        if (expressions.Length == 0) throw c.Error(0, "expected an expression or a vector of expressions such as [sin(x), cos(x)], got an empty vector");
        var functions = expressions.Select(e => Batch(Compile(c, 0, e, [x]))).ToList();
        var (curves, view) = AdaptiveSampler.Sample(functions, a, b);
        var toDraw = expressions.Select((e, k) => new CurveToDraw(InfixPrinter.Print(e, c.Decimals), curves[k])).ToList();
        string yLabel = toDraw.Count == 1 && toDraw[0].Label.Length <= 40 ? toDraw[0].Label : "";
        var plot = PlotRenderer.Curves(toDraw, x.Name, a, b, view, yLabel, TextOption(c, "title"), PixelsOption(c, "width"), PixelsOption(c, "height"));
        return Save(c, plot, file, format);
    }

    private Value Contour(OperationCall c)
    {
        var (file, format) = FileOption(c);
        var vars = c.SymbolListArg(1);
        if (vars.Length != 2) throw c.Error(1, $"contour needs two variables such as [x, y], got {vars.Length}");
        var (x0, x1) = RangeArg(c, 2, vars[0].Name);
        var (y0, y1) = RangeArg(c, 3, vars[1].Name);
        var e = c.ExprArg(0, "a scalar expression of the two variables");
        var path = PathOption(c);
        var (count, given) = LevelsOption(c);

        var f = Compile(c, 0, e, vars);
        var xs = AdaptiveSampler.Uniform(x0, x1, GridPoints);
        var ys = AdaptiveSampler.Uniform(y0, y1, GridPoints);
        var points = new double[GridPoints * GridPoints, 2];
        for (int j = 0; j < GridPoints; j++)
            for (int i = 0; i < GridPoints; i++)
            {
                points[j * GridPoints + i, 0] = xs[i];
                points[j * GridPoints + i, 1] = ys[j];
            }
        var values = new double[GridPoints * GridPoints];
        f.Values(points, values);
        var z = new double[GridPoints, GridPoints];
        for (int j = 0; j < GridPoints; j++)
            for (int i = 0; i < GridPoints; i++)
                z[j, i] = values[j * GridPoints + i];
        ComputeContext.Current.ThrowIfStopped();
        var grid = new ContourGrid(xs, ys, z);
        var levels = given ?? ContourGeometry.Levels(z, count);
        var curves = ContourGeometry.Trace(grid, levels);
        string title = TextOption(c, "title");
        if (title.Length == 0) title = InfixPrinter.Print(e, c.Decimals) is { Length: <= 60 } text ? text : "";
        var plot = PlotRenderer.Contour(grid, levels, curves, vars[0].Name, vars[1].Name, title, path);
        var (width, height) = PlotRenderer.EqualUnits(plot, PixelsOption(c, "width"), PixelsOption(c, "height"), x1 - x0, y1 - y0);
        return Save(c, plot, file, format, width, height);
    }

    private Value Save(OperationCall c, ScottPlot.Plot plot, string file, ImageFormatKind format) =>
        Save(c, plot, file, format, PixelsOption(c, "width"), PixelsOption(c, "height"));

    private Value Save(OperationCall c, ScottPlot.Plot plot, string file, ImageFormatKind format, int width, int height)
    {
        var bytes = PlotRenderer.Encode(plot, format, width, height);
        try
        {
            PlotFile.Write(file, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SymbolicException($"cannot write '{file}': {PlotFile.Reason(ex)}", c.OptionSpan("file"));
        }
        if (ShowImage is { } show) show(format == ImageFormatKind.Png ? bytes : PlotRenderer.Encode(plot, ImageFormatKind.Png, width, height));
        return new PlotValue(file, format);
    }

    // ---- arguments

    private static (string File, ImageFormatKind Format) FileOption(OperationCall c)
    {
        var span = c.OptionSpan("file");
        if (c.Option("file") is not StringValue { Text: var file })
            throw new SymbolicException($"file must be a file name in quotes, such as file = \"f.svg\"", span);
        if (PlotFile.Problem(file) is { } problem) throw new SymbolicException($"cannot write '{file}': {problem}", span);
        var format = PlotFile.FormatOf(file)
            ?? throw new SymbolicException($"cannot write '{file}': the file name must end in .svg or .png", span);
        return (file, format);
    }

    // levels = 12 (about how many, chosen from the values) or levels = [0.1, 1, 10] (exactly these).
    private static (int Count, double[]? Given) LevelsOption(OperationCall c)
    {
        var span = c.OptionSpan("levels");
        switch (c.Option("levels"))
        {
            case ExprValue { Expr: Number { IsInteger: true } n } when n.Exact.Numerator >= 1 && n.Exact.Numerator <= 100:
                return ((int)n.Exact.Numerator, null);
            case MatrixValue { Matrix.IsVector: true } m when m.Matrix.Elements.Count() <= 100:
                var values = new SortedSet<double>();
                foreach (var e in m.Matrix.Elements)
                {
                    if (e.FreeSymbols.Count != 0 || !double.IsFinite(e.Evaluate()))
                        throw new SymbolicException($"levels must be numbers, got '{e}'", span);
                    values.Add(e.Evaluate());
                }
                return (values.Count, [.. values]);
            default:
                throw new SymbolicException("levels must be a count from 1 to 100 or a vector of values such as [0.1, 1, 10]", span);
        }
    }

    private static string TextOption(OperationCall c, string name) => c.Option(name) switch
    {
        StringValue s => s.Text,
        var v => throw new SymbolicException($"{name} must be text in quotes, got {v.KindWithArticle}", c.OptionSpan(name)),
    };

    private static int PixelsOption(OperationCall c, string name) =>
        c.Option(name) is ExprValue { Expr: Number { IsInteger: true } n } && n.Exact.Numerator >= 100 && n.Exact.Numerator <= 8000
            ? (int)n.Exact.Numerator
            : throw new SymbolicException($"{name} must be a whole number of pixels from 100 to 8000", c.OptionSpan(name));

    private static double NumberArg(OperationCall c, int i, string what)
    {
        var e = c.ExprArg(i, what);
        if (e.FreeSymbols.Count != 0) throw c.Error(i, $"expected {what} as a number, but '{e}' has the free symbol '{e.FreeSymbols.First().Name}'");
        double v = e.Evaluate();
        return double.IsFinite(v) ? v : throw c.Error(i, $"expected {what} as a finite number, got {Show(v)}");
    }

    private static (double Low, double High) RangeArg(OperationCall c, int i, string variable)
    {
        var ends = c.ExprListArg(i, $"the range of {variable} such as [-2, 2]");
        if (ends.Length != 2 || c.Arg(i) is not MatrixValue) throw c.Error(i, $"expected the range of {variable} as [low, high]");
        var values = new double[2];
        for (int k = 0; k < 2; k++)
        {
            if (ends[k].FreeSymbols.Count != 0) throw c.Error(i, $"the range of {variable} must be numbers, but '{ends[k]}' has a free symbol");
            values[k] = ends[k].Evaluate();
            if (!double.IsFinite(values[k])) throw c.Error(i, $"the range of {variable} must be finite");
        }
        if (!(values[0] < values[1])) throw c.Error(i, $"the range of {variable} must have low < high, got [{Show(values[0])}, {Show(values[1])}]");
        return (values[0], values[1]);
    }

    private IReadOnlyList<double[]>? PathOption(OperationCall c)
    {
        var value = c.Option("path");
        if (value is ExprValue { Expr: Symbol { Name: "none" } }) return null;
        var span = c.OptionSpan("path");
        foreach (var reader in PathReaders)
        {
            IReadOnlyList<double[]>? points;
            try
            {
                points = reader(value);
            }
            catch (SymbolicException ex) when (!ex.IsLimit)
            {
                throw new SymbolicException($"path: {ex.Message}", span);
            }
            if (points is null) continue;
            if (points.Count == 0) return null;
            foreach (var p in points)
            {
                if (p.Length != 2) throw new SymbolicException($"path: contour draws points of two coordinates, got one of {p.Length}", span);
                if (!double.IsFinite(p[0]) || !double.IsFinite(p[1])) throw new SymbolicException("path: a point is not finite (did the solver diverge?)", span);
            }
            return points;
        }
        string got = value is ExprValue { Expr: Symbol s } ? $"'{s.Name}', which is not bound" : value.KindWithArticle;
        throw new SymbolicException($"path must be a minimize result (trace = true) or a matrix of points [[x0, y0], [x1, y1], ...], got {got}", span);
    }

    /// <summary>A two-column matrix of numbers, one point per row, or a single point <c>[x, y]</c>.</summary>
    private static IReadOnlyList<double[]>? MatrixPath(Value value)
    {
        if (value is not MatrixValue { Matrix: var m }) return null;
        if (m.IsVector) return m.Elements.Count() == 2 ? [m.Elements.Select(Number).ToArray()] : throw new SymbolicException($"expected points of two coordinates, got a vector of length {m.Elements.Count()}");
        if (m.Columns != 2) throw new SymbolicException($"expected a matrix with two columns (x, y), got a {m.Shape}");
        return Enumerable.Range(0, m.Rows).Select(r => new[] { Number(m[r, 0]), Number(m[r, 1]) }).ToList();
    }

    /// <summary>A record with a <c>path</c> field.</summary>
    private IReadOnlyList<double[]>? RecordPath(Value value)
    {
        if (value is not RecordValue r || r["path"] is not { } inner) return null;
        foreach (var reader in PathReaders)
            if (reader(inner) is { } points) return points;
        return null;
    }

    /// <summary>A value with a public property <c>IReadOnlyList&lt;double[]&gt; Path</c>, as a minimize result has.</summary>
    private static IReadOnlyList<double[]>? PathProperty(Value value)
    {
        var property = value.GetType().GetProperty("Path", BindingFlags.Public | BindingFlags.Instance);
        if (property is null || !typeof(IReadOnlyList<double[]>).IsAssignableFrom(property.PropertyType)) return null;
        return property.GetValue(value) as IReadOnlyList<double[]>;
    }

    private static double Number(Expr e)
    {
        if (e.FreeSymbols.Count != 0) throw new SymbolicException($"expected numbers, but '{e}' has a free symbol");
        return e.Evaluate();
    }

    // ---- evaluation

    private static CompiledFunction Compile(OperationCall c, int argument, Expr e, Symbol[] variables)
    {
        foreach (var s in e.FreeSymbols)
            if (!variables.Contains(s))
                throw c.Error(argument, $"'{InfixPrinter.Print(e, c.Decimals)}' has the free symbol '{s.Name}' besides {string.Join(" and ", variables.Select(v => v.Name))}; bind it to a number first");
        if (FindUndefined(e) is { } name) throw c.Error(argument, $"cannot plot the undefined function '{name}'");
        return e.Compile(variables);
    }

    private static string? FindUndefined(Expr e)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is Call { Function.IsUndefined: true } call) return call.Function.Name;
            if (node is Derivative) return InfixPrinter.Print(node);
            foreach (var child in node.Children)
                if (seen.Add(child)) stack.Push(child);
        }
        return null;
    }

    private static Func<double[], double[]> Batch(CompiledFunction f) => xs =>
    {
        var points = new double[xs.Length, 1];
        for (int i = 0; i < xs.Length; i++) points[i, 0] = xs[i];
        var ys = new double[xs.Length];
        f.Values(points, ys);
        return ys;
    };

    private static TextSpan Join(TextSpan a, TextSpan b) => new(a.Start, b.Start + b.Length - a.Start);

    private static string Show(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The value of <c>plot</c> and <c>contour</c>: the file written. Prints as <c>wrote f.svg</c>.</summary>
public sealed class PlotValue(string file, ImageFormatKind format) : Value
{
    /// <summary>The file name as the call gave it.</summary>
    public string File { get; } = file;

    /// <summary>SVG or PNG.</summary>
    public ImageFormatKind Format { get; } = format;

    /// <inheritdoc/>
    public override string Display() => $"wrote {File}";

    /// <inheritdoc/>
    public override string Kind => "plot";
}
