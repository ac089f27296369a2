namespace Symbolic.Syntax;

/// <summary>Source text with a line index, so spans can be shown as 1-based line:column.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes the line starts of <paramref name="text"/> (lines end at <c>\n</c>; a <c>\r</c> before it is not part of the line's text).</summary>
    public SourceText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The number of lines: one more than the number of line breaks.</summary>
    public int LineCount => _lineStarts.Length;

    /// <summary>1-based line and column of a 0-based UTF-16 offset (clamped to the text).</summary>
    public (int Line, int Column) LineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        int line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="line"/> is not between 1 and <see cref="LineCount"/>.</exception>
    public string LineText(int line)
    {
        int start = _lineStarts[line - 1];
        int end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }

    /// <summary>The 1-based position of a 0-based offset as <c>line:column</c>, such as <c>2:5</c>.</summary>
    public string Describe(int offset)
    {
        var (line, column) = LineColumn(offset);
        return $"{line}:{column}";
    }
}
