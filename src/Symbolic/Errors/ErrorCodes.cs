namespace Symbolic;

/// <summary>
/// The stable codes carried by <see cref="Diagnostic.Code"/>. Messages may be reworded between
/// versions; codes are not.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The text is not well formed (a missing or unexpected token).</summary>
    public const string Syntax = "SYM001";

    /// <summary>The input is well formed but means nothing valid: unknown name, wrong arity, bad argument, mismatched dimensions.</summary>
    public const string Invalid = "SYM002";

    /// <summary>An exact operation has no value: division by zero, log(0), a singular matrix.</summary>
    public const string Undefined = "SYM003";

    /// <summary>A result would exceed a budget of the <see cref="ComputeContext"/> (terms, order, degree, digits, matrix power).</summary>
    public const string LimitExceeded = "SYM004";

    /// <summary>The computation was cancelled through the context's token.</summary>
    public const string Cancelled = "SYM005";

    /// <summary>The computation ran past the context's deadline.</summary>
    public const string TimedOut = "SYM006";

    /// <summary>The input is nested more deeply than the parser or a pass can follow.</summary>
    public const string TooDeep = "SYM007";

    /// <summary>A bug: an operation failed in a way the library did not foresee (the REPL reports it as
    /// "internal error" and goes on). No input should produce it; the fuzz tests look for it.</summary>
    public const string Internal = "SYM070";
}
