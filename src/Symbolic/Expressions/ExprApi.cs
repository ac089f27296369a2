using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Printing;
using Symbolic.Syntax;

namespace Symbolic;

/// <summary>The lines of a derivation and the derivative they arrive at (<see cref="Expr.Steps"/>).</summary>
/// <param name="Lines">One rule per line, as the REPL's <c>steps</c> prints them.</param>
/// <param name="Result">The derivative, the same object as <see cref="Expr.Diff(string)"/> gives.</param>
public sealed record DerivationSteps(IReadOnlyList<string> Lines, Expr Result);

// The library's front door: the operations of the REPL as methods on Expr. Parsing binds text to an
// expression and evaluates nothing; statements, bindings and operations are the language layer's
// (Symbolic.Language), which the core does not reference.
public abstract partial class Expr
{
    /// <summary>Reads one expression in the REPL's syntax (implicit multiplication, <c>^</c> for powers), evaluating nothing:
    /// <c>diff(e, x)</c> is the unevaluated derivative (carry it out with <see cref="Doit"/>), a call of an unknown name an
    /// undefined function; the result is canonical, so equal input gives the same object.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="SymbolicException">The text is not a valid expression, or it is a vector, string, named argument or
    /// an operation of the language such as <c>simplify(e)</c>; its <see cref="Diagnostic.Position"/> gives line and column.
    /// Also a budget of <see cref="ComputeContext.Current"/> (<see cref="SymbolicException.IsLimit"/>).</exception>
    /// <example><code>
    /// Expr f = Expr.Parse("3x^2 + 2x*y");     // 3*x^2 + 2*x*y
    /// Expr d = Expr.Parse("diff(x^3, x)");    // diff(x^3, x), unevaluated; d.Doit() is 3*x^2
    /// </code></example>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Binder.Parse(text);
        }
        catch (SymbolicException ex) when (ex.Diagnostic.Position is null)
        {
            throw new SymbolicException(ex.Diagnostic with { Position = new SourceText(text).LineColumn(ex.Span.Start) });
        }
    }

    /// <summary>Like <see cref="Parse"/>, returning the diagnostic instead of throwing. An error of the compute
    /// context (a budget, cancellation, the deadline) is not a diagnostic of the text and is still thrown.</summary>
    /// <param name="text">The expression to read.</param>
    /// <param name="result">The expression when the text is valid, otherwise null.</param>
    /// <param name="error">Why the text is not valid (message, span, <see cref="Diagnostic.Code"/>, line and column), otherwise null.</param>
    /// <returns>True when the text is a valid expression.</returns>
    /// <exception cref="SymbolicException">A limit, cancellation or timeout of <see cref="ComputeContext.Current"/>.</exception>
    /// <example><code>
    /// if (!Expr.TryParse("2 +", out var e, out var error))
    ///     Console.WriteLine(error.Message);   // unexpected end of input after '+' (error.Position is line 1, column 4)
    /// </code></example>
    public static bool TryParse(string text, [NotNullWhen(true)] out Expr? result, [NotNullWhen(false)] out Diagnostic? error)
    {
        try
        {
            result = Parse(text);
            error = null;
            return true;
        }
        catch (SymbolicException ex) when (!ex.IsLimit)
        {
            result = null;
            error = ex.Diagnostic;
            return false;
        }
    }

    /// <summary>Carries out the unevaluated derivatives in this expression (SymPy's <c>doit</c>): each <c>diff(u, x)</c> node
    /// is replaced by its value; derivatives of undefined functions stay symbolic.</summary>
    /// <example><code>Expr.Parse("diff(x^3, x)").Doit()   // 3*x^2</code></example>
    public Expr Doit() => Rewrite.Memoized(this, static (node, walk) => node switch
    {
        Derivative d => d.Variables.Aggregate(walk(d.Expression), Differentiator.Diff),
        global::Symbolic.Number or global::Symbolic.Symbol or Constant => node,
        _ => node.MapChildren(walk),
    });

    /// <summary>The exact derivative of this expression by the symbol named <paramref name="variable"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="variable"/> is null or empty.</exception>
    /// <exception cref="SymbolicException">A budget of <see cref="ComputeContext.Current"/> is exceeded, or it was cancelled.</exception>
    /// <example><code>Expr.Parse("x^3").Diff("x")   // 3*x^2</code></example>
    public Expr Diff(string variable) => Differentiator.Diff(this, Guard.SymbolArgument(variable));

    /// <summary>The exact derivative of this expression by the symbol <paramref name="variable"/>.</summary>
    /// <example><code>Expr.Parse("sin(x)").Diff(Expr.Symbol("x"))   // cos(x)</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="variable"/> is null.</exception>
    public Expr Diff(Symbol variable) => Differentiator.Diff(this, Guard.NotNull(variable));

    /// <summary>The <paramref name="n"/>-th derivative by the symbol named <paramref name="variable"/> (n = 0 gives the expression).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="SymbolicException"><paramref name="n"/> is above <see cref="ComputeLimits.MaxDerivativeOrder"/> (<see cref="ErrorCodes.LimitExceeded"/>).</exception>
    /// <example><code>Expr.Parse("x^5").Diff("x", 3)   // 60*x^2</code></example>
    public Expr Diff(string variable, int n)
    {
        var x = Guard.SymbolArgument(variable);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        return Differentiator.Diff(this, x, n);
    }

    /// <summary>The gradient, one partial derivative per variable in the order given; with no variables, by the free
    /// symbols in natural name order (x2 before x10).</summary>
    /// <example><code>Expr.Parse("x^2*y").Gradient("x", "y")   // [2*x*y, x^2]</code></example>
    /// <exception cref="ArgumentException"><paramref name="variables"/> is null, or a name in it is null or empty.</exception>
    public Expr[] Gradient(params string[] variables) => Derivatives.Gradient(this, Variables(variables));

    /// <summary>The Hessian matrix, H[i, j] = d²e/dx_i dx_j in the order of the variables given; with no variables, by the
    /// free symbols in natural name order.</summary>
    /// <example><code>Expr.Parse("x^2*y").Hessian("x", "y")   // [[2*y, 2*x], [2*x, 0]]</code></example>
    /// <exception cref="ArgumentException"><paramref name="variables"/> is null, or a name in it is null or empty.</exception>
    public Expr[,] Hessian(params string[] variables) => Derivatives.Hessian(this, Variables(variables)).ToArray();

    /// <summary>The Jacobian matrix of <paramref name="functions"/>: row i holds the gradient of function i. With no
    /// variables, by the free symbols of all functions in natural name order.</summary>
    /// <exception cref="ArgumentException"><paramref name="functions"/> or <paramref name="variables"/> is null or holds a null
    /// (<see cref="ArgumentNullException"/> for the collection itself), or a name is empty.</exception>
    /// <example><code>Expr.Jacobian([Expr.Parse("x*y"), Expr.Parse("x + y")], "x", "y")   // [[y, x], [1, 1]]</code></example>
    public static Expr[,] Jacobian(IReadOnlyList<Expr> functions, params string[] variables)
    {
        Guard.NoNulls(functions);
        var names = Guard.SymbolArguments(variables);
        var vars = names.Length == 0 ? Derivatives.FreeSymbols([.. functions]) : names;
        return Derivatives.Jacobian(functions, vars).ToArray();
    }

    /// <summary>The exact Taylor polynomial of degree <paramref name="order"/> in the symbol named <paramref name="variable"/>
    /// about <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">The expression is not analytic at the point, or <paramref name="order"/> is negative
    /// or above <see cref="ComputeLimits.MaxSeriesOrder"/>.</exception>
    /// <example><code>Expr.Parse("log(x)").Taylor("x", Expr.One, 2)   // -(x - 1)^2/2 + x - 1</code></example>
    /// <exception cref="ArgumentNullException"><paramref name="variable"/> or <paramref name="point"/> is null.</exception>
    public Expr Taylor(string variable, Expr point, int order) =>
        Calculus.Taylor.Expand(this, Guard.SymbolArgument(variable), Guard.NotNull(point), order);

    /// <summary>The exact Taylor polynomial of degree <paramref name="order"/> about an integer <paramref name="point"/>.</summary>
    /// <exception cref="SymbolicException">As for <see cref="Taylor(string, Expr, int)"/>.</exception>
    /// <example><code>Expr.Parse("exp(x)").Taylor("x", 0, 3)   // x^3/6 + x^2/2 + x + 1</code></example>
    public Expr Taylor(string variable, long point, int order) => Calculus.Taylor.Expand(this, Guard.SymbolArgument(variable), Number(point), order);

    /// <summary>The Taylor polynomial of degree <paramref name="order"/> about <paramref name="point"/>, read as the
    /// decimal it prints as (0.1 is exactly 1/10), so the coefficients stay exact.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="point"/> is NaN or infinite.</exception>
    /// <exception cref="SymbolicException">As for <see cref="Taylor(string, Expr, int)"/>.</exception>
    /// <example><code>Expr.Parse("sqrt(x)").Taylor("x", 0.25, 1)   // x + 1/4</code></example>
    public Expr Taylor(string variable, double point, int order) => Calculus.Taylor.Expand(this, Guard.SymbolArgument(variable), ExactPoint(point), order);

    /// <summary>The multivariate Taylor polynomial of total degree <paramref name="order"/> about <paramref name="point"/>
    /// (one coordinate per variable, each read as the decimal it prints as).</summary>
    /// <exception cref="ArgumentException">The point has not one coordinate per variable, or a coordinate is not finite.</exception>
    /// <exception cref="SymbolicException">As for <see cref="Taylor(string, Expr, int)"/>.</exception>
    /// <example><code>Expr.Parse("exp(x)*sin(y)").Taylor(["x", "y"], [0.0, 0.0], 2)   // x*y + y</code></example>
    public Expr Taylor(string[] variables, double[] point, int order)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(point);
        return Taylor(variables, point.Select(ExactPoint).ToArray(), order);
    }

    /// <summary>The multivariate Taylor polynomial of total degree <paramref name="order"/> about an exact point.</summary>
    /// <exception cref="ArgumentException">The point has not one coordinate per variable, a variable is named twice, or an
    /// argument is null or holds a null.</exception>
    /// <exception cref="SymbolicException">As for <see cref="Taylor(string, Expr, int)"/>.</exception>
    public Expr Taylor(string[] variables, Expr[] point, int order)
    {
        var symbols = Guard.SymbolArguments(variables);
        Guard.NoNulls(point);
        if (variables.Length != point.Length)
            throw new ArgumentException($"the point has {point.Length} coordinates for {variables.Length} variables", nameof(point));
        Guard.Distinct(symbols, nameof(variables));
        return Calculus.Taylor.Expand(this, symbols, point, order);
    }

    /// <summary>Exact substitution of <paramref name="value"/> for the symbol named <paramref name="variable"/>, rebuilt canonically.</summary>
    /// <example><code>Expr.Parse("x^2 + 1").Subs("x", Expr.Number(2))   // 5</code></example>
    /// <exception cref="ArgumentException"><paramref name="variable"/> is null or empty, or <paramref name="value"/> is null.</exception>
    public Expr Subs(string variable, Expr value) => Substitution.Substitute(this, Guard.SymbolArgument(variable), Guard.NotNull(value));

    /// <summary>Exact substitution of several variables at once (simultaneous, not one after the other; a name given
    /// twice takes its last value).</summary>
    /// <example><code>Expr.Parse("x + y").Subs(("x", Expr.Parse("y")), ("y", Expr.Number(1)))   // y + 1</code></example>
    public Expr Subs(params (string Variable, Expr Value)[] replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var map = new Dictionary<Symbol, Expr>();
        foreach (var (name, value) in replacements)
        {
            if (name is null || value is null) throw Guard.NullElement(nameof(replacements));
            if (name.Length == 0) throw new ArgumentException("a variable name must not be empty", nameof(replacements));
            map[Symbol(name)] = value;
        }
        return Substitution.Substitute(this, map);
    }

    /// <summary>Exact simultaneous substitution of the symbols in <paramref name="replacements"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="replacements"/> is null or holds a null value.</exception>
    public Expr Subs(IReadOnlyDictionary<Symbol, Expr> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        foreach (var (_, value) in replacements)
            if (value is null) throw Guard.NullElement(nameof(replacements));
        return Substitution.Substitute(this, replacements);
    }

    /// <summary>Multiplies out products and positive integer powers of sums, at every level.</summary>
    /// <exception cref="SymbolicException">The result would exceed <see cref="ComputeLimits.MaxTerms"/> (checked before
    /// expanding), or the context was cancelled or timed out.</exception>
    /// <example><code>Expr.Parse("(x + 1)^2").Expand()   // x^2 + 2*x + 1</code></example>
    public Expr Expand() => Expander.Expand(this);

    /// <summary>The simplest equivalent form the simplifier finds (common factors of rational functions cancelled,
    /// sin² + cos² reduced; see <see cref="Simplifier.Simplify(Expr)"/>).</summary>
    /// <example><code>Expr.Parse("(x^2 - 1)/(x - 1)").Simplify()   // x + 1</code></example>
    public Expr Simplify() => Simplifier.Simplify(this);

    /// <summary>The value in double precision at a point given as (name, value) pairs.</summary>
    /// <exception cref="SymbolicException">A free symbol has no value, or the expression applies an undefined function.</exception>
    /// <example><code>Expr.Parse("x^2 + y").Evaluate(("x", 3), ("y", 1))   // 10</code></example>
    /// <exception cref="ArgumentException"><paramref name="point"/> is null, or a name in it is null, empty or given twice.</exception>
    public double Evaluate(params (string Name, double Value)[] point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var values = new Dictionary<Symbol, double>(point.Length);
        foreach (var (name, value) in point)
        {
            if (name is null) throw Guard.NullElement(nameof(point));
            if (name.Length == 0) throw new ArgumentException("a variable name must not be empty", nameof(point));
            if (!values.TryAdd(Symbol(name), value)) throw new ArgumentException($"'{name}' is given twice", nameof(point));
        }
        return Interpreter.Evaluate(this, values);
    }

    /// <summary>The value in double precision at a point given by name.</summary>
    /// <exception cref="SymbolicException">A free symbol has no value, or the expression applies an undefined function.</exception>
    /// <example><code>Expr.Parse("x^2 + y").Evaluate(new Dictionary&lt;string, double&gt; { ["x"] = 3, ["y"] = 1 })   // 10</code></example>
    public double Evaluate(IReadOnlyDictionary<string, double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Interpreter.Evaluate(this, point.ToDictionary(p => Guard.SymbolArgument(p.Key, nameof(point)), p => p.Value));
    }

    /// <summary>The value in double precision with <paramref name="names"/>[i] set to <paramref name="values"/>[i]
    /// (the array in variable order, as solvers hold a point).</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    /// <exception cref="SymbolicException">A free symbol has no value, or the expression applies an undefined function.</exception>
    /// <example><code>Expr.Parse("x^2 + y").Evaluate(["x", "y"], [3.0, 1.0])   // 10</code></example>
    public double Evaluate(string[] names, double[] values)
    {
        var symbols = Guard.SymbolArguments(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Length != values.Length)
            throw new ArgumentException($"{values.Length} values for {names.Length} names", nameof(values));
        var point = new Dictionary<Symbol, double>(names.Length);
        for (int i = 0; i < names.Length; i++)
            if (!point.TryAdd(symbols[i], values[i])) throw new ArgumentException($"'{names[i]}' is named twice", nameof(names));
        return Interpreter.Evaluate(this, point);
    }

    /// <summary>The worked derivation of d/d<paramref name="variable"/>, one rule per line, and the derivative.</summary>
    /// <example><code>
    /// var steps = Expr.Parse("x*exp(x)").Steps("x");
    /// // steps.Lines[1]: "  = d/dx [x]*exp(x) + x*d/dx [exp(x)]    (product rule, variable)"
    /// // steps.Result:   x*exp(x) + exp(x)
    /// </code></example>
    public DerivationSteps Steps(string variable)
    {
        var lines = Calculus.Steps.Derive(this, Guard.SymbolArgument(variable), out var result);
        return new DerivationSteps(lines, result);
    }

    /// <summary>The expression with exact numbers and constants in floating point (<c>N</c> in the REPL); symbols stay.</summary>
    /// <exception cref="SymbolicException">The expression applies an undefined function.</exception>
    /// <example><code>Expr.Parse("sqrt(2)*x").N()   // 1.4142135623730951*x</code></example>
    public Expr N() => Numeric.N(this);

    /// <summary>The expression in LaTeX, fractions as <c>\frac</c>.</summary>
    /// <example><code>Expr.Parse("x*exp(x) + exp(x)").ToLatex()   // x e^{x} + e^{x}</code></example>
    public string ToLatex() => LatexPrinter.Print(this);

    private Symbol[] Variables(string[] variables) =>
        Guard.SymbolArguments(variables) is { Length: > 0 } named ? named : [.. FreeSymbols];

    // A double as the exact number of its shortest round-trip decimal: 0.1 is 1/10, not the binary fraction.
    private static Expr ExactPoint(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "an expansion point must be finite");
        return Number(Rational.Parse(value.ToString("R", CultureInfo.InvariantCulture)));
    }
}
