namespace Symbolic;

/// <summary>
/// An error a user can act on: a stable code, a one-sentence message and the span of source it is about.
/// </summary>
/// <param name="Message">One short sentence, lower-case start, no trailing period, e.g. "expected ')' to close '(' at 1:4".</param>
/// <param name="Span">Where in the source the problem is; its start is where the caret goes.</param>
/// <param name="Code">A stable identifier of the kind of error (see <see cref="ErrorCodes"/>), for programs that react to it.</param>
public sealed record Diagnostic(string Message, TextSpan Span, string Code = ErrorCodes.Invalid)
{
    /// <summary>1-based line and column of the span's start, when the diagnostic was made from source text.</summary>
    public (int Line, int Column)? Position { get; init; }

    /// <summary><c>LINE:COL: message</c> when the position is known, else <c>OFFSET: message</c>.</summary>
    public override string ToString() =>
        Position is var (line, column) ? $"{line}:{column}: {Message}" : $"{Span.Start}: {Message}";
}
