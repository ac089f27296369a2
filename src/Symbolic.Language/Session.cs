using System.Collections.Immutable;
using Symbolic.Algebra;
using Symbolic.Syntax;

namespace Symbolic.Language;

/// <summary>What one statement produced: lines for stdout, or an error, or a request to quit.</summary>
/// <param name="Span">The statement's text in the whole source.</param>
/// <param name="Output">Lines to print: trace or step lines first, then the value (none for a binding).</param>
/// <param name="Error">Why the statement failed, or null.</param>
/// <param name="Quit">True after <c>:quit</c>.</param>
public sealed record StatementOutcome(TextSpan Span, IReadOnlyList<string> Output, Diagnostic? Error, bool Quit = false);

/// <summary>A user-defined function <c>f(x, y) = body</c>, applied by substituting its arguments.</summary>
public sealed class UserFunction(string name, ImmutableArray<Symbol> parameters, Value body)
{
    /// <summary>The function's name.</summary>
    public string Name { get; } = name;

    /// <summary>The parameters, in order.</summary>
    public ImmutableArray<Symbol> Parameters { get; } = parameters;

    /// <summary>The body, evaluated when the function was defined.</summary>
    public Value Body { get; } = body;

    /// <summary>The body with each parameter replaced by its argument.</summary>
    public Value Apply(IReadOnlyList<Expr> args)
    {
        var map = new Dictionary<Symbol, Expr>();
        for (int i = 0; i < Parameters.Length; i++) map[Parameters[i]] = args[i];
        return Body switch
        {
            ExprValue e => new ExprValue(Substitution.Substitute(e.Expr, map), e.Decimals),
            MatrixValue m => new MatrixValue(m.Matrix.Map(x => Substitution.Substitute(x, map)), m.Decimals),
            _ => Body,
        };
    }

    /// <summary><c>f(x, y) = body</c>, as <c>:vars</c> shows it.</summary>
    public override string ToString() => $"{Name}({string.Join(", ", Parameters.Select(p => p.Name))}) = {Body.Display()}";
}

/// <summary>
/// The state of a REPL session (bindings and user functions), the operations and <c>:commands</c> it knows,
/// and the loop body that runs statements. A failing statement reports a diagnostic and leaves the session
/// usable; that includes a statement that exceeds a budget of the session's <see cref="ComputeContext"/>.
/// </summary>
/// <example><code>
/// var s = new Session();
/// foreach (var outcome in s.Execute("f(x) = x^2\ndiff(f(x), x)")) Console.WriteLine(string.Join("\n", outcome.Output));
/// </code></example>
public sealed class Session
{
    private readonly Dictionary<string, Value> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserFunction> _functions = new(StringComparer.Ordinal);
    private readonly Evaluator _evaluator;
    private readonly Func<ComputeContext>? _contextForStatement;
    private List<string>? _currentOutput;

    /// <summary>A session with the core operations and commands, running each statement in the ambient context.</summary>
    public Session() : this((Func<ComputeContext>?)null) { }

    /// <summary>A session that runs every statement in <paramref name="context"/> (its budgets, token and deadline).</summary>
    public Session(ComputeContext context) : this(() => context) => ArgumentNullException.ThrowIfNull(context);

    /// <summary>A session that runs each statement in a context of its own, made by <paramref name="contextForStatement"/>
    /// (so a time limit counts per statement); null runs statements in the ambient context.</summary>
    /// <param name="contextForStatement">Makes the context of one statement.</param>
    /// <param name="extensions">Register more operations or commands (see <see cref="ILanguageExtension"/>).</param>
    public Session(Func<ComputeContext>? contextForStatement, params ILanguageExtension[] extensions)
    {
        _contextForStatement = contextForStatement;
        _evaluator = new Evaluator(this);
        CoreOperations.Register(Operations);
        NumericOperations.Register(Operations);
        CoreCommands.Register(Commands);
        foreach (var extension in extensions) Use(extension);
    }

    /// <summary>The budgets each statement runs with (<c>:limits</c> shows and sets them); null runs statements
    /// with those of the context they would run in (given to the constructor, or the ambient one).</summary>
    public ComputeLimits? Limits { get; set; }

