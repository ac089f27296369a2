namespace Symbolic.Syntax;

/// <summary>
/// The one exception type the library throws for bad input: parse errors, unknown names,
/// wrong arity, dimension mismatches, division by zero. It carries a <see cref="Diagnostic"/>
/// whose span locates the problem in the source (an empty span at 0 when there is no source).
/// </summary>
public sealed class SymbolicException : Exception
{
    public SymbolicException(Diagnostic diagnostic) : base(diagnostic.Message) => Diagnostic = diagnostic;

    public SymbolicException(string message, TextSpan span = default) : this(new Diagnostic(message, span)) { }

    public Diagnostic Diagnostic { get; }

    public TextSpan Span => Diagnostic.Span;

    /// <summary>The same error located at <paramref name="span"/> when it has no location yet.</summary>
    public SymbolicException WithSpanIfMissing(TextSpan span) =>
        Diagnostic.Span == default ? new SymbolicException(Diagnostic with { Span = span }) : this;
}
