using RadLine;
using Spectre.Console;
using Symbolic.Language;

namespace Symbolic.Repl;

/// <summary>
/// Tab completion from the session's registries, so a new function, operation or command completes
/// without editing a list here: the core's function table, the operations, the <c>:commands</c>, the
/// bound names and user functions, and the constants.
/// </summary>
/// <remarks>RadLine hands over the whole whitespace-separated word (<c>diff(si</c>); the name being
/// completed is its tail after the last character that cannot be in a name.</remarks>
internal sealed class NameCompletion(Session session) : ITextCompletion
{
    public IEnumerable<string>? GetCompletions(string prefix, string word, string suffix)
    {
        if (prefix.Trim().Length == 0 && word.StartsWith(':'))
        {
            string typed = word[1..];
            return session.Commands.All.SelectMany(c => c.Aliases.Prepend(c.Name))
                .Where(n => n.StartsWith(typed, StringComparison.Ordinal) && n.Length > 1)
                .Order(StringComparer.Ordinal).Select(n => ":" + n).ToList();
        }
        int start = word.Length;
        while (start > 0 && IsNameChar(word[start - 1])) start--;
        string head = word[..start], tail = word[start..];
        if (tail.Length == 0 || char.IsDigit(tail[0])) return null;
        var matches = Names(session).Where(n => n.StartsWith(tail, StringComparison.Ordinal)).ToList();
        return matches.Count == 0 ? null : matches.Select(n => head + n).ToList();
    }

    /// <summary>Every name a statement can use, sorted and without repeats.</summary>
    public static IEnumerable<string> Names(Session session) =>
        Functions.Functions.All.Select(f => f.Name)
            .Concat(session.Operations.All.Select(o => o.Name))
            .Concat(session.Bindings.Select(b => b.Key))
            .Concat(session.UserFunctions.Select(f => f.Name))
            .Concat(["pi", "e"])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    internal static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}

/// <summary>Syntax colors while typing: numbers, known functions and operations, bound names and
/// constants, each in its own color. RadLine hands over one token at a time (a run of letters and
/// digits, or one other character).</summary>
internal sealed class SyntaxHighlighter(Session session) : IHighlighter
{
    private static readonly Style Number = new(Color.Aqua);
    private static readonly Style Function = new(Color.Blue);
    private static readonly Style Bound = new(decoration: Decoration.Bold);
    private static readonly Style Constant = new(Color.Fuchsia);
    private static readonly Style Bracket = new(Color.Grey);

    public Style? Highlight(string token) =>
        token.Length == 0 ? null
        : char.IsDigit(token[0]) ? Number
        : token is "(" or ")" or "[" or "]" ? Bracket
        : token is "pi" or "π" or "e" ? Constant
        : Functions.Functions.IsBuiltIn(token) || session.Operations.Contains(token) ? Function
        : session.TryGetBinding(token, out _) || session.TryGetFunction(token, out _) ? Bound
        : null;
}
