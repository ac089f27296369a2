using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Symbolic.Functions;
using Symbolic.Linear;
using Symbolic.Syntax;

namespace Symbolic.Language;

/// <summary>
/// Turns syntax into values within a <see cref="Session"/>: resolves names (bound value, constant or
/// symbol), decides what <c>name(...)</c> means (user function, operation such as <c>diff</c>,
/// built-in function, product with a bound value, or undefined function), and does the arithmetic.
/// Every error it raises is located at the syntax that caused it.
/// </summary>
internal sealed class Evaluator(Session session)
{
    public Session Session { get; } = session;

    /// <summary>Set when the statement being evaluated reads a decimal literal or a value that had one.</summary>
    public bool SawDecimals { get; set; }

    /// <summary>The expression of the statement being evaluated: the syntax of the outermost <see cref="Evaluate"/> call.</summary>
    public ExprSyntax? StatementRoot { get; private set; }

    private int _depth;

    public Value Evaluate(ExprSyntax syntax)
    {
        if (_depth == 0) StatementRoot = syntax;
        _depth++;
        try
        {
            return EvaluateNode(syntax);
        }
        finally
        {
            _depth--;
        }
    }

    private Value EvaluateNode(ExprSyntax syntax)
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return syntax switch
            {
                NumberSyntax n => new ExprValue(NumberLiteral(n)),
                IdentifierSyntax id => Identifier(id),
                StringSyntax s => new StringValue(s.Value),
                UnarySyntax u => u.Operator == UnaryOperator.Minus ? ValueArithmetic.Negate(Evaluate(u.Operand)) : Evaluate(u.Operand),
                BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } b => Sum(b),
                BinarySyntax { Operator: BinaryOperator.Multiply or BinaryOperator.Divide } b => Product(b),
                BinarySyntax { Operator: BinaryOperator.Power } b => ValueArithmetic.Power(Evaluate(b.Left), Evaluate(b.Right)),
                VectorSyntax v => Vector(v),
                CallSyntax c => Call(c),
                _ => throw new SymbolicException("unexpected syntax", syntax.Span),
            };
        }
        catch (SymbolicException ex) when (ex.Span == default)
        {
            throw ex.WithSpanIfMissing(syntax.Span);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new SymbolicException("expression is nested too deeply", syntax.Span);
        }
    }

    public Expr EvaluateExpr(ExprSyntax syntax, string what = "an expression")
    {
        var value = Evaluate(syntax);
        return value is ExprValue e ? e.Expr : throw new SymbolicException($"expected {what}, got {value.KindWithArticle}", syntax.Span);
    }

    private Expr NumberLiteral(NumberSyntax n)
    {
        if (n.Text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0) SawDecimals = true;
        try
        {
            return Expr.Number(Rational.Parse(n.Text));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            throw new SymbolicException($"number '{n.Text}' is out of range", n.Span);
        }
    }

    private Value Identifier(IdentifierSyntax id)
    {
        if (Session.TryGetBinding(id.Name, out var bound))
        {
            SawDecimals |= bound.Decimals;
            return bound;
        }
        if (Session.TryGetConstant(id.Name) is { } constant) return new ExprValue(constant);
        if (Session.TryGetFunction(id.Name, out _) || Functions.Functions.IsBuiltIn(id.Name) || Session.Operations.Contains(id.Name))
            throw new SymbolicException($"'{id.Name}' is a function; call it with arguments, e.g. {id.Name}(x)", id.Span);
        return new ExprValue(Expr.Symbol(id.Name));
    }

    // a + b - c + ... is evaluated as one n-ary sum and a * b / c as one n-ary product: walking the
    // left spine instead of recursing keeps long chains flat, fast and free of deep recursion.
    private Value Sum(BinarySyntax top)
    {
        var operands = Chain(top, BinaryOperator.Add, BinaryOperator.Subtract);
        if (operands.All(o => o.Value is ExprValue))
            return new ExprValue(Expr.Add(operands.Select(o => o.Inverse ? -((ExprValue)o.Value).Expr : ((ExprValue)o.Value).Expr)));
        return Fold(operands, ValueArithmetic.Add, ValueArithmetic.Subtract);
    }

    private Value Product(BinarySyntax top)
    {
        var operands = Chain(top, BinaryOperator.Multiply, BinaryOperator.Divide);
        if (operands.All(o => o.Value is ExprValue))
        {
            var factors = new List<Expr>(operands.Count);
            foreach (var (value, invert, syntax) in operands)
            {
                var e = ((ExprValue)value).Expr;
                factors.Add(invert ? Located(syntax, () => Expr.Pow(e, Expr.MinusOne)) : e);
            }
            return new ExprValue(Expr.Mul(factors));
        }
        return Fold(operands, ValueArithmetic.Multiply, ValueArithmetic.Divide);
    }

    /// <summary>The evaluated operands of a left-associative chain of two operators, in source order;
    /// Inverse marks those that follow the second operator (minus, divide).</summary>
    private List<(Value Value, bool Inverse, ExprSyntax Syntax)> Chain(BinarySyntax top, BinaryOperator plain, BinaryOperator inverse) =>
        SyntaxReading.Chain(top, plain, inverse).Select(o => (Evaluate(o.Syntax), o.Inverse, o.Syntax)).ToList();

    /// <summary>Combines operands pairwise (vectors and matrices), each error located at its operand.</summary>
    private static Value Fold(List<(Value Value, bool Inverse, ExprSyntax Syntax)> operands,
        Func<Value, Value, Value> plain, Func<Value, Value, Value> inverse)
    {
        var acc = operands[0].Value;
        foreach (var (value, invert, syntax) in operands.Skip(1))
            acc = Located(syntax, () => (invert ? inverse : plain)(acc, value));
        return acc;
    }

    private Value Vector(VectorSyntax v)
    {
        var items = v.Elements.Select(Evaluate).ToList();
        if (items.All(i => i is ExprValue))
            return new MatrixValue(ExprMatrix.Vector(items.Select(i => ((ExprValue)i).Expr)));
        if (items.Count > 0 && items.All(i => i is MatrixValue { Matrix.IsVector: true }))
        {
            var rows = items.Select(i => ((MatrixValue)i).Matrix).ToList();
            for (int r = 1; r < rows.Count; r++)
                if (rows[r].Count != rows[0].Count)
                    throw new SymbolicException($"matrix rows must have the same length: row 1 has {rows[0].Count} entries, row {r + 1} has {rows[r].Count}", v.Elements[r].Span);
            return new MatrixValue(ExprMatrix.Create(rows.Count, rows[0].Count, (i, j) => rows[i][j]));
        }
        int bad = items.FindIndex(i => i is not ExprValue and not MatrixValue { Matrix.IsVector: true });
        if (bad < 0)
        {
            // Expressions and vectors mixed, as in [1, [2, 3]]: point at the first that differs from the first item.
            bool rows = items[0] is MatrixValue;
            bad = items.FindIndex(i => i is MatrixValue != rows);
        }
        throw new SymbolicException("a vector's entries must be expressions, and a matrix's rows vectors", v.Elements[bad].Span);
    }

    private Value Call(CallSyntax call)
    {
        string name = call.Name.Name;
        if (Session.TryGetFunction(name, out var user)) return ApplyUserFunction(user, call);
        if (Session.Operations.TryGet(name, out var operation)) return Invoke(operation, call);
        if (Functions.Functions.IsBuiltIn(name))
        {
            var args = PositionalExprs(call);
            return new ExprValue(Located(call.Name, () => Functions.Functions.Apply(name, args)));
        }
        if (Session.TryGetBinding(name, out var bound) || Session.TryGetConstant(name) is not null)
        {
            // A bound name before parentheses is a product: with a = 3, a(x + 1) is 3*(x + 1).
            if (call.Arguments.Length != 1 || call.Arguments[0].Name is not null)
                throw new SymbolicException($"'{name}' is not a function", call.Name.Span);
            return Located(call, () => ValueArithmetic.Multiply(Identifier(call.Name), Evaluate(call.Arguments[0].Value)));
        }
        // Neither built in nor defined: an undefined function application that stays symbolic.
        var undefinedArgs = PositionalExprs(call);
        if (undefinedArgs.Count == 0) throw new SymbolicException($"unknown function '{name}'", call.Name.Span);
        Session.NoteUnknownFunction(name);
        return new ExprValue(Expr.Call(Functions.Functions.Undefined(name, undefinedArgs.Count), undefinedArgs.ToImmutableArray()));
    }

    // The table checks the argument count and the named options before the handler runs (unless the
    // operation checks them itself); every error without a location is located at the call.
    private Value Invoke(OperationDef operation, CallSyntax syntax) => Located(syntax, () =>
    {
        var call = new OperationCall(this, operation, syntax);
        if (!operation.ChecksOwnArguments)
        {
            call.ExpectCount(operation.MinArguments, operation.MaxArguments, operation.Usage);
            call.AllowNamed([.. operation.Options.Select(o => o.Name)]);
        }
        return operation.Handler(call);
    });

    private Value ApplyUserFunction(UserFunction f, CallSyntax call)
    {
        var args = PositionalExprs(call);
        if (args.Count != f.Parameters.Length)
            throw new SymbolicException(
                $"function '{f.Name}' takes {Functions.Functions.Plural(f.Parameters.Length, "argument")}, got {args.Count}", call.Span);
        SawDecimals |= f.Body.Decimals;
        return f.Apply(args);
    }

    private List<Expr> PositionalExprs(CallSyntax call)
    {
        var result = new List<Expr>(call.Arguments.Length);
        foreach (var a in call.Arguments)
        {
            if (a.Name is not null)
                throw new SymbolicException($"function '{call.Name.Name}' takes no named argument '{a.Name.Name}'", a.Span);
            result.Add(EvaluateExpr(a.Value, "an expression as argument"));
        }
        return result;
    }

    /// <summary>Runs <paramref name="f"/>, giving an error without a location the span of <paramref name="at"/>.</summary>
    public static T Located<T>(SyntaxNode at, Func<T> f) => Locations.Located(at, f);
}
