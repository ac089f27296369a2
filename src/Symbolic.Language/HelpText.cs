using Symbolic.Functions;

namespace Symbolic.Language;

/// <summary>
/// The text of <c>:help</c> and <c>:help NAME</c>, generated from a session's operation and command tables
/// and the core's function table, so a registered entry is listed without editing a list here.
/// </summary>
internal static class HelpText
{
    // How statements are written: syntax, not a list of names, so it stays hand-written.
    private static readonly string[] Syntax =
    [
        "Statements:  expr | name = expr | f(x, y) = expr | :command   (';' separates, '#' comments)",
        "Operators:   + - * / ^ (** too); implicit multiplication 2x, 2(x+1), (x+1)(x-1), looser than / (1/2x is x/2)",
        "Values:      vectors [a, b]; matrices [[a, b], [c, d]]; strings \"...\" as option values",
        "Constants:   pi, e.  Numbers are exact: 0.2 is 1/5; eval and N give floating point.",
    ];

    private const int NameWidth = 13;

    public static IEnumerable<string> Overview(Session session)
    {
        foreach (var line in Syntax) yield return line;
        yield return "";
        // One line per name under a heading per group: functions first (they build expressions), then the
        // operations (they act on whole values), then the commands. Forms and examples are in :help NAME.
        foreach (var group in Functions.Functions.All.GroupBy(f => f.Group))
        {
            yield return $"Functions, {group.Key}:";
            foreach (var f in group) yield return Entry(f.Name, FunctionLine(f));
        }
        foreach (var group in session.Operations.All.GroupBy(o => o.Group))
        {
            yield return $"Operations, {group.Key}:";
            foreach (var o in group) yield return Entry(o.Name, o.Description);
        }
        yield return "Commands:";
        foreach (var c in session.Commands.All)
            yield return Entry(":" + c.Name + (c.Argument.Length > 0 ? " " + c.Argument : ""), c.Description);
        yield return "";
        yield return ":help NAME shows the forms, options and examples of one name; docs/LANGUAGE.md describes the whole language.";
    }

    /// <summary>The help of one operation, command or function, or null when nothing has that name.</summary>
    public static IEnumerable<string>? Topic(Session session, string name)
    {
        if (session.Operations.TryGet(name, out var operation)) return operation.HelpLines();
        if (session.Commands.TryGet(name.TrimStart(':'), out var command))
        {
            var aliases = command.Aliases.Count == 0 ? "" : $" (also {string.Join(", ", command.Aliases.Select(a => ":" + a))})";
            return [$":{command.Name}{(command.Argument.Length > 0 ? " " + command.Argument : "")}: {command.Description}{aliases}"];
        }
        return Functions.Functions.All.FirstOrDefault(f => f.Name == name) is { } function ? FunctionHelp(session, function) : null;
    }

    // A function's help: its line, its group, and two examples computed by the session, its derivative and
    // a value, so they show what the table's entry does (and the help-example test runs them).
    private static IEnumerable<string> FunctionHelp(Session session, FunctionDef f)
    {
        yield return FunctionLine(f);
        yield return $"  group: {f.Group} functions";
        string args = f.MinArity == 1 ? "x" : string.Join(", ", new[] { "y", "x", "z", "w" }.Take(f.MinArity));
        string[] inputs = [$"diff({f.Name}({args}), x)", $"eval({f.Name}({args.Replace("x", "0.5").Replace("y", "2")}))"];
        var examples = new List<string>();
        foreach (var input in inputs)
        {
            try
            {
                examples.Add("  > " + input);
                examples.Add("  " + session.Evaluate(input).Display());
            }
            catch (SymbolicException)
            {
                examples.RemoveAt(examples.Count - 1);
            }
        }
        if (examples.Count == 0) yield break;
        yield return "examples:";
        foreach (var line in examples) yield return line;
    }

    private static string Entry(string name, string line) => "  " + name.PadRight(NameWidth) + line;

    /// <summary>The help line of a function of the table: its forms and what it computes.</summary>
    private static string FunctionLine(FunctionDef f) => $"{f.Signature}: {f.Help}";
}
