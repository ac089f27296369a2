namespace Symbolic;

/// <summary>A range of characters in a source text: <see cref="Start"/> is a 0-based offset.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The offset just after the span (exclusive).</summary>
    public int End => Start + Length;

    /// <summary>The span from <paramref name="start"/> to <paramref name="end"/> (exclusive); an end before the start gives an empty span.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span that covers both spans.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>The half-open range of offsets, such as <c>[4..7)</c>.</summary>
    public override string ToString() => $"[{Start}..{End})";
}
