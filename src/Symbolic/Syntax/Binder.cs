using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Symbolic.Syntax;

namespace Symbolic;

// The binder sits in the root namespace with Expr's API (Parse is its only caller): it is the bridge from
// the syntax layer, which knows nothing of expressions, to the expressions and the function table.

/// <summary>
/// Syntax tree to <see cref="Expr"/> with nothing evaluated: the whole of <see cref="Expr.Parse"/>.
/// Numbers, names (<c>pi</c>, <c>e</c> constants, other names symbols), <c>+ - * / ^</c>, calls of the
/// function table, calls of unknown names (undefined functions such as <c>g(x)</c>) and <c>diff(e, x, ...)</c>,
/// which becomes the unevaluated <see cref="Derivative"/> node (<see cref="Expr.Doit"/> carries it out).
/// What is not a single expression (vectors, strings, named arguments, the language's operations such as
/// <c>simplify</c>) is an error located at the syntax; evaluating statements is the language layer's job.
/// </summary>
internal static class Binder
{
    /// <summary>
    /// Names the REPL language gives to operations on whole expressions, vectors and matrices (section 2 of
    /// the specification). A call of one is an error here rather than an undefined function, so that
    /// <c>Expr.Parse("simplify(x)")</c> says what to do instead. The language layer's tests check that every
    /// operation it registers is in this set.
    /// </summary>
    public static readonly FrozenSet<string> LanguageOperations = new[]
    {
        "simplify", "expand", "subs", "eval", "N", "latex",
        "grad", "jacobian", "hessian", "taylor", "steps",
        "transpose", "det", "inverse", "eigenvalues",
        "newton", "minimize", "maximize", "classify", "load", "fit", "plot", "contour",
    }.ToFrozenSet(StringComparer.Ordinal);

    private const string DiffName = "diff";

    /// <summary>The expression <paramref name="text"/> denotes: the whole of <see cref="Expr.Parse"/> but for locating errors.</summary>
    /// <remarks>
    /// Each term of the outermost sum is bound as soon as the parser has read it (<see cref="SumBinder"/>),
    /// so the syntax of a term dies young: a 4,000-term sum is never held as a syntax tree, only as its bound terms.
    /// </remarks>
    public static Expr Parse(string text) => Bind(SyntaxParser.ParseExpression(text, static () => new SumBinder()));

    /// <summary>
    /// Binds the terms of the outermost sum as the parser reads them and adds them up at the end, as
    /// <see cref="Sum"/> does for a sum held whole. An error binding a term is kept, not thrown, until the
    /// whole text has parsed (a syntax error further on is still the one reported); as when binding a
    /// whole tree, the first term that fails is the one reported, and the terms after it are not bound.
    /// </summary>
    private sealed class SumBinder : ISumReducer
    {
        private readonly List<Expr> _terms = [];
        private SymbolicException? _error;

        public void Add(ExprSyntax term, bool subtract)
        {
            if (_error is not null) return;
            try
            {
                var value = Bind(term);
                _terms.Add(subtract ? Expr.Neg(value) : value);
            }
            catch (SymbolicException e)
            {
                _error = e;
            }
        }

        // The error of the sum as a whole (a budget, say) is located at the whole sum, as by Bind.
        public ExprSyntax Complete(TextSpan span)
        {
            if (_error is not null) return new ReducedSyntax(_error, span);
            try
            {
                return new ReducedSyntax(_terms.Count == 1 ? _terms[0] : Expr.Add(_terms), span);
            }
            catch (SymbolicException e)
            {
                return new ReducedSyntax(e.WithSpanIfMissing(span), span);
            }
        }
    }

