using System.Collections.Immutable;
using System.Text;
using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>
/// Maps the ANTLR rule contexts of grammar/Symbolic.g4 to the syntax tree. It only restates what was
/// written: no name lookup, no arithmetic. The parser runs without building ANTLR's generic parse tree,
/// so this reads the labeled fields of the contexts (never <c>children</c> or accessor methods), and
/// terms come already built by <see cref="ReducingParser"/>.
/// Token offsets are UTF-16 offsets into the whole source, as <see cref="SourceText"/> expects.
/// </summary>
internal sealed class AstBuilder : SymbolicBaseVisitor<ExprSyntax>
{
    public static readonly AstBuilder Instance = new();

    private AstBuilder() { }

    /// <summary>The syntax record of one parsed statement.</summary>
    /// <param name="context">The statement's parse context.</param>
    /// <param name="span">The statement's tokens, without its terminator (which the parser saw as EOF).</param>
    public StatementSyntax BuildStatement(SymbolicParser.StatementContext context, TextSpan span) => context switch
    {
        SymbolicParser.CommandStatementContext command =>
            new CommandSyntax(command.name.Text, CommandArgument(command._arguments), span),
        SymbolicParser.DefinitionStatementContext definition =>
            new FunctionDefinitionSyntax(
                CallName(definition.name),
                definition._params.Select(Identifier).ToImmutableArray(),
                Visit(definition.body),
                span),
        SymbolicParser.BindingStatementContext binding =>
            new BindingSyntax(Identifier(binding.name), Visit(binding.value), span),
        SymbolicParser.ExpressionStatementContext expression =>
            new ExpressionStatementSyntax(Visit(expression.value), span),
        _ => throw new System.Diagnostics.UnreachableException($"unknown statement {context.GetType().Name}"),
    };

    public ExprSyntax BuildExpression(SymbolicParser.SingleExpressionContext context) => Visit(context.value);

    // ReducingParser folds each term into its sum as the term ends (AddTerm).
    public override ExprSyntax VisitExpression(SymbolicParser.ExpressionContext context) =>
        context.Syntax ?? throw new System.Diagnostics.UnreachableException("an expression without terms");

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

    // a * b / c d: explicit and implicit factors at one level, folded left to right.
    public ExprSyntax BuildTerm(SymbolicParser.TermContext context)
    {
        var result = Visit(context.first);
        int start = context.Start.StartIndex;
        foreach (var factor in context._factors)
        {
            var span = TextSpan.FromBounds(start, End(factor.Stop));
            result = factor switch
            {
                SymbolicParser.ExplicitFactorContext e => new BinarySyntax(
                    e.op.Type == SymbolicLexer.STAR ? BinaryOperator.Multiply : BinaryOperator.Divide,
                    result, Visit(e.operand), false, span),
                SymbolicParser.ImplicitFactorContext j => new BinarySyntax(
                    BinaryOperator.Multiply, result, Visit(j.operand), true, span),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        }
        return result;
    }

    // -x^2: the power first, then the signs (a flat list, so - - - x costs no recursion), innermost first.
    public override ExprSyntax VisitPower(SymbolicParser.PowerContext context)
    {
        int end = End(context.Stop);
        var result = Power((ParserRuleContext?)context.literalBase ?? context.atomBase, context.exponent, end);
        for (int i = context._signs.Count - 1; i >= 0; i--)
        {
            var sign = context._signs[i];
            var op = sign.Type == SymbolicLexer.MINUS ? UnaryOperator.Minus : UnaryOperator.Plus;
            result = new UnarySyntax(op, result, TextSpan.FromBounds(sign.StartIndex, end));
        }
        return result;
    }

    public override ExprSyntax VisitJuxtaposed(SymbolicParser.JuxtaposedContext context) =>
        Power(context.atomBase, context.exponent, End(context.Stop));

    public override ExprSyntax VisitNumber(SymbolicParser.NumberContext context) =>
        new NumberSyntax(context.value.Text, Span(context.value));

    public override ExprSyntax VisitString(SymbolicParser.StringContext context) =>
        new StringSyntax(Unescape(context.value.Text), Span(context.value));

    public override ExprSyntax VisitVector(SymbolicParser.VectorContext context) =>
        new VectorSyntax(context._elements.Select(Visit).ToImmutableArray(), Span(context));

    public override ExprSyntax VisitCall(SymbolicParser.CallContext context) =>
        new CallSyntax(CallName(context.name), context._args.Select(Argument).ToImmutableArray(), Span(context));

    public override ExprSyntax VisitIdentifier(SymbolicParser.IdentifierContext context) =>
        Identifier(context.name);

    // The syntax tree has no parenthesis node: the grouping is already in the tree's shape.
    public override ExprSyntax VisitParenthesized(SymbolicParser.ParenthesizedContext context) =>
        Visit(context.inner);

    private ExprSyntax Power(ParserRuleContext @base, SymbolicParser.PowerContext? exponent, int end) =>
        exponent is null
            ? Visit(@base)
            : new BinarySyntax(BinaryOperator.Power, Visit(@base), Visit(exponent), false,
                TextSpan.FromBounds(@base.Start.StartIndex, end));

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
