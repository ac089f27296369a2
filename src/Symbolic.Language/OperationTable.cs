using System.Diagnostics.CodeAnalysis;

namespace Symbolic.Language;

/// <summary>A named option of an operation, such as <c>rate = 0.01</c>.</summary>
/// <param name="Name">The option's name as written in a call.</param>
/// <param name="Default">The default as source text (<c>"0.01"</c>, <c>"\"newton\""</c>); <see cref="OperationCall.Option"/>
/// evaluates it when the call does not give the option, so help and behaviour cannot disagree.</param>
/// <param name="Description">One line for <c>:help NAME</c>.</param>
public sealed record OperationOption(string Name, string Default, string Description);

/// <summary>A statement and the output it prints, shown by <c>:help NAME</c> and checked by the tests.</summary>
/// <param name="Input">One statement, e.g. <c>diff(x^3, x)</c>.</param>
/// <param name="Output">What the REPL prints for it (lines joined by a line break).</param>
public sealed record OperationExample(string Input, string Output);

/// <summary>
/// One operation of the language (<c>diff</c>, <c>taylor</c>, <c>det</c>, ...): its name, the forms of its
/// positional arguments, its named options with defaults, a one-line description, examples and the handler.
/// Unlike the elementary functions of the core's function table, operations act on whole expressions,
/// vectors and matrices, take options and may print extra lines.
/// </summary>
/// <example><code>
/// session.Operations.Add(new OperationDef("double", "algebra", "twice the expression",
///     c => new ExprValue(2 * c.ExprArg(0)))
/// {
///     Forms = ["e"],
///     Examples = [new("double(x)", "2*x")],
/// });
/// </code></example>
public sealed class OperationDef
{
    /// <summary>An operation called <paramref name="name"/>, listed under <paramref name="group"/> by <c>:help</c>.</summary>
    public OperationDef(string name, string group, string description, Func<OperationCall, Value> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        Name = name;
        Group = group;
        Description = description;
        Handler = handler;
    }

    /// <summary>The name a call uses.</summary>
    public string Name { get; }

    /// <summary>The heading <c>:help</c> lists it under: "calculus", "algebra", "linear algebra", ...</summary>
    public string Group { get; }

    /// <summary>One line for <c>:help</c>.</summary>
    public string Description { get; }

    /// <summary>Computes the value of a call; arguments are evaluated on demand through the <see cref="OperationCall"/>.</summary>
    public Func<OperationCall, Value> Handler { get; }

    /// <summary>
    /// The forms of the positional arguments, each a comma-separated parameter list such as <c>"e, x, n"</c>
    /// (shown as <c>diff(e, x, n)</c>); a last parameter <c>...</c> makes the form take any number more, and a
    /// parameter written <c>x = v</c> stands for named arguments. Unless <see cref="ChecksOwnArguments"/>,
    /// the table rejects a call whose number of positional arguments fits no form.
    /// </summary>
    public IReadOnlyList<string> Forms { get; init; } = [];

    /// <summary>The named options with their defaults. Unless <see cref="ChecksOwnArguments"/>, any other
    /// named argument is an error.</summary>
    public IReadOnlyList<OperationOption> Options { get; init; } = [];

    /// <summary>Statements with their output, for <c>:help NAME</c> (each one is run by the tests).</summary>
    public IReadOnlyList<OperationExample> Examples { get; init; } = [];

    /// <summary>True when the handler checks the argument count and named arguments itself (as <c>subs</c>, whose
    /// named arguments are variables).</summary>
    public bool ChecksOwnArguments { get; init; }

    /// <summary>The forms as calls: <c>grad(e) or grad(e, [x, y])</c>.</summary>
    public string Usage => string.Join(" or ", Forms.Select(f => $"{Name}({f})"));

    /// <summary>Fewest positional arguments a form takes.</summary>
    public int MinArguments => Forms.Count == 0 ? 0 : Forms.Min(f => Positional(f).Count(p => p != "..."));

    /// <summary>Most positional arguments a form takes (<see cref="int.MaxValue"/> for a variadic form).</summary>
    public int MaxArguments => Forms.Count == 0 ? 0
        : Forms.Any(f => Positional(f).Contains("...")) ? int.MaxValue
        : Forms.Max(f => Positional(f).Count());

    // The parameters of a form outside named ones, split at the commas that are not inside brackets.
    private static IEnumerable<string> Positional(string form)
    {
        int depth = 0, start = 0;
        var parameters = new List<string>();
        for (int i = 0; i <= form.Length; i++)
        {
            if (i == form.Length || form[i] == ',' && depth == 0)
            {
                parameters.Add(form[start..i].Trim());
                start = i + 1;
            }
            else if (form[i] is '[' or '(') depth++;
            else if (form[i] is ']' or ')') depth--;
        }
        return parameters.Where(p => p.Length > 0 && !p.Contains('='));
    }

    /// <summary>The lines of <c>:help NAME</c>: description, forms, options with defaults, examples.</summary>
    public IEnumerable<string> HelpLines()
    {
        yield return $"{Name}: {Description}";
        foreach (var form in Forms) yield return $"  {Name}({form})";
        if (Options.Count > 0)
        {
            yield return "options:";
            foreach (var o in Options) yield return $"  {o.Name} = {o.Default}    {o.Description}";
        }
        if (Examples.Count > 0)
        {
            yield return "examples:";
            foreach (var e in Examples)
            {
                yield return "  > " + e.Input;
                foreach (var line in e.Output.Split('\n')) yield return "  " + line;
            }
        }
    }
}

/// <summary>
/// The operations a <see cref="Session"/> knows, by name. A new session starts with the core set
/// (<see cref="CoreOperations.Register"/>); other assemblies add theirs with <see cref="Add"/>, usually
/// through an <see cref="ILanguageExtension"/>.
/// </summary>
public sealed class OperationTable
{
    private readonly Dictionary<string, OperationDef> _table = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="operation"/>.</summary>
    /// <exception cref="ArgumentException">An operation of that name is already registered, or an option's default is not an expression.</exception>
    public void Add(OperationDef operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var option in operation.Options)
        {
            // A default that does not parse would fail only when a call leaves the option out; fail at registration instead.
            try
            {
                Syntax.SyntaxParser.ParseExpression(option.Default);
            }
            catch (SymbolicException ex)
            {
                throw new ArgumentException($"the default of option '{option.Name}' of '{operation.Name}' is not an expression: {ex.Message}", nameof(operation));
            }
        }
        if (!_table.TryAdd(operation.Name, operation))
            throw new ArgumentException($"an operation named '{operation.Name}' is already registered", nameof(operation));
    }

    /// <summary>True when an operation is called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _table.ContainsKey(name);

    /// <summary>The operation called <paramref name="name"/>.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out OperationDef? operation) => _table.TryGetValue(name, out operation);

    /// <summary>Every operation, by group and then name.</summary>
    public IEnumerable<OperationDef> All =>
        _table.Values.OrderBy(o => o.Group, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase);
}
