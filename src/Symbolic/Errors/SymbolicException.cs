namespace Symbolic;

/// <summary>
/// The one exception type the library throws for bad input and exceeded limits: parse errors, unknown
/// names, wrong arity, dimension mismatches, division by zero, budgets of the <see cref="ComputeContext"/>.
/// It carries a <see cref="Diagnostic"/> whose span locates the problem in the source (an empty span at
/// 0 when there is no source) and whose code says what kind of error it is.
/// </summary>
public class SymbolicException : Exception
{
    /// <summary>An exception carrying <paramref name="diagnostic"/>.</summary>
    public SymbolicException(Diagnostic diagnostic) : base(diagnostic.Message) => Diagnostic = diagnostic;

    /// <summary>An exception with a message, an optional span and an optional code.</summary>
    public SymbolicException(string message, TextSpan span = default, string code = ErrorCodes.Invalid)
        : this(new Diagnostic(message, span, code)) { }

    /// <summary>The message, span and code.</summary>
    public Diagnostic Diagnostic { get; }

    /// <summary>Where in the source the problem is.</summary>
    public TextSpan Span => Diagnostic.Span;

    /// <summary>The stable code of <see cref="Diagnostic"/>.</summary>
    public string Code => Diagnostic.Code;

    /// <summary>True for errors that come from the compute context (a budget, cancellation or the deadline)
    /// rather than from the input's meaning: a pass that falls back to another method on failure must let these through.</summary>
    public bool IsLimit => Code is ErrorCodes.LimitExceeded or ErrorCodes.Cancelled or ErrorCodes.TimedOut;

    /// <summary>The same error located at <paramref name="span"/> when it has no location yet.</summary>
    internal SymbolicException WithSpanIfMissing(TextSpan span) =>
        Diagnostic.Span == default ? new SymbolicException(Diagnostic with { Span = span }) : this;
}
