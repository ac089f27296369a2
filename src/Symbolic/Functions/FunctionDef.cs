using System.Reflection;

namespace Symbolic.Functions;

/// <summary>
/// Everything the system knows about one function, in one place: its name and arity, its numeric
/// implementation (used by the interpreter and, through <see cref="Method"/>, by the compiler), its
/// derivative rule, its automatic simplifications, and how it prints in LaTeX. Adding a function is
/// adding one entry to <see cref="Functions"/>.
/// </summary>
public sealed class FunctionDef
{
    internal FunctionDef(
        string name,
        int arity,
        Func<double, double>? evaluate,
        Func<Expr, Expr>? derivative,
        Func<Expr, Expr?>? simplify,
        string latexName,
        string rule,
        bool isUndefined = false)
    {
        Name = name;
        Arity = arity;
        Evaluate = evaluate;
        DerivativeRule = derivative;
        Simplify = simplify;
        LatexName = latexName;
        Rule = rule;
        IsUndefined = isUndefined;
    }

    public string Name { get; }

    public int Arity { get; }

    /// <summary>The numeric implementation of a built-in unary function; null for undefined functions.</summary>
    public Func<double, double>? Evaluate { get; }

    /// <summary>The static method behind <see cref="Evaluate"/>, for compiling to System.Linq.Expressions.</summary>
    public MethodInfo? Method => Evaluate?.Method is { IsStatic: true } m ? m : null;

    /// <summary>f'(u) as an expression of the argument u; the chain rule is applied once, in the differentiator.</summary>
    public Func<Expr, Expr>? DerivativeRule { get; }

    /// <summary>Automatic evaluation when a call is built (sin(0) = 0, exp(log(u)) = u); null means no change.</summary>
    public Func<Expr, Expr?>? Simplify { get; }

    /// <summary>LaTeX command or operator name: <c>\sin</c>, <c>\operatorname{sigmoid}</c>.</summary>
    public string LatexName { get; }

    /// <summary>The rule's name in derivation steps: "trig", "exp", "log", "sigmoid", ...</summary>
    public string Rule { get; }

    /// <summary>True for a name that is neither built in nor defined, like <c>g</c> in <c>g(x)</c>.</summary>
    public bool IsUndefined { get; }

    public override string ToString() => Name;
}
