namespace Symbolic.Syntax;

/// <summary>
/// Readings of syntax that the binder (<c>Expr.Parse</c>) and the language's evaluator share: each turns
/// the operands it reads into values its own way (bind or evaluate), and the rule is written once here.
/// </summary>
internal static class SyntaxReading
{
    /// <summary>
    /// The operands of a left-associative chain of two operators (a + b - c, a * b / c), in source order;
    /// Inverse marks those that follow the second operator (minus, divide). Walks the left spine, so long
    /// chains take no recursion.
    /// </summary>
    public static (ExprSyntax Syntax, bool Inverse)[] Chain(BinarySyntax top, BinaryOperator plain, BinaryOperator inverse)
    {
        // Two walks down the spine, to count and then to fill from the end: one exact array and nothing else.
        int count = 1;
        for (ExprSyntax node = top; node is BinarySyntax b && (b.Operator == plain || b.Operator == inverse); node = b.Left) count++;
        var operands = new (ExprSyntax Syntax, bool Inverse)[count];
        ExprSyntax rest = top;
        for (int i = count - 1; i > 0; i--)
        {
            var b = (BinarySyntax)rest;
            operands[i] = (b.Right, b.Operator == inverse);
            rest = b.Left;
        }
        operands[0] = (rest, false);
        return operands;
    }

    /// <summary>
    /// The variables of <c>diff(e, x, y, 2, z)</c> in order, each repeated as often as it is taken (an order
    /// follows its variable, as in SymPy). With no variable, the one free symbol of e; with none at all, x,
    /// which makes the derivative of a constant 0.
    /// </summary>
    /// <param name="diff">The call <c>diff(e, ...)</c>; its first argument is e.</param>
    /// <param name="read">The expression an argument denotes, or null with a description of what it is instead.</param>
    /// <param name="free">The free symbols of e.</param>
    /// <param name="maxOrder">The largest order accepted.</param>
    public static List<Symbol> DiffVariables(CallSyntax diff, Func<ExprSyntax, (Expr? Expr, string What)> read, SymbolSet free, int maxOrder)
    {
        var args = diff.Arguments;
        if (args.FirstOrDefault(a => a.Name is not null) is { } named)
            throw new SymbolicException("diff takes no named arguments", named.Span);
        var variables = new List<Symbol>();
        Symbol? last = null;
        for (int i = 1; i < args.Length; i++)
        {
            var (value, what) = read(args[i].Value);
            // a name bound to a value is no variable, though a bound number after a variable is an order
            if (args[i].Value is IdentifierSyntax name && value is not (Symbol or Constant) && !(value is Number && last is not null))
                throw new SymbolicException($"'{name.Name}' is bound to {(value is null ? what : value.ToString())}; diff needs a variable", args[i].Span);
            if (value is Number n)
            {
                if (last is null) throw new SymbolicException("a derivative order must follow a variable, as in diff(e, x, 2)", args[i].Span);
                if (!n.IsInteger || n.Exact.Sign < 0 || n.Exact.Numerator > maxOrder)
                    throw new SymbolicException($"expected a derivative order (an integer from 0 to {maxOrder}), got '{n}'", args[i].Span);
                variables.RemoveAt(variables.Count - 1);
                variables.AddRange(Enumerable.Repeat(last, (int)n.Exact.Numerator));
                last = null;
            }
            else if (value is Symbol s)
            {
                variables.Add(s);
                last = s;
            }
            else
            {
                string got = value is not null ? $"'{value}'" : what;
                throw new SymbolicException($"expected a variable to differentiate by (a symbol), got {got}", args[i].Span);
            }
        }
        if (args.Length == 1)
        {
            if (free.Count > 1)
                throw new SymbolicException($"diff needs a variable: the expression depends on {string.Join(", ", free.Select(s => s.Name))}", diff.Span);
            variables.Add(free.Count == 1 ? free[0] : Expr.Symbol("x"));
        }
        return variables;
    }
}
