using System.Collections.Immutable;
using Symbolic.Algebra;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>What one statement produced: lines for stdout, or an error, or a request to quit.</summary>
/// <param name="Output">Lines to print: trace or step lines first, then the value (none for a binding).</param>
public sealed record StatementOutcome(TextSpan Span, IReadOnlyList<string> Output, Diagnostic? Error, bool Quit = false);

/// <summary>A user-defined function <c>f(x, y) = body</c>, applied by substituting its arguments.</summary>
public sealed class UserFunction(string name, ImmutableArray<Symbol> parameters, Value body)
{
    public string Name { get; } = name;
    public ImmutableArray<Symbol> Parameters { get; } = parameters;
    public Value Body { get; } = body;

    public Value Apply(IReadOnlyList<Expr> args)
    {
        var map = new Dictionary<Symbol, Expr>();
        for (int i = 0; i < Parameters.Length; i++) map[Parameters[i]] = args[i];
        return Body switch
        {
            ExprValue e => new ExprValue(Substitution.Substitute(e.Expr, map)),
            MatrixValue m => new MatrixValue(m.Matrix.Map(x => Substitution.Substitute(x, map))),
            _ => Body,
        };
    }

    public override string ToString() => $"{Name}({string.Join(", ", Parameters.Select(p => p.Name))}) = {Body.Display()}";
}

/// <summary>
/// The state of a REPL session — bindings and user functions — and the loop body that runs
/// statements. A failing statement reports a diagnostic and leaves the session usable.
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

    public Session() => _evaluator = new Evaluator(this);

    /// <summary>Runs every statement of <paramref name="source"/> in order, lazily, stopping after <c>:quit</c>.</summary>
    public IEnumerable<StatementOutcome> Execute(string source)
    {
        foreach (var parsed in SyntaxParser.ParseStatements(source))
        {
            if (parsed.Error is { } error)
            {
                yield return new StatementOutcome(parsed.Span, [], error);
                continue;
            }
            var outcome = Run(parsed.Statement!);
            yield return outcome;
            if (outcome.Quit) yield break;
        }
    }

    /// <summary>Evaluates one expression (no statements) in this session.</summary>
    public Value Evaluate(string expression) => _evaluator.Evaluate(SyntaxParser.ParseExpression(expression));

    internal Value Evaluate(ExprSyntax syntax) => _evaluator.Evaluate(syntax);

    private StatementOutcome Run(StatementSyntax statement)
    {
        var output = new List<string>();
        try
        {
            switch (statement)
            {
                case ExpressionStatementSyntax s:
                    _currentOutput = output;
                    output.Add(_evaluator.Evaluate(s.Expression).Display());
                    break;
                case BindingSyntax b:
                    CheckAssignable(b.Name);
                    var value = _evaluator.Evaluate(b.Value);
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
            return new StatementOutcome(statement.Span, output, ex.Span == default ? ex.Diagnostic with { Span = statement.Span } : ex.Diagnostic);
        }
        catch (InsufficientExecutionStackException)
        {
            return new StatementOutcome(statement.Span, output, new Diagnostic("expression is nested too deeply", statement.Span));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or a resource limit must not end the session; report it against the statement.
            return new StatementOutcome(statement.Span, output,
                new Diagnostic($"internal error ({ex.GetType().Name}): {ex.Message}", statement.Span));
        }
        finally
        {
            _currentOutput = null;
        }
    }

    private List<string>? _currentOutput;

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
            var body = _evaluator.Evaluate(f.Body);
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
        switch (c.Name)
        {
            case "quit" or "q" or "exit":
                return new StatementOutcome(c.Span, output, null, Quit: true);
            case "help" or "h":
                output.AddRange(HelpText.Lines);
                break;
            case "vars":
                foreach (var (name, value) in _bindings.OrderBy(b => b.Key, StringComparer.Ordinal)) output.Add($"{name} = {value.Display()}");
                foreach (var f in _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)) output.Add(f.ToString());
                if (output.Count == 0) output.Add("(no variables or functions defined)");
                break;
            case "clear":
                _bindings.Clear();
                _functions.Clear();
                break;
            default:
                return new StatementOutcome(c.Span, output, new Diagnostic($"unknown command ':{c.Name}'; try :help", c.Span));
        }
        return new StatementOutcome(c.Span, output, null);
    }

    public bool TryGetBinding(string name, out Value value) => _bindings.TryGetValue(name, out value!);

    public bool TryGetFunction(string name, out UserFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary><c>pi</c> (also <c>π</c>) and <c>e</c>: constants that cannot be rebound.</summary>
    public Expr? TryGetConstant(string name) => name switch
    {
        "pi" or "π" => Expr.Pi,
        "e" => Expr.E,
        _ => null,
    };
}
