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
    /// <summary>Reads one expression, evaluating nothing: <c>Expr.Parse("3x^2 + 2x*y")</c>. <c>diff(e, x)</c> is the
    /// unevaluated derivative (carry it out with <see cref="Doit"/>), a call of an unknown name an undefined function.</summary>
    /// <exception cref="SymbolicException">The text is not a valid expression, or it is a vector, string, named argument or
    /// an operation of the language such as <c>simplify(e)</c>; its <see cref="Diagnostic.Position"/> gives line and column.</exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Binder.Bind(SyntaxParser.ParseExpression(text));
        }
        catch (SymbolicException ex) when (ex.Diagnostic.Position is null)
        {
            throw new SymbolicException(ex.Diagnostic with { Position = new SourceText(text).LineColumn(ex.Span.Start) });
        }
    }

    /// <summary>Like <see cref="Parse"/>, returning the diagnostic instead of throwing. An error of the compute
    /// context (a budget, cancellation, the deadline) is not a diagnostic of the text and is still thrown.</summary>
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
    /// is replaced by its value; derivatives of undefined functions stay symbolic.
    /// <example><c>Expr.Parse("diff(x^3, x)").Doit()</c> is <c>3*x^2</c>.</example></summary>
    public Expr Doit() => Rewrite.Memoized(this, static (node, walk) => node switch
    {
        Derivative d => d.Variables.Aggregate(walk(d.Expression), Differentiator.Diff),
        global::Symbolic.Number or global::Symbolic.Symbol or Constant => node,
        _ => node.MapChildren(walk),
    });

    /// <summary>d/dx of this expression. <example><c>Expr.Parse("x^3").Diff("x")</c> is <c>3*x^2</c>.</example></summary>
    public Expr Diff(string variable) => Differentiator.Diff(this, Symbol(variable));

    /// <summary>d/dx of this expression by the symbol <paramref name="variable"/>.</summary>
    public Expr Diff(Symbol variable) => Differentiator.Diff(this, variable);

    /// <summary>The n-th derivative by <paramref name="variable"/>.</summary>
    public Expr Diff(string variable, int n) => Differentiator.Diff(this, Symbol(variable), n);

    /// <summary>The gradient; with no variables, by the free symbols in alphabetical order.</summary>
    public Expr[] Gradient(params string[] variables) => Derivatives.Gradient(this, Variables(variables));

    /// <summary>The Hessian matrix; with no variables, by the free symbols in alphabetical order.</summary>
    public Expr[,] Hessian(params string[] variables) => Derivatives.Hessian(this, Variables(variables)).ToArray();

    /// <summary>The Jacobian matrix of <paramref name="functions"/>: row i holds the gradient of function i. With no
    /// variables, by the free symbols of all functions in alphabetical order.
    /// <example><c>Expr.Jacobian([Expr.Parse("x*y"), Expr.Parse("x + y")], "x", "y")</c> is <c>[[y, x], [1, 1]]</c>.</example></summary>
    public static Expr[,] Jacobian(IReadOnlyList<Expr> functions, params string[] variables)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var vars = variables.Length == 0 ? Derivatives.FreeSymbols([.. functions]) : variables.Select(Symbol).ToArray();
        return Derivatives.Jacobian(functions, vars).ToArray();
    }

    /// <summary>The Taylor polynomial of degree <paramref name="order"/> about <paramref name="point"/>, exact:
    /// <c>Expr.Parse("exp(x)").Taylor("x", 0, 3)</c> is <c>1 + x + x^2/2 + x^3/6</c>.</summary>
    public Expr Taylor(string variable, Expr point, int order) => Calculus.Taylor.Expand(this, Symbol(variable), point, order);

    /// <summary>The Taylor polynomial of degree <paramref name="order"/> about an integer point.</summary>
    public Expr Taylor(string variable, long point, int order) => Calculus.Taylor.Expand(this, Symbol(variable), Number(point), order);

    /// <summary>The Taylor polynomial of degree <paramref name="order"/> about <paramref name="point"/>, read as the
    /// decimal it prints as (0.1 is exactly 1/10), so the coefficients stay exact.</summary>
    public Expr Taylor(string variable, double point, int order) => Calculus.Taylor.Expand(this, Symbol(variable), ExactPoint(point), order);

    /// <summary>The multivariate Taylor polynomial of total degree <paramref name="order"/> about <paramref name="point"/>
    /// (one coordinate per variable). <example><c>Expr.Parse("exp(x)*sin(y)").Taylor(["x", "y"], [0.0, 0.0], 2)</c> is <c>x*y + y</c>.</example></summary>
    public Expr Taylor(string[] variables, double[] point, int order)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Taylor(variables, point.Select(ExactPoint).ToArray(), order);
    }

    /// <summary>The multivariate Taylor polynomial of total degree <paramref name="order"/> about an exact point.</summary>
    public Expr Taylor(string[] variables, Expr[] point, int order)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(point);
        if (variables.Length != point.Length)
            throw new ArgumentException($"the point has {point.Length} coordinates for {variables.Length} variables", nameof(point));
        return Calculus.Taylor.Expand(this, variables.Select(Symbol).ToArray(), point, order);
    }

    /// <summary>Exact substitution: <c>e.Subs("x", Expr.Number(2))</c>.</summary>
    public Expr Subs(string variable, Expr value) => Substitution.Substitute(this, Symbol(variable), value);

    /// <summary>Exact substitution of several variables at once (simultaneous, not one after the other):
    /// <c>e.Subs(("x", Expr.Number(1)), ("y", Expr.Parse("z^2")))</c>.</summary>
    public Expr Subs(params (string Variable, Expr Value)[] replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var map = new Dictionary<Symbol, Expr>();
        foreach (var (name, value) in replacements) map[Symbol(name)] = value;
        return Substitution.Substitute(this, map);
    }

    /// <summary>Exact simultaneous substitution of the symbols in <paramref name="replacements"/>.</summary>
    public Expr Subs(IReadOnlyDictionary<Symbol, Expr> replacements) => Substitution.Substitute(this, replacements);

    /// <summary>Multiplies out products and integer powers of sums.</summary>
    public Expr Expand() => Expander.Expand(this);

    /// <summary>The smallest equivalent form found by the simplifier.</summary>
    public Expr Simplify() => Simplifier.Simplify(this);

    /// <summary>The value in double precision at a point given as (name, value) pairs.</summary>
    public double Evaluate(params (string Name, double Value)[] point) =>
        Interpreter.Evaluate(this, point.ToDictionary(p => Symbol(p.Name), p => p.Value));

    /// <summary>The value in double precision at a point given by name: <c>e.Evaluate(new Dictionary&lt;string, double&gt; { ["x"] = 1 })</c>.</summary>
    public double Evaluate(IReadOnlyDictionary<string, double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Interpreter.Evaluate(this, point.ToDictionary(p => Symbol(p.Key), p => p.Value));
    }

    /// <summary>The value in double precision with <paramref name="names"/>[i] set to <paramref name="values"/>[i]
    /// (the array in variable order, as solvers hold a point).</summary>
    public double Evaluate(string[] names, double[] values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        if (names.Length != values.Length)
            throw new ArgumentException($"{values.Length} values for {names.Length} names", nameof(values));
        var point = new Dictionary<Symbol, double>(names.Length);
        for (int i = 0; i < names.Length; i++) point[Symbol(names[i])] = values[i];
        return Interpreter.Evaluate(this, point);
    }

    /// <summary>The worked derivation of d/d<paramref name="variable"/>, one rule per line, and the derivative.
    /// <example><c>Expr.Parse("x*exp(x)").Steps("x").Lines[1]</c> is the product rule line.</example></summary>
    public DerivationSteps Steps(string variable)
    {
        var lines = Calculus.Steps.Derive(this, Symbol(variable), out var result);
        return new DerivationSteps(lines, result);
    }

    /// <summary>The expression with numbers in floating point (<c>N</c> in the REPL).</summary>
    public Expr N() => Numeric.N(this);

    /// <summary>The expression in LaTeX: <c>x e^{x} + e^{x}</c>.</summary>
    public string ToLatex() => LatexPrinter.Print(this);

    private Symbol[] Variables(string[] names) =>
        names.Length == 0 ? [.. FreeSymbols] : names.Select(Symbol).ToArray();

    // A double as the exact number of its shortest round-trip decimal: 0.1 is 1/10, not the binary fraction.
    private static Expr ExactPoint(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "an expansion point must be finite");
        return Number(Rational.Parse(value.ToString("R", CultureInfo.InvariantCulture)));
    }
}
