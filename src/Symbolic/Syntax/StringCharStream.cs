using Antlr4.Runtime;
using Antlr4.Runtime.Misc;

namespace Symbolic.Syntax;

/// <summary>
/// The lexer's view of a source string, read in place. ANTLR's own <see cref="AntlrInputStream"/> copies
/// the text into a char array first: for a 200,000-character input that is a 400 KB array on the large
/// object heap per parse, and large-object allocations bring full garbage collections with them.
/// Like <see cref="AntlrInputStream"/>, it reads UTF-16 code units, so offsets are string indices.
/// </summary>
internal sealed class StringCharStream(string text) : ICharStream
{
    private int _index;

    /// <summary>The whole source.</summary>
    public string Text => text;

    public int Index => _index;

    public int Size => text.Length;

    public string SourceName => IntStreamConstants.UnknownSourceName;

    public void Consume()
    {
        if (_index >= text.Length) throw new InvalidOperationException("cannot consume EOF");
        _index++;
    }

    public int LA(int i)
    {
        if (i == 0) return 0; // undefined
        int at = i > 0 ? _index + i - 1 : _index + i; // LA(-1) is the character just consumed
        return (uint)at < (uint)text.Length ? text[at] : IntStreamConstants.EOF;
    }

    // The whole text is always at hand: marks cost nothing.
    public int Mark() => -1;

    public void Release(int marker)
    {
    }

    public void Seek(int index) => _index = Math.Clamp(index, 0, text.Length);

    public string GetText(Interval interval)
    {
        int start = Math.Max(interval.a, 0);
        int stop = Math.Min(interval.b, text.Length - 1);
        return start > stop ? string.Empty : text.Substring(start, stop - start + 1);
    }
}
