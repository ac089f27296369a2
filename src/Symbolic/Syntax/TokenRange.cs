using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace Symbolic.Syntax;

/// <summary>
/// The tokens of one statement, <c>tokens[start..end)</c> of the whole source, and the token that
/// ended it (';', a line break, or EOF). Tokens carry their index in the whole list (TokenIndex).
/// </summary>
internal sealed class TokenRange(List<IToken> tokens, int start, int end, Lazy<SourceText> source)
{
    public int Count => end - start;

    public IToken this[int index] => tokens[start + index];

    /// <summary>The ';', line break or EOF token after the statement.</summary>
    public IToken Terminator => tokens[end];

    /// <summary>What the parser sees after the statement: an EOF token where the terminator stands.</summary>
    public IToken Eof { get; } = new CommonToken(TokenConstants.EOF, "<EOF>")
    {
        StartIndex = tokens[end].StartIndex,
        StopIndex = tokens[end].StartIndex - 1,
        Line = tokens[end].Line,
        Column = tokens[end].Column,
        TokenIndex = end,
    };

    public SourceText Source => source.Value;

    public TextSpan Span => TextSpan.FromBounds(this[0].StartIndex, this[Count - 1].StopIndex + 1);

    public TextSpan SpanOf(IToken token) => TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1);

    /// <summary>The index in this range of a token of it, or <see cref="Count"/> for its EOF.</summary>
    public int IndexOf(IToken token) => Math.Clamp(token.TokenIndex - start, 0, Count);
}

/// <summary>
/// The parser's view of a <see cref="TokenRange"/>: its tokens, then EOF. It reads the shared token
/// list in place, where a CommonTokenStream would copy a 200,000-character statement's tokens twice.
/// </summary>
internal sealed class TokenRangeStream(TokenRange range) : ITokenStream
{
    private int _position;

    public IToken LT(int k)
    {
        int i = k > 0 ? _position + k - 1 : _position + k;
        return i < 0 ? null! : i < range.Count ? range[i] : range.Eof;
    }

    public int LA(int i) => LT(i)?.Type ?? TokenConstants.InvalidType;

    public IToken Get(int i) => i < range.Count ? range[i] : range.Eof;

    // The parser never consumes EOF; should it try, the stream stays at EOF.
    public void Consume()
    {
        if (_position < range.Count) _position++;
    }

    public int Index => _position;

    public void Seek(int index) => _position = Math.Clamp(index, 0, range.Count);

    public int Size => range.Count + 1;

    public int Mark() => -1;

    public void Release(int marker) { }

    public ITokenSource TokenSource => range[0].TokenSource;

    public string SourceName => IntStreamConstants.UnknownSourceName;

    public string GetText() => GetText(Interval.Of(0, range.Count - 1));

    public string GetText(Interval interval)
    {
        if (interval.a < 0 || interval.b < interval.a || range.Count == 0) return "";
        var first = Get(interval.a);
        var last = Get(Math.Min(interval.b, range.Count - 1));
        return first.InputStream.GetText(Interval.Of(first.StartIndex, last.StopIndex));
    }

    public string GetText(RuleContext ctx) => ctx.GetText();

    public string GetText(IToken start, IToken stop) =>
        start is null || stop is null ? "" : GetText(Interval.Of(range.IndexOf(start), range.IndexOf(stop)));
}
