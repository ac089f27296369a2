namespace Symbolic.Syntax;

/// <summary>
/// An error a user can act on: a one-sentence message and the span of source it is about.
/// </summary>
/// <param name="Message">One short sentence, lower-case start, no trailing period, e.g. "expected ')' to close '(' at 1:4".</param>
/// <param name="Span">Where in the source the problem is; its start is where the caret goes.</param>
public sealed record Diagnostic(string Message, TextSpan Span)
{
    public override string ToString() => $"{Span.Start}: {Message}";
}
