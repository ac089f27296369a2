using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>
/// Turns the token where the parser gave up into a message a person can act on. It reads only the
/// tokens: the offending one, the one before it, and the brackets still open at that point, never
/// ANTLR's own text (which names grammar rules and token types).
/// </summary>
internal static class ParseErrors
{
    /// <param name="range">The statement's tokens.</param>
    /// <param name="offending">Index in <paramref name="range"/> of the token the parser could not take
    /// (its TokenIndex); <c>range.Count</c> or more when it ran out of tokens.</param>
    public static Diagnostic Describe(TokenRange range, int offending)
    {
        offending = Math.Clamp(offending, 0, range.Count);
        bool atEnd = offending == range.Count;
        IToken? previous = offending > 0 ? range[offending - 1] : null;
        var open = OpenBrackets(range, offending);
        IToken? innermost = open.Count > 0 ? open[^1] : null;

        if (atEnd)
        {
            // Point right after the last token: that is where the missing piece belongs.
            var end = new TextSpan(previous is null ? range.Terminator.StartIndex : previous.StopIndex + 1, 0);
            return new Diagnostic(AtEnd(range, previous, innermost), end, ErrorCodes.Syntax);
        }

        var token = range[offending];
        return new Diagnostic(Unexpected(range, token, offending, previous, innermost), range.SpanOf(token), ErrorCodes.Syntax);
    }

    private static string AtEnd(TokenRange range, IToken? previous, IToken? innermost)
    {
        if (previous is null) return "expected an expression";
        if (previous.Type == SymbolicLexer.COLON && range[0] == previous) return "expected a name after ':'";
        if (previous.Type == SymbolicLexer.ASSIGN) return "expected an expression after '='";
        if (innermost is not null && (EndsOperand(previous.Type) || previous == innermost))
            return ExpectedClose(range, innermost);
        string end = range.Terminator.Type switch
        {
            SymbolicLexer.SEMI => "';'",
            SymbolicLexer.NEWLINE => "end of line",
            _ => "end of input",
        };
        return EndsOperand(previous.Type) ? $"unexpected {end}" : $"unexpected {end} after {Quote(previous)}";
    }

    private static string Unexpected(TokenRange range, IToken token, int index, IToken? previous, IToken? innermost)
    {
        switch (token.Type)
        {
            case SymbolicLexer.ERROR_CHAR:
                return $"unexpected character '{Character(range, token)}'";
            case SymbolicLexer.UNTERMINATED_STRING:
                return "unterminated string";
        }
        if (previous?.Type == SymbolicLexer.COLON && index == 1) return "expected a name after ':'";
        if (previous?.Type == SymbolicLexer.ASSIGN) return "expected an expression after '='";

        if (token.Type is SymbolicLexer.RPAREN or SymbolicLexer.RBRACK)
        {
            // A closer that fits no open bracket, or the wrong one: name the bracket still open.
            if (innermost is null) return $"unexpected {Quote(token)}";
            if (Closer(innermost.Type) != token.Type) return ExpectedClose(range, innermost);
            return $"unexpected {Quote(token)}";
        }

        // After a complete operand inside brackets, only an operator, a ',' or the closer could follow.
        if (innermost is not null && previous is not null && EndsOperand(previous.Type))
        {
            bool list = innermost.Type is SymbolicLexer.LBRACK or SymbolicLexer.CALL_OPEN;
            return list ? $"expected ',' or '{CloserText(innermost.Type)}'" : ExpectedClose(range, innermost);
        }
        return $"unexpected {Quote(token)}";
    }

    /// <summary>True for a token after which an operand is complete (so a following '-' is binary).</summary>
    public static bool EndsOperand(int type) => type is SymbolicLexer.NUMBER or SymbolicLexer.IDENT
        or SymbolicLexer.STRING or SymbolicLexer.RPAREN or SymbolicLexer.RBRACK;

    // The bracket is the last character of its token (a CALL_OPEN token is `name(`).
    private static string ExpectedClose(TokenRange range, IToken open) =>
        $"expected '{CloserText(open.Type)}' to close '{(open.Type == SymbolicLexer.LBRACK ? '[' : '(')}' at {range.Source.Describe(open.StopIndex)}";

    // The brackets opened before tokens[end] and not yet closed, outermost first. The parser accepted
    // every token before the offending one, so these are properly nested.
    private static List<IToken> OpenBrackets(TokenRange range, int end)
    {
        var open = new List<IToken>();
        for (int i = 0; i < end; i++)
        {
            switch (range[i].Type)
            {
                case SymbolicLexer.LPAREN or SymbolicLexer.LBRACK or SymbolicLexer.CALL_OPEN:
                    open.Add(range[i]);
                    break;
                case SymbolicLexer.RPAREN or SymbolicLexer.RBRACK when open.Count > 0:
                    open.RemoveAt(open.Count - 1);
                    break;
            }
        }
        return open;
    }

    private static int Closer(int open) => open == SymbolicLexer.LBRACK ? SymbolicLexer.RBRACK : SymbolicLexer.RPAREN;

    private static string CloserText(int open) => open == SymbolicLexer.LBRACK ? "]" : ")";

    // A character outside the BMP arrives as two ERROR_CHAR tokens (its surrogates); show it whole.
    private static string Character(TokenRange range, IToken token)
    {
        string text = range.Source.Text;
        int at = token.StartIndex;
        return char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1])
            ? text.Substring(at, 2)
            : text[at].ToString();
    }

    private static string Quote(IToken token)
    {
        const int longest = 20;
        string text = token.Text;
        return text.Length <= longest ? $"'{text}'" : $"'{text[..longest]}...'";
    }
}
