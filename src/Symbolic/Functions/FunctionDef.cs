using System.Collections.Immutable;
using System.Linq.Expressions;
using System.Reflection;
using LinqExpression = System.Linq.Expressions.Expression;

namespace Symbolic.Functions;

/// <summary>
/// Everything the system knows about one function, in one place: its name and arity (a range where
/// arguments are optional, as in <c>log(x)</c> and <c>log(x, b)</c>), its numeric implementation and the
/// static methods behind it (for the compiler), the partial derivative with respect to each argument, its
/// automatic simplification, its Taylor series rule, its LaTeX form, where it is not smooth, and its help
/// line. Adding a function, unary or binary, is adding one entry to <see cref="Functions"/>.
/// </summary>
public sealed class FunctionDef
{
    private readonly ImmutableArray<MethodInfo?> _methods;
    private readonly LatexForm?[] _operatorForms;

    internal FunctionDef(string name, int minArity, int maxArity, string rule, bool isUndefined = false,
        Func<double, double>? unary = null, Func<double, double, double>? binary = null)
    {
        if (minArity < 0 || maxArity < minArity) throw new ArgumentOutOfRangeException(nameof(maxArity));
        Name = name;
        MinArity = minArity;
        MaxArity = maxArity;
        Rule = rule;
        IsUndefined = isUndefined;
        Evaluate = unary;
        EvaluateBinary = binary;
        // The compiler calls these directly, so they must be static methods (method groups, not lambdas).
        var methods = new MethodInfo?[maxArity - minArity + 1];
        for (int n = minArity; n <= maxArity; n++)
        {
            Delegate? d = n switch { 1 => unary, 2 => binary, _ => null };
            if (d is not null && !d.Method.IsStatic)
                throw new ArgumentException($"function '{name}': the numeric implementation must be a static method", nameof(unary));
            methods[n - minArity] = d?.Method;
        }
        _methods = [.. methods];
        _operatorForms = new LatexForm?[maxArity + 1];
        LatexName = isUndefined ? (name.Length == 1 ? name : $@"\operatorname{{{name}}}") : $@"\operatorname{{{name}}}";
        Help = "";
        Group = isUndefined ? "undefined" : "";
        Signature = name + "(" + string.Join(", ", Enumerable.Range(1, minArity).Select(i => minArity == 1 ? "x" : $"x{i}")) + ")";
    }

    /// <summary>The name a call uses, such as <c>sin</c> or <c>atan2</c>.</summary>
    public string Name { get; }

    /// <summary>The smallest number of arguments the function takes (the only one unless <see cref="MaxArity"/> is larger).</summary>
    public int Arity => MinArity;

    /// <summary>The smallest number of arguments the function takes.</summary>
    public int MinArity { get; }

    /// <summary>The largest number of arguments the function takes (2 for <c>log</c>, which accepts a base).</summary>
    public int MaxArity { get; }

    /// <summary>True when a call with <paramref name="count"/> arguments is allowed.</summary>
    public bool AcceptsArity(int count) => count >= MinArity && count <= MaxArity;

    /// <summary>The allowed numbers of arguments in words: "1 argument", "1 or 2 arguments", "2 to 4 arguments".</summary>
    public string ArityText => MinArity == MaxArity ? Functions.Plural(MinArity, "argument")
        : MaxArity == MinArity + 1 ? $"{MinArity} or {MaxArity} arguments"
        : $"{MinArity} to {MaxArity} arguments";

    /// <summary>Throws the user-facing arity error unless a call with <paramref name="count"/> arguments is allowed.</summary>
    /// <exception cref="SymbolicException">The number of arguments is outside the function's arity.</exception>
    public void CheckArity(int count)
    {
        if (!AcceptsArity(count))
            throw new SymbolicException($"function '{Name}' takes {ArityText}, got {count}");
    }

    // ------------------------------------------------------------------ numeric

    /// <summary>The numeric implementation of a one-argument call (the interpreter's fast path); null when the function takes no single argument or is undefined.</summary>
    public Func<double, double>? Evaluate { get; }

    /// <summary>The numeric implementation of a two-argument call; null when the function takes no two arguments or is undefined.</summary>
    public Func<double, double, double>? EvaluateBinary { get; }

    /// <summary>The static method behind a call with <see cref="MinArity"/> arguments, for compiling to System.Linq.Expressions.</summary>
    public MethodInfo? Method => MethodFor(MinArity);

    /// <summary>The static method taking <paramref name="arity"/> doubles that computes a call with that many arguments, or null.</summary>
    public MethodInfo? MethodFor(int arity) => AcceptsArity(arity) ? _methods[arity - MinArity] : null;

