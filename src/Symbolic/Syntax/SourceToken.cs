using Antlr4.Runtime;

namespace Symbolic.Syntax;

/// <summary>
/// A token as the parser needs it: its type, its offsets in the source and its index in the statement;
/// the text is read from the source when asked for. ANTLR's <see cref="CommonToken"/> also stores line,
/// column, channel, a text and a (lexer, input) pair, 64 bytes a token against 40 here: a 200,000-character
/// sum has some 70,000 tokens, and CommonTokens were the largest share of what its parse allocated.
/// </summary>
internal sealed class SourceToken(SourceTokenFactory origin, int type, int start, int stop) : IToken
{
    public int Type => type;

    public int StartIndex => start;

    public int StopIndex => stop;

    /// <summary>The token's index in its statement, set by <see cref="StatementTokenSource"/>.</summary>
    public int TokenIndex { get; set; } = -1;

    public string Text => type == TokenConstants.EOF ? "<EOF>" : Source.Substring(start, stop - start + 1);

    /// <summary>The whole source the token is part of.</summary>
    public string Source => origin.Input.Text;

    // The lexer emits every token on the default channel (whitespace and comments are skipped, not hidden).
    public int Channel => TokenConstants.DefaultChannel;

    // Line and column are only for showing a position to a person, which goes through spans and
    // SourceText; these count them from the source on the rare call.
    public int Line => 1 + origin.Input.Text.AsSpan(0, start).Count('\n');

    public int Column => start - (origin.Input.Text.AsSpan(0, start).LastIndexOf('\n') + 1);

    public ITokenSource TokenSource => origin.Lexer;

    public ICharStream InputStream => origin.Input;

    public override string ToString() => $"[@{TokenIndex},{start}:{stop}='{Text}',<{type}>]";
}

/// <summary>Makes the lexer emit <see cref="SourceToken"/>s.</summary>
/// <remarks>
/// The grammar's lexer rules have no actions, so a token's text is always its slice of the source and the
/// <c>text</c> the lexer passes is null.
/// </remarks>
internal sealed class SourceTokenFactory : ITokenFactory
{
    /// <summary>Sets itself as the token factory of <paramref name="lexer"/>, which reads <paramref name="input"/>.</summary>
    public SourceTokenFactory(Lexer lexer, StringCharStream input)
    {
        Lexer = lexer;
        Input = input;
        lexer.TokenFactory = this;
    }

    public Lexer Lexer { get; }

    public StringCharStream Input { get; }

    public IToken Create(Tuple<ITokenSource, ICharStream> source, int type, string text, int channel,
        int start, int stop, int line, int charPositionInLine) => new SourceToken(this, type, start, stop);

    // Only error recovery conjures tokens without a source, and the parser bails out instead.
    public IToken Create(int type, string text) => new CommonToken(type, text);
}
