namespace Symbolic.Repl;

/// <summary>The exit codes of <c>symbolic</c>, distinct so scripts can tell the failures apart.</summary>
internal static class ExitCodes
{
    /// <summary>Every statement ran.</summary>
    public const int Success = 0;

    /// <summary>At least one statement of a batch run reported an error.</summary>
    public const int StatementFailed = 1;

    /// <summary>Bad command line, or the input file could not be read.</summary>
    public const int Usage = 2;

    /// <summary>A bug: an exception escaped (EX_SOFTWARE in sysexits.h).</summary>
    public const int InternalError = 70;
}