    /// <summary>The value of a call at double-precision arguments, for any arity the function accepts.</summary>
    /// <exception cref="SymbolicException">The function is undefined or does not take this many arguments.</exception>
    public double Compute(ReadOnlySpan<double> arguments)
    {
        if (IsUndefined) throw new SymbolicException($"cannot evaluate the undefined function '{Name}'");
        CheckArity(arguments.Length);
        switch (arguments.Length)
        {
            case 1 when Evaluate is { } f: return f(arguments[0]);
            case 2 when EvaluateBinary is { } g: return g(arguments[0], arguments[1]);
        }
        var method = MethodFor(arguments.Length)
                     ?? throw new SymbolicException($"function '{Name}' has no numeric implementation for {Functions.Plural(arguments.Length, "argument")}");
        var boxed = new object?[arguments.Length];
        for (int i = 0; i < boxed.Length; i++) boxed[i] = arguments[i];
        return (double)method.Invoke(null, boxed)!;
    }

    /// <summary>Builds the System.Linq.Expressions node that computes a call from its compiled arguments (a call of <see cref="MethodFor"/> unless the entry says otherwise).</summary>
    /// <exception cref="SymbolicException">The function is undefined or does not take this many arguments.</exception>
    public LinqExpression BuildExpression(IReadOnlyList<LinqExpression> arguments)
    {
        Guard.NoNulls(arguments);
        CheckArity(arguments.Count);
        if (ExpressionBuilder is { } build) return build(arguments);
        var method = MethodFor(arguments.Count)
                     ?? throw new SymbolicException($"cannot compile the function '{Name}' with {Functions.Plural(arguments.Count, "argument")}");
        return LinqExpression.Call(method, arguments);
    }

    /// <summary>A custom System.Linq.Expressions builder, when a call is not simply a call of its static method.</summary>
    internal Func<IReadOnlyList<LinqExpression>, LinqExpression>? ExpressionBuilder { get; init; }

    // ------------------------------------------------------------------ calculus

    /// <summary>The rule behind <see cref="Partial"/>: (arguments, i) to the partial derivative by argument i.</summary>
    internal Func<ImmutableArray<Expr>, int, Expr>? PartialRule { get; init; }

    /// <summary>One-argument entries give f'(u) here; it becomes their <see cref="PartialRule"/>.</summary>
    internal Func<Expr, Expr> Derivative
    {
        init => PartialRule = (args, _) => value(args[0]);
    }

    /// <summary>
    /// The partial derivative of f(u_1, ..., u_n) with respect to its argument <paramref name="i"/> (0-based),
    /// as an expression of the arguments (SymPy's fdiff, GiNaC's derivative_func). The differentiator and
    /// <c>steps</c> apply the chain rule over all arguments with it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The function is undefined (its derivative stays unevaluated).</exception>
    public Expr Partial(ImmutableArray<Expr> arguments, int i)
    {
        CheckArguments(arguments);
        if (PartialRule is not { } rule) throw new InvalidOperationException($"function '{Name}' has no derivative rule");
        CheckArity(arguments.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, arguments.Length);
        return rule(arguments, i);
    }

    /// <summary>Automatic simplification when a call is built (sin(0) = 0, exp(log(u)) = u, log(x, b) = log(x)/log(b)); it returns null for no change.</summary>
    public Func<ImmutableArray<Expr>, Expr?>? Simplify { get; internal init; }

    /// <summary>One-argument entries give their simplification of u here; it becomes <see cref="Simplify"/>.</summary>
    internal Func<Expr, Expr?> Simplify1
    {
        init => Simplify = args => args.Length == 1 ? value(args[0]) : null;
    }

    /// <summary>
    /// Automatic simplification of a power of a call, f(args)^k, while the power is built (abs(u)^2 = u^2);
    /// null for no change. The power factory asks the base's entry, so the rule stays with the function.
    /// </summary>
    internal Func<ImmutableArray<Expr>, Expr, Expr?>? SimplifyPower { get; init; }

    /// <summary>
    /// The reflection f(-u) written with f(u), for a function that has one: sigmoid(-u) = 1 - sigmoid(u),
    /// softplus(-u) = softplus(u) - u, relu(-u) = relu(u) - u. <c>simplify</c> brings both signs of an argument
    /// to one kernel with it (so sigmoid(x) + sigmoid(-x) is 1) and back where that is shorter.
    /// </summary>
    internal Func<Expr, Expr>? Reflection { get; init; }

    /// <summary>
    /// For a quotient of two other entries, f(u) = n(u)/d(u) (tan = sin/cos, tanh = sinh/cosh): <c>simplify</c>
    /// rewrites f by it when n or d of the same argument occurs beside it, and n/d back to f.
    /// </summary>
    internal (FunctionDef Numerator, FunctionDef Denominator)? Quotient { get; init; }

    /// <summary>The Taylor series rule over the series ring; null falls back to differentiation.</summary>
    internal SeriesRule? Series { get; init; }

    /// <summary>The name of the rule in derivation steps: "trig" for "trig rule", "log", "sigmoid", ...</summary>
    public string Rule { get; }

    // ------------------------------------------------------------------ smoothness

    /// <summary>Distance from the arguments to the nearest kink, jump or branch cut; null for a function smooth wherever it is defined.</summary>
    internal DistanceRule? KinkDistance { get; init; }

    /// <summary>True when the function has no kink, jump or branch cut anywhere it is defined (poles, like tan at pi/2, are not kinks).</summary>
    public bool IsSmooth => KinkDistance is null;

