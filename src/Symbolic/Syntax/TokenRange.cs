using Antlr4.Runtime;
using Symbolic.Syntax.Generated;

namespace Symbolic.Syntax;

/// <summary>
/// Where one statement lies in the source: for <see cref="SyntaxParser.ParseStatements"/>, found by its first
/// pass over the tokens; for <see cref="SyntaxParser.ParseExpression"/>, the whole text (whose nesting is
/// measured as it is parsed, so Depth and TooDeep are left empty).
/// </summary>
/// <param name="Start">Offset of the statement's first token.</param>
/// <param name="End">Offset just past its last token.</param>
/// <param name="TerminatorStart">Offset of the ';', line break or end of input that ends it.</param>
/// <param name="Depth">The nesting estimate of its tokens (see <see cref="NestingEstimate"/>).</param>
/// <param name="TooDeep">Where the nesting first passes <see cref="SyntaxParser.MaxNestingDepth"/>, if it does.</param>
internal readonly record struct StatementExtent(int Start, int End, int TerminatorStart, int Depth, TextSpan? TooDeep)
{
    public TextSpan Span => TextSpan.FromBounds(Start, End);
}

/// <summary>
/// The lexer's tokens of one statement, then EOF where the statement's terminator stands, lexed on
/// demand so that tokens die young: for a 200,000-character statement, keeping them all would have the
/// garbage collector copy them from generation to generation. On the way it measures the nesting
/// (<see cref="NestingEstimate"/>) and gives up where it passes a limit: the parser's recursion then
/// never goes deeper than its stack allows.
/// </summary>
internal sealed class StatementTokenSource : ITokenSource
{
    private readonly SymbolicLexer _lexer;
    private readonly SourceTokenFactory _tokens;
    private readonly StatementExtent _statement;
    private readonly bool _newlinesAreSpaces;
    private readonly SourceToken _eof;
    private readonly NestingEstimate _nesting = new();
    private readonly int _maxDepth;
    private int _count;

    /// <summary>Tokens of <paramref name="statement"/>, lexed from <paramref name="input"/> on demand.</summary>
    /// <param name="input">The whole source; the lexer starts at the statement's first character.</param>
    /// <param name="statement">Where the statement lies in the source.</param>
    /// <param name="newlinesAreSpaces">Skip line breaks (one expression over several lines).</param>
    /// <param name="maxDepth">
    /// The deepest nesting let through. Past it, reading throws the too-deep error when the nesting
    /// passes <see cref="SyntaxParser.MaxNestingDepth"/>, and <see cref="NeedsLargeStackException"/>
    /// otherwise (the caller parses again on a larger stack).
    /// </param>
    public StatementTokenSource(StringCharStream input, StatementExtent statement, bool newlinesAreSpaces, int maxDepth)
    {
        input.Seek(statement.Start);
        _lexer = new SymbolicLexer(input);
        _lexer.RemoveErrorListeners();
        _tokens = new SourceTokenFactory(_lexer, input);
        _statement = statement;
        _newlinesAreSpaces = newlinesAreSpaces;
        _maxDepth = maxDepth;
        _eof = new SourceToken(_tokens, TokenConstants.EOF, statement.TerminatorStart, statement.TerminatorStart - 1);
    }

    /// <summary>The ';', line break or EOF token that ended the statement, once it has been reached.</summary>
    public IToken? Terminator { get; private set; }

    /// <summary>
    /// True once reading has given up (the nesting passed the limit): the exception it threw is
    /// unwinding through the parser, whose rules must not build anything on the way out.
    /// </summary>
    public bool Abandoned { get; private set; }

    public IToken NextToken() => Next();

    /// <summary>The next token of the statement, or EOF (again and again) once it has ended.</summary>
    public SourceToken Next()
    {
        if (Terminator is not null) return _eof;
        while (true)
        {
            var token = (SourceToken)_lexer.NextToken();
            if (token.StartIndex >= _statement.TerminatorStart || token.Type == TokenConstants.EOF)
            {
                Terminator = token;
                _eof.TokenIndex = _count;
                return _eof;
            }
            if (_newlinesAreSpaces && token.Type == SymbolicLexer.NEWLINE) continue;
            if (_nesting.Add(token.Type) > _maxDepth) GiveUp(token);
            token.TokenIndex = _count++;
            return token;
        }
    }

    private void GiveUp(IToken token)
    {
        Abandoned = true;
        if (_nesting.Max > SyntaxParser.MaxNestingDepth)
            throw SyntaxParser.TooDeep(TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1));
        throw new NeedsLargeStackException();
    }

    /// <summary>All the statement's tokens (numbered from 0), for describing an error.</summary>
    public TokenRange ReadAll(Lazy<SourceText> source)
    {
        var tokens = new List<IToken>();
        for (var token = NextToken(); token.Type != TokenConstants.EOF; token = NextToken()) tokens.Add(token);
        return new TokenRange(tokens, Terminator!, source);
    }

    public int Line => _lexer.Line;

    public int Column => _lexer.Column;

    public ICharStream InputStream => (ICharStream)_lexer.InputStream;

    public string SourceName => _lexer.SourceName;

    // The tokens are SourceTokens (StatementTokenSource numbers them); the parser never asks for another kind.
    public ITokenFactory TokenFactory
    {
        get => _tokens;
        set => throw new NotSupportedException("the tokens of a statement are SourceTokens");
    }
}

/// <summary>
/// Thrown by <see cref="StatementTokenSource"/> when a statement nests deeper than the stack it is
/// parsed on allows, but within <see cref="SyntaxParser.MaxNestingDepth"/>: parse it again on a larger stack.
/// </summary>
internal sealed class NeedsLargeStackException : Exception
{
}

/// <summary>
/// The tokens of one statement, numbered from 0 (TokenIndex), and the token that ended it
/// (';', a line break, or EOF); what <see cref="ParseErrors"/> reads to describe an error.
/// </summary>
internal sealed class TokenRange(List<IToken> tokens, IToken terminator, Lazy<SourceText> source)
{
    public int Count => tokens.Count;

    public IToken this[int index] => tokens[index];

    /// <summary>The ';', line break or EOF token after the statement.</summary>
    public IToken Terminator => terminator;

    public SourceText Source => source.Value;

    public TextSpan SpanOf(IToken token) => TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);
}
