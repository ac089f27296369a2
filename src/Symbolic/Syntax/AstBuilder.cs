using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>
/// Maps an ANTLR parse tree of grammar/Symbolic.g4 to the syntax tree. It only restates what was
/// written: no name lookup, no arithmetic. Token offsets are UTF-16 offsets into the whole source,
/// so the spans it produces can be shown with <see cref="SourceText"/>.
/// </summary>
internal sealed class AstBuilder : SymbolicBaseVisitor<ExprSyntax>
{
    public static readonly AstBuilder Instance = new();

    private AstBuilder() { }

    /// <param name="span">The statement's tokens, without its terminator (the parser only sees EOF there).</param>
    public StatementSyntax BuildStatement(SymbolicParser.StatementContext context, TextSpan span)
    {
        switch (context)
        {
            case SymbolicParser.CommandStatementContext command:
                return new CommandSyntax(command.name.Text, CommandArgument(command), span);

            case SymbolicParser.DefinitionStatementContext definition:
                return new FunctionDefinitionSyntax(
                    CallName(definition.name),
                    definition._params.Select(Identifier).ToImmutableArray(),
                    Visit(definition.body),
                    span);

            case SymbolicParser.BindingStatementContext binding:
                return new BindingSyntax(Identifier(binding.name), Visit(binding.value), span);

            case SymbolicParser.ExpressionStatementContext expression:
                return new ExpressionStatementSyntax(Visit(expression.expression()), span);

            default:
                throw new System.Diagnostics.UnreachableException($"unknown statement kind {context.GetType().Name}");
        }
    }

    public ExprSyntax BuildExpression(SymbolicParser.SingleExpressionContext context) => Visit(context.expression());

    // a + b - c: a flat list folded left to right, so 4,000 terms cost no recursion.
    public override ExprSyntax VisitExpression(SymbolicParser.ExpressionContext context)
    {
        var result = Visit(context.first);
        int start = context.first.Start.StartIndex;
        for (int i = 0; i < context._rest.Count; i++)
        {
            var op = context._ops[i].Type == SymbolicLexer.PLUS ? BinaryOperator.Add : BinaryOperator.Subtract;
            var right = context._rest[i];
            result = new BinarySyntax(op, result, Visit(right), false, TextSpan.FromBounds(start, End(right.Stop)));
        }
        return result;
    }

    // a * b / c d: explicit and implicit factors at one level, folded left to right.
    public override ExprSyntax VisitTerm(SymbolicParser.TermContext context)
    {
        var result = Visit(context.first);
        int start = context.first.Start.StartIndex;
        foreach (var factor in context._factors)
        {
            var span = TextSpan.FromBounds(start, End(factor.Stop));
            result = factor switch
            {
                SymbolicParser.ExplicitFactorContext e => new BinarySyntax(
                    e.op.Type == SymbolicLexer.STAR ? BinaryOperator.Multiply : BinaryOperator.Divide,
                    result, Visit(e.signed()), false, span),
                SymbolicParser.ImplicitFactorContext j => new BinarySyntax(
                    BinaryOperator.Multiply, result, Visit(j.juxtaposed()), true, span),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        }
        return result;
    }

    public override ExprSyntax VisitSignedOperand(SymbolicParser.SignedOperandContext context) =>
        Unary(context.op, context.signed(), context);

    public override ExprSyntax VisitUnsignedOperand(SymbolicParser.UnsignedOperandContext context) =>
        Visit(context.power());

    public override ExprSyntax VisitPower(SymbolicParser.PowerContext context) =>
        Power((ParserRuleContext?)context.literal() ?? context.atom(), context.exponent(), context);

    public override ExprSyntax VisitJuxtaposed(SymbolicParser.JuxtaposedContext context) =>
        Power(context.atom(), context.exponent(), context);

    public override ExprSyntax VisitSignedExponent(SymbolicParser.SignedExponentContext context) =>
        Unary(context.op, context.exponent(), context);

    public override ExprSyntax VisitPlainExponent(SymbolicParser.PlainExponentContext context) =>
        Visit(context.power());

    public override ExprSyntax VisitNumber(SymbolicParser.NumberContext context) =>
        new NumberSyntax(context.Start.Text, Span(context.Start));

    public override ExprSyntax VisitString(SymbolicParser.StringContext context) =>
        new StringSyntax(Unescape(context.Start.Text), Span(context.Start));

    public override ExprSyntax VisitVector(SymbolicParser.VectorContext context) =>
        new VectorSyntax(context._elements.Select(Visit).ToImmutableArray(), Span(context));

    public override ExprSyntax VisitCall(SymbolicParser.CallContext context) =>
        new CallSyntax(CallName(context.name), context._args.Select(Argument).ToImmutableArray(), Span(context));

    public override ExprSyntax VisitIdentifier(SymbolicParser.IdentifierContext context) =>
        Identifier(context.Start);

    // The syntax tree has no parenthesis node: grouping is already in the tree's shape.
    public override ExprSyntax VisitParenthesized(SymbolicParser.ParenthesizedContext context) =>
        Visit(context.expression());

    private ExprSyntax Power(ParserRuleContext baseContext, SymbolicParser.ExponentContext? exponent, ParserRuleContext context)
    {
        var @base = Visit(baseContext);
        return exponent is null
            ? @base
            : new BinarySyntax(BinaryOperator.Power, @base, Visit(exponent), false, Span(context));
    }

    private UnarySyntax Unary(IToken op, ParserRuleContext operand, ParserRuleContext context) =>
        new(op.Type == SymbolicLexer.MINUS ? UnaryOperator.Minus : UnaryOperator.Plus, Visit(operand), Span(context));

    private ArgumentSyntax Argument(SymbolicParser.ArgumentContext context) =>
        new(context.name is null ? null : Identifier(context.name), Visit(context.value), Span(context));

    private static IdentifierSyntax Identifier(IToken token) => new(token.Text, Span(token));

    // A CALL_OPEN token is the name, maybe spaces, and '('.
    private static IdentifierSyntax CallName(IToken callOpen)
    {
        var text = callOpen.Text;
        int length = text.Length - 1;
        while (length > 0 && !IsNameChar(text[length - 1])) length--;
        return new IdentifierSyntax(text[..length], new TextSpan(callOpen.StartIndex, length));

        static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
    }

    // The rest of a command after its name, as written (a file name, say), or null when there is none.
    private static string? CommandArgument(SymbolicParser.CommandStatementContext command)
    {
        // Children: ':' name argument-tokens... EOF.
        var tokens = command.children.Skip(2).OfType<ITerminalNode>().Select(t => t.Symbol)
            .Where(t => t.Type != TokenConstants.EOF).ToList();
        if (tokens.Count == 0) return null;
        var source = tokens[0].InputStream;
        var text = source.GetText(Antlr4.Runtime.Misc.Interval.Of(tokens[0].StartIndex, tokens[^1].StopIndex)).Trim();
        return text.Length == 0 ? null : text;
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
