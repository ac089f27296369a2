using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>
/// Maps the ANTLR rule contexts of grammar/Symbolic.g4 to the syntax tree. It only restates what was
/// written: no name lookup, no arithmetic. The parser runs without building ANTLR's generic parse tree,
/// so this reads the labeled fields of the contexts (never <c>children</c> or accessor methods), and the
/// chains come already folded by <see cref="ReducingParser"/> (<see cref="AddFactor"/>, <see cref="AddTerm"/>).
/// Token offsets are UTF-16 offsets into the whole source, as <see cref="SourceText"/> expects.
/// </summary>
internal static class AstBuilder
{
    /// <summary>The syntax record of one parsed statement.</summary>
    /// <param name="context">The statement's parse context.</param>
    /// <param name="span">The statement's tokens, without its terminator (which the parser saw as EOF).</param>
    public static StatementSyntax BuildStatement(SymbolicParser.StatementContext context, TextSpan span) => context switch
    {
        SymbolicParser.CommandStatementContext command =>
            new CommandSyntax(command.name.Text, CommandArgument(command._arguments), span),
        SymbolicParser.DefinitionStatementContext definition =>
            new FunctionDefinitionSyntax(
                CallName(definition.name),
                definition._params.Select(Identifier).ToImmutableArray(),
                Expression(definition.body),
                span),
        SymbolicParser.BindingStatementContext binding =>
            new BindingSyntax(Identifier(binding.name), Expression(binding.value), span),
        SymbolicParser.ExpressionStatementContext expression =>
            new ExpressionStatementSyntax(Expression(expression.value), span),
        _ => throw new System.Diagnostics.UnreachableException($"unknown statement {context.GetType().Name}"),
    };

    public static ExprSyntax BuildExpression(SymbolicParser.SingleExpressionContext context) => Expression(context.value);

    /// <summary>
    /// The sum <paramref name="sum"/> has so far, extended by the term that just ended: a + b - c is
    /// folded left to right as its terms arrive, so 4,000 terms cost no recursion and no list.
    /// </summary>
    /// <param name="sum">The expression the term belongs to; its <c>op</c> is the sign before the term, null for the first.</param>
    /// <param name="term">The term's context (for its extent).</param>
    /// <param name="syntax">The term's syntax.</param>
    public static ExprSyntax AddTerm(SymbolicParser.ExpressionContext sum, SymbolicParser.TermContext term, ExprSyntax syntax)
    {
        if (sum.op is not { } op) return syntax;
        var @operator = op.Type == SymbolicLexer.PLUS ? BinaryOperator.Add : BinaryOperator.Subtract;
        return new BinarySyntax(@operator, sum.Syntax!, syntax, false, TextSpan.FromBounds(sum.Start.StartIndex, End(term.Stop)));
    }

    /// <summary>
    /// The product <paramref name="term"/> has so far, extended by the factor that just ended: explicit
    /// (a * b, a / b) and implicit (a b) factors at one level, folded left to right as they arrive.
    /// </summary>
    public static ExprSyntax AddFactor(SymbolicParser.TermContext term, SymbolicParser.FactorContext factor)
    {
        var product = BuildTerm(term);
        var span = TextSpan.FromBounds(term.Start.StartIndex, End(factor.Stop));
        if (factor.op is { } op)
        {
            var @operator = op.Type == SymbolicLexer.STAR ? BinaryOperator.Multiply : BinaryOperator.Divide;
            return new BinarySyntax(@operator, product, Power(factor.operand), false, span);
        }
        var atom = Atom(factor.called, factor.leaf, factor.inner);
        var juxtaposed = Exponentiated(atom, factor.Start.StartIndex, factor.exponent, End(factor.Stop));
        return new BinarySyntax(BinaryOperator.Multiply, product, juxtaposed, true, span);
    }

    /// <summary>The syntax of a term whose factors have all been folded in: its product, or its lone first power.</summary>
    public static ExprSyntax BuildTerm(SymbolicParser.TermContext term) => term.Syntax ?? Power(term.first);

    private static ExprSyntax Expression(SymbolicParser.ExpressionContext context) =>
        context.Syntax ?? throw new System.Diagnostics.UnreachableException("an expression without terms");

