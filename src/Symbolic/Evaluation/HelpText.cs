namespace Symbolic.Evaluation;

/// <summary>The text of <c>:help</c>.</summary>
internal static class HelpText
{
    public static readonly string[] Lines =
    [
        "Statements:  expr | name = expr | f(x, y) = expr | :help | :vars | :clear | :quit   (';' separates, '#' comments)",
        "Operators:   + - * / ^ (** too), implicit multiplication 2x, 2(x+1), (x+1)(x-1); vectors [a, b]; matrices [[a, b], [c, d]]",
        "Functions:   sin cos tan asin acos atan sinh cosh tanh exp log ln sqrt abs sign sigmoid softplus relu step, log(x, b)",
        "Calculus:    diff(e, x), diff(e, x, n), diff(e, x, y), grad(e), grad(e, [x, y]), jacobian([f, g], [x, y]),",
        "             hessian(e), hessian(e, [x, y]), taylor(e, x, a, n), taylor(e, [x, y], [a, b], n), steps(diff(e, x))",
        "Algebra:     simplify(e), expand(e), subs(e, x = v), eval(e, x = v), N(e), latex(e)",
        "Matrices:    transpose(M), det(M), inverse(M), eigenvalues(M)",
        "Constants:   pi, e.  Numbers are exact: 0.2 is 1/5; eval and N give floating point.",
    ];
}