    /// <summary>How far <paramref name="arguments"/> lie from the nearest point where the function is not smooth (0 at relu's kink); +Infinity for smooth functions.</summary>
    public double DistanceToKink(ReadOnlySpan<double> arguments) =>
        KinkDistance is { } d ? d(arguments) : double.PositiveInfinity;

    /// <summary>A kink, a jump or a branch cut at <paramref name="value"/> of the only argument: the distance |u - value|.</summary>
    internal double UnaryKinkAt { init => KinkDistance = args => Math.Abs(args[0] - value); }

    // ------------------------------------------------------------------ printing and help

    /// <summary>The LaTeX operator of the default form <c>name\left(args\right)</c>: <c>\sin</c>, <c>\operatorname{sigmoid}</c>.</summary>
    public string LatexName { get; internal init; }

    /// <summary>The entry's own LaTeX formatter (e^{u}, |u|, \log_{b}(x)); null uses <see cref="LatexName"/>.</summary>
    internal Func<ImmutableArray<Expr>, LatexForm>? LatexFormatter { get; init; }

    private static void CheckArguments(ImmutableArray<Expr> arguments)
    {
        if (arguments.IsDefault) throw new ArgumentNullException(nameof(arguments));
        foreach (var a in arguments)
            if (a is null) throw Guard.NullElement(nameof(arguments));
    }

    /// <summary>The LaTeX form of a call with these arguments: the text around each argument, and how tightly it binds.</summary>
    public LatexForm Latex(ImmutableArray<Expr> arguments)
    {
        CheckArguments(arguments);
        if (LatexFormatter is { } format) return format(arguments);
        int n = arguments.Length;
        if (n >= _operatorForms.Length) return LatexForm.Operator(LatexName, n);
        return _operatorForms[n] ??= LatexForm.Operator(LatexName, n);
    }

    /// <summary>How a call is written: <c>log(x)</c>, <c>log(x, b)</c>, <c>atan2(y, x)</c>.</summary>
    public string Signature { get; internal init; }

    /// <summary>The one-line help text shown by <c>:help</c>.</summary>
    public string Help { get; internal init; }

    /// <summary>The group the help lists the function under: "elementary", "trigonometric", "hyperbolic", "machine learning", "piecewise".</summary>
    public string Group { get; internal init; }

    /// <summary>True for a name that is neither built in nor defined, like <c>g</c> in <c>g(x)</c>.</summary>
    public bool IsUndefined { get; }

    /// <summary>
    /// The canonical form of a call while it is built: the entry's simplification, then, for all-numeric
    /// arguments with at least one float, the floating-point value.
    /// </summary>
    internal Expr? AutoEvaluate(ImmutableArray<Expr> arguments)
    {
        if (Simplify is { } simplify && simplify(arguments) is { } simpler) return simpler;
        if (IsUndefined) return null;
        bool anyFloat = false;
        foreach (var a in arguments)
        {
            if (a is not Number n) return null;
            anyFloat |= !n.IsExact;
        }
        if (!anyFloat) return null;
        Span<double> values = stackalloc double[arguments.Length];
        for (int i = 0; i < values.Length; i++) values[i] = ((Number)arguments[i]).Value;
        return Expr.Float(Compute(values));
    }

    /// <summary>The function's name.</summary>
    public override string ToString() => Name;
}

/// <summary>The distance from double-precision arguments to a function's nearest kink.</summary>
internal delegate double DistanceRule(ReadOnlySpan<double> arguments);

/// <summary>
/// The LaTeX of a call as a template: text pieces and argument slots, each argument printed whole
/// (the template encloses it, so it never needs parentheses of its own): <c>\sin\left(</c> 0 <c>\right)</c>,
/// <c>e^{</c> 0 <c>}</c>, <c>\log_{</c> 1 <c>}\left(</c> 0 <c>\right)</c>.
/// </summary>
public sealed class LatexForm
{
    /// <summary>A form from its pieces: strings are written as they are, integers are argument indices.</summary>
    public LatexForm(bool isSuperscript, params object[] pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        foreach (var p in pieces)
            if (p is not (string or int)) throw new ArgumentException("a LaTeX piece is a string or an argument index", nameof(pieces));
        Pieces = [.. pieces];
        IsSuperscript = isSuperscript;
    }

    /// <summary>The pieces in reading order: a <see cref="string"/> is literal LaTeX, an <see cref="int"/> the index of an argument.</summary>
    public ImmutableArray<object> Pieces { get; }

    /// <summary>True when the form is a superscript like <c>e^{u}</c>, which binds like a power (parenthesized as the base of another power).</summary>
    public bool IsSuperscript { get; }

    /// <summary>The usual form: <c>op\left(a_0, a_1\right)</c>.</summary>
    public static LatexForm Operator(string op, int arity)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfNegative(arity);
        var pieces = new List<object> { op + @"\left(" };
        for (int i = 0; i < arity; i++)
        {
            if (i > 0) pieces.Add(", ");
            pieces.Add(i);
        }
        pieces.Add(@"\right)");
        return new LatexForm(false, [.. pieces]);
    }
}
