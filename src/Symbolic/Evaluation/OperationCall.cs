using Symbolic.Linear;
using Symbolic.Syntax;

namespace Symbolic.Evaluation;

/// <summary>
/// The arguments of a call to an operation such as <c>diff</c>, with helpers that evaluate and check
/// them and locate every error at the argument it is about.
/// </summary>
internal sealed class OperationCall
{
    private readonly Evaluator _evaluator;
    private readonly List<ArgumentSyntax> _positional = new();
    private readonly Dictionary<string, ArgumentSyntax> _named = new(StringComparer.Ordinal);
    private readonly Value?[] _values;

    public OperationCall(Evaluator evaluator, CallSyntax syntax)
    {
        _evaluator = evaluator;
        Syntax = syntax;
        foreach (var a in syntax.Arguments)
        {
            if (a.Name is null) _positional.Add(a);
            else if (!_named.TryAdd(a.Name.Name, a))
                throw new SymbolicException($"argument '{a.Name.Name}' is given twice", a.Span);
        }
        _values = new Value?[_positional.Count];
    }

    public CallSyntax Syntax { get; }

    public string Name => Syntax.Name.Name;

    public Session Session => _evaluator.Session;

    public int Count => _positional.Count;

    public IReadOnlyDictionary<string, ArgumentSyntax> Named => _named;

    public ExprSyntax SyntaxAt(int i) => _positional[i].Value;

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

    public Value Arg(int i) => _values[i] ??= _evaluator.Evaluate(SyntaxAt(i));

    public Value Evaluate(ExprSyntax syntax) => _evaluator.Evaluate(syntax);

    public Expr ExprArg(int i, string what = "an expression") =>
        Arg(i) is ExprValue e ? e.Expr : throw Error(i, $"expected {what}, got {Arg(i).KindWithArticle}");

    public Symbol SymbolArg(int i, string what = "a variable")
    {
        var e = ExprArg(i, what);
        return e as Symbol ?? throw Error(i, $"expected {what} (a symbol), got '{e}'");
    }

    public int IntegerArg(int i, string what, int min = 0)
    {
        var e = ExprArg(i, what);
        if (e is Number { IsInteger: true } n && n.Exact.Numerator >= min && n.Exact.Numerator <= 100_000)
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

    public SymbolicException Error(int i, string message) => new(message, SpanAt(i));
}
