namespace Symbolic.Syntax;

/// <summary>Gives errors raised without a location the span of the syntax they are about.</summary>
internal static class Locations
{
    /// <summary>Runs <paramref name="f"/>, giving an error without a location the span of <paramref name="at"/>.</summary>
    public static T Located<T>(SyntaxNode at, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (SymbolicException ex) when (ex.Span == default)
        {
            throw ex.WithSpanIfMissing(at.Span);
        }
    }
}
