using Symbolic.Algebra;
using Symbolic.Calculus;
using Symbolic.Evaluation;
using Symbolic.Linear;
using Symbolic.Printing;
using Symbolic.Syntax;

namespace Symbolic;

// The library's front door: the operations of the REPL as methods on Expr.
public abstract partial class Expr
{
    /// <summary>Parses and evaluates one expression, e.g. <c>Expr.Parse("3x^2 + 2x*y")</c>.</summary>
    /// <exception cref="SymbolicException">The text is not a valid expression, or it denotes a vector, matrix or string.</exception>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = new Session().Evaluate(text);
        return value is ExprValue e ? e.Expr : throw new SymbolicException($"expected a scalar expression, got {value.KindWithArticle}");
    }

    /// <summary>Like <see cref="Parse"/>, returning the diagnostic instead of throwing.</summary>
    public static bool TryParse(string text, out Expr? result, out Diagnostic? error)
    {
        try
        {
            result = Parse(text);
            error = null;
            return true;
        }
        catch (SymbolicException ex)
        {
            result = null;
            error = ex.Diagnostic;
            return false;
        }
    }

    /// <summary>d/dx of this expression. <example><c>Expr.Parse("x^3").Diff("x")</c> is <c>3*x^2</c>.</example></summary>
    public Expr Diff(string variable) => Differentiator.Diff(this, Symbol(variable));

    public Expr Diff(Symbol variable) => Differentiator.Diff(this, variable);

    /// <summary>The n-th derivative by <paramref name="variable"/>.</summary>
    public Expr Diff(string variable, int n) => Differentiator.Diff(this, Symbol(variable), n);

    /// <summary>The gradient; with no variables, by the free symbols in alphabetical order.</summary>
    public Expr[] Gradient(params string[] variables) => Derivatives.Gradient(this, Variables(variables));

    /// <summary>The Hessian matrix; with no variables, by the free symbols in alphabetical order.</summary>
    public Expr[,] Hessian(params string[] variables) => Derivatives.Hessian(this, Variables(variables)).ToArray();

    /// <summary>The Taylor polynomial of degree <paramref name="order"/> about <paramref name="point"/>, exact:
    /// <c>Expr.Parse("exp(x)").Taylor("x", 0, 3)</c> is <c>1 + x + x^2/2 + x^3/6</c>.</summary>
    public Expr Taylor(string variable, Expr point, int order) => Calculus.Taylor.Expand(this, Symbol(variable), point, order);

    public Expr Taylor(string variable, long point, int order) => Calculus.Taylor.Expand(this, Symbol(variable), Number(point), order);

    /// <summary>Exact substitution: <c>e.Subs("x", Expr.Number(2))</c>.</summary>
    public Expr Subs(string variable, Expr value) => Substitution.Substitute(this, Symbol(variable), value);

    public Expr Subs(IReadOnlyDictionary<Symbol, Expr> replacements) => Substitution.Substitute(this, replacements);

    public Expr Expand() => Expander.Expand(this);

    public Expr Simplify() => Simplifier.Simplify(this);

    /// <summary>The value in double precision at a point given as (name, value) pairs.</summary>
    public double Evaluate(params (string Name, double Value)[] point) =>
        Interpreter.Evaluate(this, point.ToDictionary(p => Symbol(p.Name), p => p.Value));

    /// <summary>The expression with numbers in floating point (<c>N</c> in the REPL).</summary>
    public Expr N() => Numeric.N(this);

    public string ToLatex() => LatexPrinter.Print(this);

    private Symbol[] Variables(string[] names) =>
        names.Length == 0 ? [.. FreeSymbols] : names.Select(Symbol).ToArray();
}
