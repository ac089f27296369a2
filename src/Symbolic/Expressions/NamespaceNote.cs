// The expression types live in the root namespace `Symbolic` (as `using Symbolic;` in the README
// shows); this folder is the pipeline stage that defines them.
namespace Symbolic.Expressions
{
    /// <summary>Keeps the namespace alive for code that still imports it; it holds no types of its own.</summary>
    internal static class NamespaceAnchor;
}