    /// <summary>The expression <paramref name="syntax"/> denotes.</summary>
    /// <exception cref="SymbolicException">The syntax is not a single scalar expression; located at the offending part.</exception>
    public static Expr Bind(ExprSyntax syntax)
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return syntax switch
            {
                NumberSyntax n => NumberLiteral(n),
                IdentifierSyntax id => Identifier(id),
                UnarySyntax u => u.Operator == UnaryOperator.Minus ? Expr.Neg(Bind(u.Operand)) : Bind(u.Operand),
                BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => Sum(b),
                BinarySyntax { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } b => Product(b),
                BinarySyntax { Operator: BinaryOperator.Power } b => Expr.Pow(Bind(b.Left), Bind(b.Right)),
                CallSyntax c => Call(c),
                ReducedSyntax { Value: Expr value } => value,
                ReducedSyntax { Value: SymbolicException error } => throw error,
                VectorSyntax => throw new SymbolicException(
                    "a vector or matrix is not a scalar expression; Expr.Parse reads a single expression", syntax.Span),
                StringSyntax => throw new SymbolicException("a string is not an expression", syntax.Span),
                _ => throw new SymbolicException("unexpected syntax", syntax.Span),
            };
        }
        catch (SymbolicException ex) when (ex.Span == default)
        {
            throw ex.WithSpanIfMissing(syntax.Span);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SymbolicException("expression is nested too deeply", syntax.Span, ErrorCodes.TooDeep);
        }
    }

    /// <summary>The constants <c>pi</c> (also <c>π</c>) and <c>e</c>, or null.</summary>
    public static Expr? Constant(string name) => name switch
    {
        "pi" or "π" => Expr.Pi,
        "e" => Expr.E,
        _ => null,
    };

    private static Expr NumberLiteral(NumberSyntax n)
    {
        try
        {
            return Expr.Number(Rational.Parse(n.Text));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new SymbolicException($"number '{n.Text}' is out of range", n.Span);
        }
    }

    private static Expr Identifier(IdentifierSyntax id)
    {
        if (Constant(id.Name) is { } constant) return constant;
        if (Functions.Functions.IsBuiltIn(id.Name) || id.Name == DiffName || LanguageOperations.Contains(id.Name))
            throw new SymbolicException($"'{id.Name}' is a function; call it with arguments, e.g. {id.Name}(x)", id.Span);
        return Expr.Symbol(id.Name);
    }

    // a + b - c + ... is one n-ary sum and a * b / c one n-ary product: walking the left spine instead of
    // recursing keeps long chains flat, fast and free of deep recursion.
    // The operands are bound into one list and the sum or product is built once from it (one canonical
    // construction of 4,000 terms, not 4,000 additions).
    private static Expr Sum(BinarySyntax top)
    {
        var operands = SyntaxReading.Chain(top, BinaryOperator.Add, BinaryOperator.Subtract);
        var terms = new Expr[operands.Length];
        for (int i = 0; i < terms.Length; i++)
        {
            var value = Bind(operands[i].Syntax);
            terms[i] = operands[i].Inverse ? Expr.Neg(value) : value;
        }
        return Expr.Add(terms);
    }

    private static Expr Product(BinarySyntax top)
    {
        var operands = SyntaxReading.Chain(top, BinaryOperator.Multiply, BinaryOperator.Divide);
        var factors = new Expr[operands.Length];
        for (int i = 0; i < factors.Length; i++)
        {
            var (syntax, invert) = operands[i];
            var value = Bind(syntax);
            factors[i] = invert ? Reciprocal(value, syntax) : value;
        }
        return Expr.Mul(factors);
    }

    // 1/value, a division by zero located at the divisor.
    private static Expr Reciprocal(Expr value, ExprSyntax divisor)
    {
        try
        {
            return Expr.Pow(value, Expr.MinusOne);
        }
        catch (SymbolicException ex) when (ex.Span == default)
        {
            throw ex.WithSpanIfMissing(divisor.Span);
        }
    }

    private static Expr Call(CallSyntax call)
    {
        string name = call.Name.Name;
        if (name == DiffName) return Derivative(call);
        if (LanguageOperations.Contains(name))
            throw new SymbolicException(
                $"'{name}' is an operation of the language; Expr.Parse reads a single expression (call the method on Expr, or run it in a session)",
                call.Name.Span);
        if (Functions.Functions.IsBuiltIn(name))
        {
            var args = Positional(call);
            try
            {
                return Functions.Functions.Apply(name, args);
            }
            catch (SymbolicException ex) when (ex.Span == default)
            {
                // an arity or domain error is about the function named here
                throw ex.WithSpanIfMissing(call.Name.Span);
            }
        }
        if (Constant(name) is { } constant)
        {
            // A constant before parentheses is a product: pi(x + 1) is pi*(x + 1).
            if (call.Arguments.Length != 1 || call.Arguments[0].Name is not null)
                throw new SymbolicException($"'{name}' is not a function", call.Name.Span);
            return Expr.Mul(constant, Bind(call.Arguments[0].Value));
        }
        // Neither built in nor an operation: an undefined function application that stays symbolic.
        var undefinedArgs = Positional(call);
        if (undefinedArgs.Length == 0) throw new SymbolicException($"unknown function '{name}'", call.Name.Span);
        return Expr.Call(Functions.Functions.Undefined(name, undefinedArgs.Length), undefinedArgs);
    }

    /// <summary>
    /// <c>diff(e, x, y, 2, z)</c> as the unevaluated derivative of e by its variables in order, each repeated as
    /// often as it is taken (an order follows its variable, as in SymPy). With no variable, the one free
    /// symbol of e; with none at all, x. The language layer evaluates the same syntax to the derivative's value.
    /// </summary>
    private static Expr Derivative(CallSyntax diff)
    {
        var args = diff.Arguments;
        if (args.FirstOrDefault(a => a.Name is not null) is { } named)
            throw new SymbolicException("diff takes no named arguments", named.Span);
        if (args.Length == 0)
            throw new SymbolicException("diff takes at least 1 argument, got 0; usage: diff(e, x)", diff.Span);
        var target = Bind(args[0].Value);
        var variables = SyntaxReading.DiffVariables(diff, arg => (Bind(arg), ""), target.FreeSymbols,
            ComputeContext.Current.Limits.MaxDerivativeOrder);
        return Expr.Derivative(target, variables);
    }

    // The arguments' values, as an ImmutableArray over the array filled here (which nothing else holds),
    // so that the call node takes them without another copy.
    private static ImmutableArray<Expr> Positional(CallSyntax call)
    {
        var result = new Expr[call.Arguments.Length];
        for (int i = 0; i < result.Length; i++)
        {
            var a = call.Arguments[i];
            if (a.Name is not null)
                throw new SymbolicException($"function '{call.Name.Name}' takes no named argument '{a.Name.Name}'", a.Span);
            result[i] = Bind(a.Value);
        }
        return ImmutableCollectionsMarshal.AsImmutableArray(result);
    }
}
