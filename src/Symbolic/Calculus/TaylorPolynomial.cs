using System.Collections.Immutable;
using Symbolic.Printing;

namespace Symbolic.Calculus;

/// <summary>One term c (x_1 - a_1)^k_1 ... (x_m - a_m)^k_m of a <see cref="TaylorPolynomial"/>.</summary>
/// <param name="Exponents">k_i for each variable, in the order of <see cref="TaylorPolynomial.Variables"/>.</param>
/// <param name="Coefficient">c = ∂^k f(a) / k!, free of the variables.</param>
public sealed record TaylorTerm(ImmutableArray<int> Exponents, Expr Coefficient)
{
    /// <summary>The total degree Σ k_i.</summary>
    public int Degree => Exponents.Sum();
}

/// <summary>
/// A Taylor polynomial as a person writes it: <see cref="Value"/> is an ordinary expression (it
/// differentiates, evaluates and prints like any other), and <see cref="ToString"/> shows it in
/// ascending powers of (x - a), each power once: <c>2 + (x - 4)/4 - (x - 4)^2/64</c>, <c>1 + x + x^2/2</c>.
/// </summary>
/// <remarks>
/// Canonical form distributes a number over a sum (<c>(x - 4)/4</c> is <c>x/4 - 1</c>) and takes the
/// content out of a power of a sum (<c>(x - 1/2)^2</c> is <c>(2*x - 1)^2/4</c>), so the shifted form
/// cannot live in the expression itself without breaking like-term collection. It is a display of the
/// value instead, kept beside it: the text parses back to the same <see cref="Value"/>, and where it
/// would not, the ordinary text is shown.
/// </remarks>
/// <example><code>Taylor.Polynomial(Expr.Parse("log(x)"), Expr.Symbol("x"), 1, 3).ToString() // "(x - 1) - (x - 1)^2/2 + (x - 1)^3/3"</code></example>
public sealed class TaylorPolynomial
{
    internal TaylorPolynomial(Expr value, IReadOnlyList<Symbol> variables, IReadOnlyList<Expr> point,
        IEnumerable<(int[] Exponents, Expr Coefficient)> terms)
    {
        Value = value;
        Variables = [.. variables];
        Point = [.. point];
        Terms = [.. terms.Select(t => new TaylorTerm([.. t.Exponents], t.Coefficient))];
    }

    /// <summary>The polynomial as an expression (what <see cref="Taylor.Expand(Expr, Symbol, Expr, int)"/> returns).</summary>
    public Expr Value { get; }

    /// <summary>The expansion variables.</summary>
    public ImmutableArray<Symbol> Variables { get; }

    /// <summary>The expansion point, one coordinate per variable.</summary>
    public ImmutableArray<Expr> Point { get; }

    /// <summary>The nonzero terms by ascending total degree (within a degree, <c>x^2</c>, <c>x*y</c>, <c>y^2</c>).</summary>
    public ImmutableArray<TaylorTerm> Terms { get; }

    /// <summary>The text in ascending powers of (x - a); it parses back to <see cref="Value"/>.</summary>
    public override string ToString() => Print(decimals: false);

    /// <summary>The text in ascending powers of (x - a), in the decimal style when <paramref name="decimals"/>
    /// (see <see cref="InfixPrinter.Print(Expr, bool)"/>); it parses back to <see cref="Value"/>.</summary>
    public string Print(bool decimals)
    {
        var text = TaylorPrinter.Print(Variables, Point, Terms.Select(t => ((IReadOnlyList<int>)t.Exponents, t.Coefficient)).ToList(), decimals);
        // The layout is checked rather than trusted: a form that reads back as another expression is not shown.
        return ReadsBack(text) ? text : InfixPrinter.Print(Value, decimals);
    }

    private bool ReadsBack(string text)
    {
        try
        {
            return ReferenceEquals(Expr.Parse(text), Value);
        }
        catch (SymbolicException)
        {
            return false;
        }
    }
}
