using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace Symbolic.Syntax;

/// <summary>
/// The parser's view of a statement's tokens: what ANTLR's <see cref="UnbufferedTokenStream"/> does,
/// pared down to this parser's needs and typed to <see cref="SourceToken"/>. The parser asks for the next
/// token's type several times per token and consumes some 60,000 tokens for the 4,000-term sum; here the
/// common questions (LT(1), LA(1), Consume) are a field read and an array access, without the general
/// stream's virtual calls, interface-typed buffer and per-token bookkeeping.
/// </summary>
/// <remarks>
/// Tokens are kept only while the parser looks ahead (between <see cref="Mark"/> and the last
/// <see cref="Release"/>; adaptive prediction in SLL or LL mode); otherwise the buffer holds just the
/// next token, so tokens die young. Token indexes are those <see cref="StatementTokenSource"/> gave.
/// </remarks>
internal sealed class StatementTokenStream : ITokenStream
{
    private readonly StatementTokenSource _source;
    // _buffer[_p] is LT(1), always present; _buffer[0 .. _count) are the buffered tokens, the first of
    // which has the absolute index _bufferStart.
    private SourceToken[] _buffer = new SourceToken[16];
    private int _count, _p, _bufferStart, _markers;
    private SourceToken? _previous, _beforeBuffer;

    public StatementTokenStream(StatementTokenSource source)
    {
        _source = source;
        _buffer[_count++] = source.Next();
    }

    public IToken LT(int k)
    {
        if (k == 1) return _buffer[_p];
        if (k == -1) return _previous!;
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "LT(k) looks at k = 1, 2, ... or -1");
        int at = Fill(_p + k - 1);
        return _buffer[at];
    }

    public int LA(int i) => i == 1 ? _buffer[_p].Type : LT(i).Type;

    public void Consume()
    {
        var current = _buffer[_p];
        if (current.Type == TokenConstants.EOF) throw new InvalidOperationException("cannot consume EOF");
        _previous = current;
        if (++_p == _count)
        {
            if (_markers == 0)
            {
                // Nothing to go back to: start the buffer afresh at the next token.
                _bufferStart += _count;
                _count = _p = 0;
                _beforeBuffer = _previous;
            }
            Append(_source.Next());
        }
    }

    public int Mark()
    {
        if (_markers == 0) Compact();
        return -++_markers;
    }

    public void Release(int marker)
    {
        if (marker != -_markers) throw new InvalidOperationException("release() called with an invalid marker");
        if (--_markers == 0) Compact();
    }

    public int Index => _bufferStart + _p;

    public void Seek(int index)
    {
        int at = index - _bufferStart;
        if (at > _p) at = Fill(at);
        if (at < 0) throw new NotSupportedException($"cannot seek to token {index}: tokens before {_bufferStart} are gone");
        _p = at;
        _previous = at == 0 ? _beforeBuffer : _buffer[at - 1];
    }

    public int Size => throw new NotSupportedException("the stream reads tokens as the parser asks for them, so its size is unknown");

    public string SourceName => _source.SourceName;

    public ITokenSource TokenSource => _source;

    public IToken Get(int i)
    {
        int at = i - _bufferStart;
        if (at < 0 || at >= _count) throw new ArgumentOutOfRangeException(nameof(i), i, $"token {i} is not buffered ({_bufferStart}..{_bufferStart + _count - 1})");
        return _buffer[at];
    }

    // The text between two tokens, as written (only error reporting asks, and only for buffered tokens).
    public string GetText(IToken start, IToken stop) =>
        start.Type == TokenConstants.EOF || stop.StopIndex < start.StartIndex
            ? string.Empty
            : _source.InputStream.GetText(Interval.Of(start.StartIndex, stop.StopIndex));

    public string GetText(Interval interval) => GetText(Get(interval.a), Get(interval.b));

    public string GetText(RuleContext ctx) => GetText(ctx.SourceInterval);

    public string GetText() => throw new NotSupportedException("the stream keeps no text of tokens already consumed");

    // Makes sure the buffer reaches index `at` (relative to the buffer), short of EOF; returns the index
    // of that token, or of EOF when the statement ends before it.
    private int Fill(int at)
    {
        while (at >= _count)
        {
            if (_buffer[_count - 1].Type == TokenConstants.EOF) return _count - 1;
            Append(_source.Next());
        }
        return at;
    }

    private void Append(SourceToken token)
    {
        if (_count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_count++] = token;
    }

    // Drops the tokens before LT(1): no marker can lead back to them.
    private void Compact()
    {
        if (_p == 0) return;
        Array.Copy(_buffer, _p, _buffer, 0, _count - _p);
        Array.Clear(_buffer, _count - _p, _p);
        _bufferStart += _p;
        _count -= _p;
        _p = 0;
        _beforeBuffer = _previous;
    }
}