    // -x^2 is -(x^2): a sign applies to the whole power after it, exponent included.
    private static ExprSyntax Power(SymbolicParser.PowerContext context)
    {
        int end = End(context.Stop);
        if (context.operand is { } operand)
        {
            var sign = context.Start;
            var op = sign.Type == SymbolicLexer.MINUS ? UnaryOperator.Minus : UnaryOperator.Plus;
            return new UnarySyntax(op, Power(operand), TextSpan.FromBounds(sign.StartIndex, end));
        }
        var @base = context.elements is { } vector ? Vector(vector) : Atom(context.called, context.leaf, context.inner);
        return Exponentiated(@base, context.Start.StartIndex, context.exponent, end);
    }

    private static ExprSyntax Exponentiated(ExprSyntax @base, int start, SymbolicParser.PowerContext? exponent, int end) =>
        exponent is null ? @base : new BinarySyntax(BinaryOperator.Power, @base, Power(exponent), false, TextSpan.FromBounds(start, end));

    // The syntax tree has no parenthesis node: the grouping is already in the tree's shape.
    // One of a power's or factor's alternatives: a call, a single-token operand, or a parenthesized
    // expression (the syntax tree has no parenthesis node: the grouping is already in the tree's shape).
    private static ExprSyntax Atom(SymbolicParser.CallContext? called, IToken? leaf, SymbolicParser.ExpressionContext? inner) =>
        called is not null ? Call(called)
        : leaf is null ? Expression(inner!)
        : leaf.Type switch
        {
            SymbolicLexer.NUMBER => new NumberSyntax(leaf.Text, Span(leaf)),
            SymbolicLexer.STRING => new StringSyntax(Unescape(leaf.Text), Span(leaf)),
            _ => Identifier(leaf),
        };

    private static CallSyntax Call(SymbolicParser.CallContext context)
    {
        var args = context._args;
        var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>(args.Count);
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            arguments.Add(new ArgumentSyntax(arg.name is null ? null : Identifier(arg.name), Expression(arg.value), Span(arg)));
        }
        return new CallSyntax(CallName(context.name), arguments.MoveToImmutable(), Span(context));
    }

    private static VectorSyntax Vector(SymbolicParser.VectorContext context)
    {
        var elements = ImmutableArray.CreateBuilder<ExprSyntax>(context._elements.Count);
        for (int i = 0; i < context._elements.Count; i++) elements.Add(Expression(context._elements[i]));
        return new VectorSyntax(elements.MoveToImmutable(), Span(context));
    }

    private static IdentifierSyntax Identifier(IToken token) => new(token.Text, Span(token));

    // A CALL_OPEN token is the name, maybe spaces, and '('.
    private static IdentifierSyntax CallName(IToken callOpen)
    {
        var source = ((SourceToken)callOpen).Source;
        int start = callOpen.StartIndex, end = callOpen.StopIndex;
        while (end > start && !IsNameChar(source[end - 1])) end--;
        return new IdentifierSyntax(source[start..end], TextSpan.FromBounds(start, end));

        static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
    }

    // The rest of a command after its name, as written (a file name, say), or null when there is none.
    private static string? CommandArgument(IList<IToken> tokens)
    {
        if (tokens.Count == 0) return null;
        var source = tokens[0].InputStream;
        return source.GetText(Antlr4.Runtime.Misc.Interval.Of(tokens[0].StartIndex, tokens[^1].StopIndex)).Trim();
    }

    // Only \" and \\ are escapes; any other backslash stays as written (see the grammar).
    private static string Unescape(string quoted)
    {
        var body = quoted.AsSpan(1, quoted.Length - 2);
        if (body.IndexOf('\\') < 0) return body.ToString();
        var text = new StringBuilder(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] is '"' or '\\') i++;
            text.Append(body[i]);
        }
        return text.ToString();
    }

    private static int End(IToken token) => token.StopIndex + 1;

    private static TextSpan Span(IToken token) => TextSpan.FromBounds(token.StartIndex, End(token));

    private static TextSpan Span(ParserRuleContext context) => TextSpan.FromBounds(context.Start.StartIndex, End(context.Stop));
}
