namespace Symbolic.Language;

/// <summary>
/// A set of operations or commands another assembly adds to the language (solvers, plotting) without
/// editing the core set: pass it to the <see cref="Session"/> constructor or to <see cref="Session.Use"/>.
/// </summary>
/// <example><code>
/// sealed class Plotting : ILanguageExtension
/// {
///     public void Register(Session session) => session.Operations.Add(new OperationDef("plot", "output", "draw e over [a, b]", Plot) { Forms = ["e, x, a, b"] });
/// }
/// var session = new Session(null, new Plotting());
/// </code></example>
public interface ILanguageExtension
{
    /// <summary>Adds the extension's operations and commands to <paramref name="session"/>.</summary>
    void Register(Session session);
}
