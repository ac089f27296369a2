using System.Diagnostics.CodeAnalysis;

namespace Symbolic.Language;

/// <summary>A REPL command such as <c>:vars</c>: name, aliases, a one-line description and the handler.</summary>
/// <param name="Name">The name without the colon.</param>
/// <param name="Description">One line for <c>:help</c>.</param>
/// <param name="Handler">Runs the command; it writes lines with <see cref="CommandCall.WriteLine"/>.</param>
public sealed record CommandDef(string Name, string Description, Action<CommandCall> Handler)
{
    /// <summary>Other names of the command (<c>:q</c> for <c>:quit</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>What follows the name, for <c>:help</c>: <c>[NAME]</c> for <c>:help NAME</c>.</summary>
    public string Argument { get; init; } = "";
}

/// <summary>One run of a command: the session, the text after the name, and where output goes.</summary>
public sealed class CommandCall
{
    private readonly List<string> _output;

    internal CommandCall(Session session, string name, string? argument, TextSpan span, List<string> output)
    {
        Session = session;
        Name = name;
        Argument = argument;
        Span = span;
        _output = output;
    }

    /// <summary>The session the command runs in.</summary>
    public Session Session { get; }

    /// <summary>The command's name as written (an alias possibly).</summary>
    public string Name { get; }

    /// <summary>The rest of the statement after the name, trimmed, or null.</summary>
    public string? Argument { get; }

    /// <summary>The span of the command statement.</summary>
    public TextSpan Span { get; }

    internal bool QuitRequested { get; private set; }

    /// <summary>Prints a line.</summary>
    public void WriteLine(string line) => _output.Add(line);

    /// <summary>Ends the session (interactive or batch) after this command.</summary>
    public void Quit() => QuitRequested = true;
}

/// <summary>The <c>:commands</c> a <see cref="Session"/> knows, by name and alias.</summary>
public sealed class CommandTable
{
    private readonly Dictionary<string, CommandDef> _byName = new(StringComparer.Ordinal);
    private readonly List<CommandDef> _all = new();

    /// <summary>Adds <paramref name="command"/> under its name and aliases.</summary>
    /// <exception cref="ArgumentException">A name or alias is already taken.</exception>
    public void Add(CommandDef command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var name in command.Aliases.Prepend(command.Name))
            if (_byName.ContainsKey(name))
                throw new ArgumentException($"a command named ':{name}' is already registered", nameof(command));
        foreach (var name in command.Aliases.Prepend(command.Name)) _byName[name] = command;
        _all.Add(command);
    }

    /// <summary>The command called <paramref name="name"/> (or with that alias).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out CommandDef? command) => _byName.TryGetValue(name, out command);

    /// <summary>Every command, in the order they were added.</summary>
    public IReadOnlyList<CommandDef> All => _all;
}

/// <summary>The commands every session has: <c>:help</c>, <c>:vars</c>, <c>:clear</c>, <c>:limits</c>, <c>:quit</c>.</summary>
public static class CoreCommands
{
    /// <summary>Adds the core commands to <paramref name="table"/>.</summary>
    public static void Register(CommandTable table)
    {
        table.Add(new CommandDef("help", "list operations, functions and commands; :help NAME describes one", Help)
        { Aliases = ["h"], Argument = "[NAME]" });
        table.Add(new CommandDef("vars", "show bindings and defined functions", c =>
        {
            int before = 0;
            foreach (var (name, value) in c.Session.Bindings) { c.WriteLine($"{name} = {value.Display()}"); before++; }
            foreach (var f in c.Session.UserFunctions) { c.WriteLine(f.ToString()); before++; }
            if (before == 0) c.WriteLine("(no variables or functions defined)");
        }));
        table.Add(new CommandDef("clear", "forget every binding and defined function", c => c.Session.Clear()));
        LimitsCommand.Register(table);
        table.Add(new CommandDef("quit", "leave (also ends a batch run)", c => c.Quit()) { Aliases = ["q", "exit"] });
    }

    private static void Help(CommandCall c)
    {
        var lines = string.IsNullOrEmpty(c.Argument) ? HelpText.Overview(c.Session) : HelpText.Topic(c.Session, c.Argument)
            ?? throw new SymbolicException($"no help for '{c.Argument}'; :help lists every name", c.Span);
        foreach (var line in lines) c.WriteLine(line);
    }
}