    /// <summary>The time limit of each statement (<c>:limits timeout=30</c>); null or zero for none. A statement
    /// that runs longer ends with the error <c>timed out after 30 s</c> and the session goes on.</summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set => _timeout = value is { } t && t > TimeSpan.Zero ? t : null;
    }

    private TimeSpan? _timeout;

    /// <summary>The budgets in force for the next statement: <see cref="Limits"/>, or those of its context.</summary>
    public ComputeLimits EffectiveLimits => Limits ?? (_contextForStatement?.Invoke() ?? ComputeContext.Current).Limits;

    // The context one statement runs in: the given one (or none, for the ambient), narrowed to this
    // session's budgets and time limit when it has any, so the deadline counts from the statement's start.
    private ComputeContext? StatementContext()
    {
        var given = _contextForStatement?.Invoke();
        if (Limits is null && Timeout is null) return given;
        return (given ?? ComputeContext.Current).Narrow(Limits, Timeout);
    }

    /// <summary>The operations calls can use (<c>diff</c>, <c>taylor</c>, ...); add to it to extend the language.</summary>
    public OperationTable Operations { get; } = new();

    /// <summary>The <c>:commands</c> (<c>:help</c>, <c>:vars</c>, ...); add to it to extend the REPL.</summary>
    public CommandTable Commands { get; } = new();

    /// <summary>Lets <paramref name="extension"/> register its operations and commands.</summary>
    public Session Use(ILanguageExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        extension.Register(this);
        return this;
    }

    /// <summary>Runs every statement of <paramref name="source"/> in order, lazily, stopping after <c>:quit</c>.
    /// Each error's <see cref="Diagnostic.Position"/> is its line and column in <paramref name="source"/>.</summary>
    public IEnumerable<StatementOutcome> Execute(string source)
    {
        var lines = new Lazy<SourceText>(() => new SourceText(source));
        foreach (var parsed in SyntaxParser.ParseStatements(source))
        {
            var outcome = parsed.Error is { } error ? new StatementOutcome(parsed.Span, [], error) : Run(parsed.Statement!);
            if (outcome.Error is { Position: null } unplaced)
                outcome = outcome with { Error = unplaced with { Position = lines.Value.LineColumn(unplaced.Span.Start) } };
            yield return outcome;
            if (outcome.Quit) yield break;
        }
    }

    /// <summary>Evaluates one expression (no statements) in this session.</summary>
    /// <exception cref="SymbolicException">The text does not parse or has no value.</exception>
    public Value Evaluate(string expression)
    {
        using var scope = StatementContext()?.Enter();
        return EvaluateStatement(SyntaxParser.ParseExpression(expression));
    }

    // The value of a statement's expression, in the decimal style when the statement read a decimal.
    private Value EvaluateStatement(ExprSyntax syntax)
    {
        _evaluator.SawDecimals = false;
        var value = _evaluator.Evaluate(syntax);
        return value.WithDecimals(_evaluator.SawDecimals);
    }

    private StatementOutcome Run(StatementSyntax statement)
    {
        var output = new List<string>();
        using var scope = StatementContext()?.Enter();
        try
        {
            switch (statement)
            {
                case ExpressionStatementSyntax s:
                    _currentOutput = output;
                    output.Add(EvaluateStatement(s.Expression).Display());
                    break;
                case BindingSyntax b:
                    CheckAssignable(b.Name);
                    var value = EvaluateStatement(b.Value);
                    _functions.Remove(b.Name.Name);
                    _bindings[b.Name.Name] = value;
                    break;
                case FunctionDefinitionSyntax f:
                    Define(f);
                    break;
                case CommandSyntax c:
                    return RunCommand(c, output);
            }
            return new StatementOutcome(statement.Span, output, null);
        }
        catch (SymbolicException ex)
        {
            // Budget, cancellation and deadline errors end only this statement, like any other error.
            return new StatementOutcome(statement.Span, output, ex.Span == default ? ex.Diagnostic with { Span = statement.Span } : ex.Diagnostic);
        }
        catch (InsufficientExecutionStackException)
        {
            return new StatementOutcome(statement.Span, output, new Diagnostic("expression is nested too deeply", statement.Span, ErrorCodes.TooDeep));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or a resource limit must not end the session; report it against the statement.
            InternalError?.Invoke(ex);
            return new StatementOutcome(statement.Span, output,
                new Diagnostic($"internal error ({ex.GetType().Name}): {ex.Message}", statement.Span, ErrorCodes.Internal));
        }
        finally
        {
            _currentOutput = null;
        }
    }

    /// <summary>
    /// Raised with the exception when a statement failed in a way the library did not foresee (a bug): the
    /// statement still ends with an "internal error" diagnostic (code <see cref="ErrorCodes.Internal"/>) and
    /// the session goes on; this gives tools and tests the stack trace.
    /// </summary>
    public event Action<Exception>? InternalError;

    /// <summary>
    /// Raised with a note for the user, such as a likely typo: a call of an unknown name close to a known one
    /// (<c>sinn(x)</c>) still makes an undefined function, and this says so once per name and session:
    /// <c>note: 'sinn' is not a known function; did you mean 'sin'? (treated as an undefined function)</c>.
    /// The REPL writes notes to stderr, so a batch run's stdout does not change.
    /// </summary>
    public event Action<string>? Note;

    private readonly HashSet<string> _noted = new(StringComparer.Ordinal);

    internal void NoteUnknownFunction(string name)
    {
        if (Note is null || _noted.Contains(name)) return;
        _noted.Add(name);
        var known = Functions.Functions.All.Select(f => f.Name).Concat(Operations.All.Select(o => o.Name)).Concat(_functions.Keys);
        if (NameSuggestions.Closest(name, known) is { } suggestion)
            Note($"note: '{name}' is not a known function; did you mean '{suggestion}'? (treated as an undefined function)");
    }

    /// <summary>Writes an extra output line (a trace or derivation step) before the statement's value.</summary>
    internal void WriteLine(string line) => _currentOutput?.Add(line);

    private void Define(FunctionDefinitionSyntax f)
    {
        CheckAssignable(f.Name);
        var seen = new HashSet<string>();
        foreach (var p in f.Parameters)
        {
            if (!seen.Add(p.Name)) throw new SymbolicException($"parameter '{p.Name}' appears twice", p.Span);
            if (TryGetConstant(p.Name) is not null) throw new SymbolicException($"'{p.Name}' is a constant and cannot be a parameter", p.Span);
        }
        // Parameters shadow bindings of the same name while the body is evaluated.
        var shadowed = f.Parameters.Where(p => _bindings.ContainsKey(p.Name)).ToDictionary(p => p.Name, p => _bindings[p.Name]);
        foreach (var name in shadowed.Keys) _bindings.Remove(name);
        try
        {
            var body = EvaluateStatement(f.Body);
            _bindings.Remove(f.Name.Name);
            _functions[f.Name.Name] = new UserFunction(f.Name.Name, [.. f.Parameters.Select(p => Expr.Symbol(p.Name))], body);
        }
        finally
        {
            foreach (var (name, value) in shadowed) _bindings[name] = value;
        }
    }

    private void CheckAssignable(IdentifierSyntax name)
    {
        if (TryGetConstant(name.Name) is not null)
            throw new SymbolicException($"'{name.Name}' is a constant and cannot be rebound", name.Span);
        if (Functions.Functions.IsBuiltIn(name.Name) || Operations.Contains(name.Name))
            throw new SymbolicException($"'{name.Name}' is a built-in function and cannot be rebound", name.Span);
    }

    private StatementOutcome RunCommand(CommandSyntax c, List<string> output)
    {
        if (!Commands.TryGet(c.Name, out var command))
            return new StatementOutcome(c.Span, output, new Diagnostic($"unknown command ':{c.Name}'; try :help", c.Span));
        var call = new CommandCall(this, c.Name, c.Argument, c.Span, output);
        command.Handler(call);
        return new StatementOutcome(c.Span, output, null, call.QuitRequested);
    }

    /// <summary>The value bound to <paramref name="name"/> by <c>name = expr</c>.</summary>
    public bool TryGetBinding(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Value? value) => _bindings.TryGetValue(name, out value);

    /// <summary>The function defined as <paramref name="name"/> by <c>f(x) = expr</c>.</summary>
    public bool TryGetFunction(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UserFunction? function) => _functions.TryGetValue(name, out function);

    /// <summary>The bindings, by name.</summary>
    public IEnumerable<KeyValuePair<string, Value>> Bindings => _bindings.OrderBy(b => b.Key, StringComparer.Ordinal);

    /// <summary>The user functions, by name.</summary>
    public IEnumerable<UserFunction> UserFunctions => _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal);

    /// <summary>Forgets every binding and user function.</summary>
    public void Clear()
    {
        _bindings.Clear();
        _functions.Clear();
    }

    /// <summary><c>pi</c> (also <c>π</c>) and <c>e</c>: constants that cannot be rebound.</summary>
    public Expr? TryGetConstant(string name) => name switch
    {
        "pi" or "π" => Expr.Pi,
        "e" => Expr.E,
        _ => null,
    };
}
