using System.Globalization;
using System.Text;
using Symbolic.Syntax;

namespace Symbolic.Repl;

/// <summary>
/// Formats a <see cref="Diagnostic"/> the way both REPL modes show it: a header with the 1-based
/// position, the source line, and a caret run under the span.
/// </summary>
/// <example><code>
/// error: 3:5: unknown function 'foo'
///   foo(x
///       ^
/// </code></example>
internal static class DiagnosticPrinter
{
    private const string Indent = "  ";

    // Lines longer than this are shown as a window around the error, so a 10,000-character input
    // does not flood the terminal with text and padding.
    private const int MaxShownLine = 160;
    private const int ContextBefore = 60;

    /// <summary>The three lines of an error: <c>error: L:C: message</c>, the source line, the caret line.</summary>
    public static IReadOnlyList<string> Format(SourceText source, Diagnostic diagnostic)
    {
        var (line, column) = source.LineColumn(diagnostic.Span.Start);
        string text = source.LineText(line);
        string header = $"error: {line}:{column}: {diagnostic.Message}";

        // The caret covers the span, cut at the end of the line; at least one '^', also when the
        // error is at the end of the line (a missing ')', say).
        int start = Math.Min(column - 1, text.Length);
        int length = Math.Clamp(diagnostic.Span.Length, 1, Math.Max(1, text.Length - start));

        string prefix = "", suffix = "";
        int windowStart = 0, windowEnd = text.Length;
        if (text.Length > MaxShownLine)
        {
            windowStart = Math.Max(0, start - ContextBefore);
            windowEnd = Math.Min(text.Length, windowStart + MaxShownLine);
            if (windowStart > 0) prefix = "...";
            if (windowEnd < text.Length) suffix = "...";
            windowStart = SnapToCharStart(text, windowStart);
            windowEnd = SnapToCharStart(text, windowEnd);
            length = Math.Clamp(length, 1, Math.Max(1, windowEnd - start));
        }

        var shown = new StringBuilder(prefix);
        var carets = new StringBuilder(new string(' ', prefix.Length));
        for (int i = windowStart; i < windowEnd; i++)
        {
            char c = text[i];
            shown.Append(c == '\t' || !char.IsControl(c) ? c : ' ');
            if (i < start) carets.Append(c == '\t' ? "\t" : new string(' ', DisplayWidth(text, i)));
        }
        shown.Append(suffix);

        int caretWidth = 0;
        for (int i = start; i < start + length; i++) caretWidth += i < text.Length ? DisplayWidth(text, i) : 1;
        carets.Append('^').Append('~', Math.Max(0, caretWidth - 1));

        return [header, Indent + shown, Indent + carets];
    }

    /// <summary>Writes the formatted error to <paramref name="error"/>, flushing <paramref name="output"/> first so the two streams interleave in order.</summary>
    public static void Print(TextWriter output, TextWriter error, SourceText source, Diagnostic diagnostic)
    {
        output.Flush();
        foreach (var line in Format(source, diagnostic)) error.WriteLine(line);
        error.Flush();
    }

    // How many terminal columns the character at text[i] takes: 0 for the second half of a
    // surrogate pair and for combining marks, 2 for East Asian wide characters, else 1.
    private static int DisplayWidth(string text, int i)
    {
        char c = text[i];
        if (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])) return 0;
        int codePoint = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            ? char.ConvertToUtf32(c, text[i + 1])
            : c;
        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format) return 0;
        return IsWide(codePoint) ? 2 : 1;
    }

    private static bool IsWide(int cp) =>
        cp is >= 0x1100 and <= 0x115F          // Hangul Jamo
            or >= 0x2E80 and <= 0x303E         // CJK radicals, punctuation
            or >= 0x3041 and <= 0x33FF         // kana, CJK compatibility
            or >= 0x3400 and <= 0x4DBF         // CJK extension A
            or >= 0x4E00 and <= 0x9FFF         // CJK unified ideographs
            or >= 0xA960 and <= 0xA97F         // Hangul Jamo extended A
            or >= 0xAC00 and <= 0xD7A3         // Hangul syllables
            or >= 0xF900 and <= 0xFAFF         // CJK compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F         // CJK compatibility forms
            or >= 0xFF00 and <= 0xFF60         // full-width forms
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1FAFF       // emoji
            or >= 0x20000 and <= 0x3FFFD;      // CJK extensions B and later

    private static int SnapToCharStart(string text, int i) =>
        i > 0 && i < text.Length && char.IsLowSurrogate(text[i]) && char.IsHighSurrogate(text[i - 1]) ? i - 1 : i;
}
