using Symbolic.Linear;
using Symbolic.Syntax;

namespace Symbolic.Language;

/// <summary>
/// The arguments of one call of an operation such as <c>diff</c>, with helpers that evaluate and check
/// them and locate every error at the argument it is about. Arguments are evaluated on demand, so an
/// operation may also read an argument's syntax unevaluated (as <c>steps(diff(e, x))</c> does).
/// </summary>
public sealed class OperationCall
{
    private readonly Evaluator _evaluator;
    private readonly List<ArgumentSyntax> _positional = new();
    private readonly Dictionary<string, ArgumentSyntax> _named = new(StringComparer.Ordinal);
    private readonly Value?[] _values;

    internal OperationCall(Evaluator evaluator, OperationDef operation, CallSyntax syntax)
    {
        _evaluator = evaluator;
        Operation = operation;
        Syntax = syntax;
        foreach (var a in syntax.Arguments)
        {
            if (a.Name is null) _positional.Add(a);
            else if (!_named.TryAdd(a.Name.Name, a))
                throw new SymbolicException($"argument '{a.Name.Name}' is given twice", a.Span);
        }
        _values = new Value?[_positional.Count];
    }

    internal CallSyntax Syntax { get; }

    /// <summary>The operation being called.</summary>
    public OperationDef Operation { get; }

    /// <summary>The operation's name.</summary>
    public string Name => Syntax.Name.Name;

    /// <summary>The session the call runs in.</summary>
    public Session Session => _evaluator.Session;

    /// <summary>The span of the whole call.</summary>
    public TextSpan Span => Syntax.Span;

    /// <summary>The number of positional arguments.</summary>
    public int Count => _positional.Count;

    /// <summary>The names of the named arguments, in source order.</summary>
    public IEnumerable<string> NamedArguments => _named.Keys;

    /// <summary>True when the statement has read a decimal literal so far (see <see cref="Value.Decimals"/>).</summary>
    public bool Decimals => _evaluator.SawDecimals;

    internal IReadOnlyDictionary<string, ArgumentSyntax> Named => _named;

    internal ExprSyntax SyntaxAt(int i) => _positional[i].Value;

    /// <summary>The span of positional argument <paramref name="i"/>.</summary>
    public TextSpan SpanAt(int i) => _positional[i].Span;

    /// <summary>Checks the number of positional arguments against the operation's usage line.</summary>
    public void ExpectCount(int min, int max, string usage)
    {
        if (Count >= min && Count <= max) return;
        string expected = min == max ? Functions.Functions.Plural(min, "argument")
            : max == int.MaxValue ? $"at least {Functions.Functions.Plural(min, "argument")}"
            : $"{min} to {max} arguments";
        throw new SymbolicException($"{Name} takes {expected}, got {Count}; usage: {usage}", Syntax.Span);
    }

    /// <summary>Rejects named arguments other than <paramref name="allowed"/>.</summary>
    public void AllowNamed(params string[] allowed)
    {
        foreach (var (name, arg) in _named)
            if (!allowed.Contains(name))
                throw new SymbolicException(allowed.Length == 0
                    ? $"{Name} takes no named arguments"
                    : $"{Name} has no option '{name}'; options: {string.Join(", ", allowed)}", arg.Name!.Span);
    }

    /// <summary>Positional argument <paramref name="i"/>, evaluated once.</summary>
    public Value Arg(int i) => _values[i] ??= _evaluator.Evaluate(SyntaxAt(i));

    /// <summary>The value of option <paramref name="name"/>: as given in the call, else its declared default.</summary>
    /// <exception cref="ArgumentException">The operation declares no such option.</exception>
    public Value Option(string name)
    {
        if (_named.TryGetValue(name, out var given)) return _evaluator.Evaluate(given.Value);
        var option = Operation.Options.FirstOrDefault(o => o.Name == name)
            ?? throw new ArgumentException($"operation '{Operation.Name}' declares no option '{name}'", nameof(name));
        return _evaluator.Evaluate(SyntaxParser.ParseExpression(option.Default));
    }

    /// <summary>The span of option <paramref name="name"/>'s value as written in the call, or the whole call's span
    /// when the call leaves the option to its default: where an error about the option's value points.</summary>
    public TextSpan OptionSpan(string name) => _named.TryGetValue(name, out var given) ? given.Value.Span : Span;

    internal Value Evaluate(ExprSyntax syntax) => _evaluator.Evaluate(syntax);

    /// <summary>True when the call is the whole expression of its statement, not an argument or operand of something else.</summary>
    public bool IsWholeStatement => ReferenceEquals(Syntax, _evaluator.StatementRoot);

    /// <summary>Writes an extra output line (a trace or derivation step) before the statement's value.</summary>
    public void WriteLine(string line) => Session.WriteLine(line);

    /// <summary>Positional argument <paramref name="i"/> as a scalar expression.</summary>
    public Expr ExprArg(int i, string what = "an expression") =>
        Arg(i) is ExprValue e ? e.Expr : throw Error(i, $"expected {what}, got {Arg(i).KindWithArticle}");

    /// <summary>Positional argument <paramref name="i"/> as a symbol.</summary>
    public Symbol SymbolArg(int i, string what = "a variable")
    {
        var e = ExprArg(i, what);
        return e as Symbol ?? throw Error(i, $"expected {what} (a symbol), got '{e}'");
    }

    /// <summary>Positional argument <paramref name="i"/> as an integer of at least <paramref name="min"/>
    /// (how large it may be is the operation's budget in the compute context, e.g. the series order).</summary>
    public int IntegerArg(int i, string what, int min = 0)
    {
        var e = ExprArg(i, what);
        if (e is Number { IsInteger: true } n && n.Exact.Numerator >= min && n.Exact.Numerator <= int.MaxValue)
            return (int)n.Exact.Numerator;
        throw Error(i, $"expected {what} (an integer of at least {min}), got '{e}'");
    }

    /// <summary>A list of variables: <c>[x, y]</c>, or a single symbol.</summary>
    public Symbol[] SymbolListArg(int i)
    {
        var value = Arg(i);
        IEnumerable<Expr> items = value switch
        {
            MatrixValue { Matrix.IsVector: true } m => m.Matrix.Elements,
            ExprValue e => [e.Expr],
            _ => throw Error(i, $"expected a list of variables such as [x, y], got {value.KindWithArticle}"),
        };
        var symbols = new List<Symbol>();
        foreach (var item in items)
        {
            if (item is not Symbol s) throw Error(i, $"expected a list of variables such as [x, y], but '{item}' is not a symbol");
            if (symbols.Contains(s)) throw Error(i, $"variable '{s.Name}' appears twice");
            symbols.Add(s);
        }
        return [.. symbols];
    }

    /// <summary>A vector of expressions, or a single expression as a vector of one.</summary>
    public Expr[] ExprListArg(int i, string what)
    {
        return Arg(i) switch
        {
            MatrixValue { Matrix.IsVector: true } m => m.Matrix.ToVectorArray(),
            ExprValue e => [e.Expr],
            var v => throw Error(i, $"expected {what}, got {v.KindWithArticle}"),
        };
    }

    /// <summary>An error located at positional argument <paramref name="i"/>.</summary>
    public SymbolicException Error(int i, string message) => new(message, SpanAt(i));
}
